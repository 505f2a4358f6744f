from django.urls import path

from . import views

app_name = "custody"

urlpatterns = [
    path("staff/custody/rota/", views.rota_page, name="rota"),
    path("staff/custody/rota/plan/", views.rota_plan, name="rota-plan"),
    path("staff/custody/rota/<int:pk>/publish/", views.rota_publish, name="rota-publish"),
    path("staff/custody/swaps/<int:pk>/decide/", views.swap_decide, name="swap-decide"),
    path("staff/custody/reports/", views.reports, name="reports"),
    path("staff/custody/reports/export.csv", views.reports_export, name="reports-export"),
    path("custody/reports/<int:pk>/", views.report, name="report"),
    path("staff/custody/concerns/", views.issues, name="issues"),
    path("staff/custody/concerns/export.csv", views.issues_export, name="issues-export"),
    path("custody/concerns/<int:pk>/", views.issue, name="issue"),
    path("custody/concerns/<int:pk>/answer/", views.issue_respond, name="issue-respond"),
    path("staff/custody/concerns/<int:pk>/escalate/", views.issue_escalate, name="issue-escalate"),
    path("staff/custody/concerns/<int:pk>/close/", views.issue_close, name="issue-close"),
    path("staff/custody/summary/", views.summary_page, name="summary"),
    path("staff/custody/summary/export.csv", views.summary_export, name="summary-export"),
    path("staff/custody/summary/report.pdf", views.summary_pdf, name="summary-pdf"),
    path("portal/custody/", views.my_visits, name="my-visits"),
    path("portal/custody/availability/<str:quarter>/", views.availability, name="availability"),
    path("portal/custody/visits/<int:pk>/", views.my_visit, name="my-visit"),
    path("portal/custody/visits/<int:pk>/swap/", views.swap, name="swap"),
    path("force/custody/", views.force_home, name="force-home"),
]
