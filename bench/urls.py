from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/hello/", views.hello),
    path("bench/fifty-rows/", views.fifty_rows),
    path("", include("config.urls")),
]
