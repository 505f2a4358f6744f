from django.urls import path

from . import views

app_name = "psv"

urlpatterns = [
    path("staff/psv/roles/", views.catalogue, name="catalogue"),
    path("staff/psv/roles/export.csv", views.catalogue_export, name="catalogue-export"),
    path("staff/psv/placements/", views.placements, name="placements"),
    path("staff/psv/placements/export.csv", views.placements_export, name="placements-export"),
    path("staff/psv/placements/new/", views.placement_add, name="placement-add"),
    path("staff/psv/placements/<int:pk>/", views.placement, name="placement"),
    path("staff/psv/placements/<int:pk>/hours/", views.placement_hours, name="placement-hours"),
    path("staff/psv/placements/<int:pk>/end/", views.placement_end, name="placement-end"),
    path("staff/esv/activities/", views.activities, name="activities"),
    path("staff/esv/activities/export.csv", views.activities_export, name="activities-export"),
    path("portal/esv/activities/", views.my_activities, name="my-activities"),
]
