from django.urls import path

from .views import portals, public, staff

app_name = "esp"

urlpatterns = [
    # Public
    path("esp/join/", public.join, name="join"),
    path("esp/join/about-you/", public.join_you, name="join-you"),
    path("esp/join/support/", public.join_support, name="join-support"),
    path("esp/join/account/", public.join_account, name="join-account"),
    path("esp/join/check/", public.join_check, name="join-check"),
    path("esp/join/thanks/", public.join_thanks, name="join-thanks"),
    path("esp/employers/", public.participating, name="participating"),
    # The Employer Supported Policing team and OPCC staff
    path("staff/esp/employers/", staff.employer_list, name="employers"),
    path("staff/esp/employers/export.csv", staff.employer_export, name="employers-export"),
    path("staff/esp/employers/<int:pk>/", staff.employer_detail, name="employer-detail"),
    path("staff/esp/employers/<int:pk>/status/", staff.employer_status, name="employer-status"),
    path("staff/esp/engagements/", staff.engagements, name="engagements"),
    # Specials
    path("portal/employer/", portals.my_employer, name="my-employer"),
    path("portal/employer/consent/", portals.my_consent, name="my-consent"),
    # Employers (their own accounts, MFA required)
    path("employer/", portals.employer_home, name="employer-home"),
    path("employer/links/<int:pk>/confirm/", portals.employer_confirm, name="employer-confirm"),
    path("employer/details/", portals.employer_details, name="employer-details"),
    path("employer/look-again/", portals.employer_look_again, name="employer-look-again"),
    path("employer/impact.csv", portals.employer_impact_csv, name="employer-impact-csv"),
    path("employer/impact.pdf", portals.employer_impact_pdf, name="employer-impact-pdf"),
]
