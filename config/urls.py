from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views

# The admin's own login page is bypassed: people sign in through allauth, so rate limits
# and MFA apply to the admin too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Citizens in Policing Hub administration"
admin.site.site_title = "Citizens in Policing Hub admin"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("volunteers.urls")),
    path("", include("schemes.urls")),
    path("", include("careers.urls")),
    path("", include("esp.urls")),
    path("", include("schemes.psv.urls")),
    path("", include("scrutiny.custody.urls")),
    path("", include("scrutiny.dogwelfare.urls")),
]
