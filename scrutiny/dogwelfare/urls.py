from django.urls import path

from . import views

app_name = "dogwelfare"

urlpatterns = [
    path("staff/dogs/", views.coverage_page, name="coverage"),
    path("staff/dogs/coverage.csv", views.coverage_export, name="coverage-export"),
    path("staff/dogs/plan/", views.plan_next, name="plan"),
    path("staff/dogs/register/", views.register, name="register"),
    path("staff/dogs/register/export.csv", views.register_export, name="register-export"),
    path("staff/dogs/import/", views.dog_import, name="import"),
    path("staff/dogs/import/<int:pk>/", views.import_check, name="import-check"),
    path("staff/dogs/import/<int:pk>/confirm/", views.import_confirm, name="import-confirm"),
    path("dogs/<int:pk>/", views.dog, name="dog"),
    path("staff/dogs/<int:pk>/assign/", views.dog_assign, name="dog-assign"),
    path("staff/dogs/visits/", views.visits, name="visits"),
    path("dogs/visits/<int:pk>/", views.visit, name="visit"),
    path("staff/dogs/concerns/", views.issues, name="issues"),
    path("staff/dogs/concerns/export.csv", views.issues_export, name="issues-export"),
    path("dogs/concerns/<int:pk>/", views.issue, name="issue"),
    path("dogs/concerns/<int:pk>/answer/", views.issue_respond, name="issue-respond"),
    path("staff/dogs/concerns/<int:pk>/escalate/", views.issue_escalate, name="issue-escalate"),
    path("staff/dogs/concerns/<int:pk>/close/", views.issue_close, name="issue-close"),
    path("staff/dogs/meetings/", views.meetings, name="meetings"),
    path("staff/dogs/report/", views.annual, name="annual"),
    path("staff/dogs/report/export.csv", views.annual_export, name="annual-export"),
    path("staff/dogs/report/report.pdf", views.annual_pdf, name="annual-pdf"),
    path("portal/dogs/", views.my_dogs, name="my-dogs"),
    path("portal/dogs/visits/<int:pk>/", views.visit_form, name="visit-form"),
    path("force/dogs/", views.force_dogs, name="force-dogs"),
]
