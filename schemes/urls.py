from django.urls import path

from . import feeds
from .views import portal, recruitment, staff, strategy

app_name = "schemes"

urlpatterns = [
    # Coordinators and OPCC staff
    path("staff/roster/", staff.roster, name="roster"),
    path("staff/duties/new/", staff.duty_create, name="duty-create"),
    path("staff/duties/<int:pk>/", staff.duty_detail, name="duty-detail"),
    path("staff/duties/<int:pk>/edit/", staff.duty_edit, name="duty-edit"),
    path("staff/duties/<int:pk>/copy/", staff.duty_copy, name="duty-copy"),
    path("staff/duties/<int:pk>/cancel/", staff.duty_cancel, name="duty-cancel"),
    path("staff/duties/<int:pk>/attendance/", staff.duty_attendance, name="duty-attendance"),
    path("staff/hours/", staff.hours_queue, name="hours-queue"),
    path("staff/hours/<int:pk>/decide/", staff.hours_decide, name="hours-decide"),
    path("staff/hours/approve/", staff.hours_approve_many, name="hours-approve-many"),
    path("staff/hours/undo/", staff.hours_undo, name="hours-undo"),
    path("staff/minimums/", staff.minimums_grid, name="minimums"),
    path("staff/minimums/export.csv", staff.minimums_export, name="minimums-export"),
    path("staff/applicants/", recruitment.applicants, name="applicants"),
    path("staff/applicants/export.csv", recruitment.applicants_export, name="applicants-export"),
    path("staff/applicants/<int:pk>/", recruitment.applicant, name="applicant"),
    path(
        "staff/applicants/<int:pk>/decide/",
        recruitment.applicant_decide,
        name="applicant-decide",
    ),
    path(
        "staff/applicants/<int:pk>/interview/",
        recruitment.applicant_interview,
        name="applicant-interview",
    ),
    path("staff/recruitment/", recruitment.recruitment_funnel, name="recruitment-funnel"),
    path(
        "staff/recruitment/export.csv",
        recruitment.recruitment_funnel_export,
        name="recruitment-funnel-export",
    ),
    # OPCC staff
    path("staff/strategy/", strategy.dashboard, name="strategy"),
    path("staff/strategy/export.csv", strategy.export, name="strategy-export"),
    path("staff/strategy/refresh/", strategy.refresh, name="strategy-refresh"),
    # Everyone: the roles people can apply for
    path("roles/", recruitment.roles, name="roles"),
    path("roles/feed.atom", feeds.roles_atom, name="roles-atom"),
    path("roles/feed.json", feeds.roles_json, name="roles-json"),
    path("roles/for-partners/", feeds.for_partners, name="roles-for-partners"),
    path("roles/<slug:slug>/", recruitment.role, name="role"),
    path("roles/<slug:slug>/apply/", recruitment.apply, name="role-apply"),
    # Volunteers
    path("portal/applications/", recruitment.my_applications, name="my-applications"),
    path("portal/applications/<int:pk>/", recruitment.my_application, name="my-application"),
    path(
        "portal/applications/<int:pk>/interview.ics",
        recruitment.my_interview,
        name="my-interview",
    ),
    path(
        "portal/applications/<int:pk>/withdraw/", recruitment.withdraw, name="application-withdraw"
    ),
    path("portal/duties/", portal.duty_list, name="portal-duties"),
    path("portal/duties/mine/", portal.my_duties, name="my-duties"),
    path("portal/duties/<int:pk>/", portal.duty_page, name="portal-duty"),
    path("portal/duties/<int:pk>/book/", portal.duty_book, name="duty-book"),
    path("portal/duties/<int:pk>/cancel/", portal.signup_cancel, name="signup-cancel"),
    path("portal/hours/", portal.my_hours, name="my-hours"),
    path("portal/hours/<int:pk>/edit/", portal.hours_edit, name="hours-edit"),
    path("portal/calendar/", portal.calendar_page, name="calendar"),
    path("portal/calendar/reset/", portal.calendar_reset, name="calendar-reset"),
    path("calendar/<str:token>.ics", portal.calendar_feed, name="calendar-feed"),
]
