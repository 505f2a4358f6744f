from django.urls import path

from . import import_views, views

app_name = "volunteers"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("welcome/", views.after_login, name="after-login"),
    path("session/keep-alive/", views.keep_alive, name="keep-alive"),
    path("portal/", views.portal, name="portal"),
    path("portal/details/", views.portal_details, name="portal-details"),
    path("portal/diversity/", views.portal_diversity, name="portal-diversity"),
    path("portal/notifications/", views.portal_notifications, name="portal-notifications"),
    path("staff/today/", views.today, name="today"),
    path("staff/people/", views.people_list, name="people-list"),
    path("staff/people/export.csv", views.people_export, name="people-export"),
    path("staff/people/new/", views.person_create, name="person-create"),
    path("staff/people/import/", import_views.import_start, name="import-start"),
    path("staff/people/import/template.csv", import_views.import_template, name="import-template"),
    path("staff/people/import/<int:pk>/", import_views.import_detail, name="import-detail"),
    path(
        "staff/people/import/<int:pk>/progress/",
        import_views.import_progress,
        name="import-progress",
    ),
    path(
        "staff/people/import/<int:pk>/bring-in/", import_views.import_confirm, name="import-confirm"
    ),
    path(
        "staff/people/import/<int:pk>/report.csv", import_views.import_report, name="import-report"
    ),
    path("staff/people/<int:pk>/", views.person_detail, name="person-detail"),
    path("staff/people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("staff/people/<int:pk>/memberships/", views.membership_add, name="membership-add"),
    path("staff/people/<int:pk>/diversity/", views.person_diversity, name="person-diversity"),
    path("staff/memberships/<int:pk>/status/", views.membership_status, name="membership-status"),
    path("staff/diversity/", views.diversity_report, name="diversity-report"),
]
