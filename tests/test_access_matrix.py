"""Who may open what: every URL pattern of the project must say, for every persona.

A new page without a row here fails `test_every_url_pattern_is_declared`, so each page
added later has to state who may see it. The target of the object pages is the
`volunteer` persona's own record (a Special Constable, scheme X).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.conftest import PERSONAS
from tests.urlwalk import all_patterns
from volunteers.catalogue import SchemeSlug

LOGIN = 302  # LoginRequiredMiddleware sends anonymous people to sign in


@dataclass(frozen=True)
class Rule:
    statuses: dict[str, int]
    method: str = "get"
    # What the URL points at: "person" or "membership" (the volunteer persona's record),
    # "duty" (a duty in scheme X), "hours" (the volunteer's hours), "feed" (their calendar) or
    # "posting" (a posting of theirs to a team), "application" (their application for a
    # pathway), "pathway" (a pathway's slug), "suggestion" (a suggestion of theirs) or
    # "letter" (an attendance letter to them); "cadet" is a 16-year-old cadet.
    args: str | None = None
    data: dict = field(default_factory=dict)
    # Where a 302 leads when it is not to sign in (a URL name).
    redirect_to: str | None = None


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int) -> dict[str, int]:
    return {**everyone(status), "anonymous": LOGIN}


STAFF_PAGE = {
    "anonymous": LOGIN,
    "volunteer": 403,
    "other_volunteer": 403,
    "coordinator_x": 200,
    "coordinator_y": 200,
    "staff": 200,
    "superuser": 200,
    "employer": 403,
}
STAFF_POST = {
    **STAFF_PAGE,
    **dict.fromkeys(["coordinator_x", "coordinator_y", "staff", "superuser"], 302),
}
# The person page of a Special: their scheme's coordinator and staff, nobody else.
PERSON_PAGE = {**STAFF_PAGE, "coordinator_y": 404}
PERSON_POST = {**PERSON_PAGE, "coordinator_x": 302, "staff": 302, "superuser": 302}
DIVERSITY_PAGE = {**everyone(403), "anonymous": LOGIN, "superuser": 200}
# Portal pages about duties and hours need a person record; staff and the employer's user,
# who have none, are sent to make it (302).
NO_PERSON_RECORD = {"staff": 302, "superuser": 302, "employer": 302}
PORTAL_PAGE = {**signed_in(200), **NO_PERSON_RECORD}
# A duty of scheme X, as the volunteers who may book it see it.
PORTAL_DUTY = {**PORTAL_PAGE, "other_volunteer": 404, "coordinator_y": 404}
PORTAL_DUTY_POST = {**PORTAL_DUTY, "volunteer": 302, "coordinator_x": 302}
OWN_HOURS = {**PORTAL_PAGE, "other_volunteer": 404, "coordinator_x": 404, "coordinator_y": 404}

# The strategy dashboard is the OPCC's own: its staff only, not scheme coordinators.
OPCC_PAGE = {**everyone(403), "anonymous": LOGIN, "staff": 200, "superuser": 200}
OPCC_POST = {**OPCC_PAGE, "staff": 302, "superuser": 302}

# The Special Constabulary's pages: its coordinators (coordinator_x) and OPCC staff.
SPECIALS_PAGE = {**OPCC_PAGE, "coordinator_x": 200}
# Posting an empty form shows it again with what is missing.
SPECIALS_POST = SPECIALS_PAGE
# Or, where every field may be empty (or a posting is ended), saves and goes back.
SPECIALS_REDIRECT = {**SPECIALS_PAGE, "coordinator_x": 302, "staff": 302, "superuser": 302}
# A Special's own record: only the volunteer persona is a Special.
OWN_SERVICE = {**everyone(403), "anonymous": LOGIN, "volunteer": 200}
OWN_SERVICE_POST = {**OWN_SERVICE, "volunteer": 302}
# The employer portal: the person who signs in for an employer, nobody else.
EMPLOYER_PAGE = {**signed_in(403), "employer": 200}

# A spreadsheet coordinator_x uploaded: theirs and OPCC staff's.
IMPORT_PAGE = {**STAFF_PAGE, "coordinator_y": 404}
IMPORT_POST = {**IMPORT_PAGE, "coordinator_x": 302, "staff": 302, "superuser": 302}

# A custody visit's report or concern: OPCC staff here; to anyone else it does not exist.
CUSTODY_RECORD = {**signed_in(404), "staff": 200, "superuser": 200}
CUSTODY_MANAGER_FORM = OPCC_PAGE
# A dog unit's list checked for OPCC staff (the `staff` persona uploaded it): only its
# uploader opens it, so the superuser, who did not, finds nothing.
DOG_IMPORT = {**OPCC_PAGE, "superuser": 404}

OURS = {
    "health": Rule(everyone(200)),
    "favicon": Rule(everyone(301)),
    "volunteers:home": Rule(everyone(200)),
    "volunteers:accessibility": Rule(everyone(200)),
    "volunteers:after-login": Rule(signed_in(302)),
    # "Stay signed in" (the idle warning): answers with no content for anyone signed in.
    "volunteers:keep-alive": Rule(signed_in(204), method="post"),
    "volunteers:portal": Rule(signed_in(200)),
    "volunteers:portal-details": Rule(signed_in(200)),
    # People without a person record are sent to tell us their details first.
    "volunteers:portal-diversity": Rule({**signed_in(200), **NO_PERSON_RECORD}),
    "volunteers:portal-notifications": Rule({**signed_in(200), **NO_PERSON_RECORD}),
    "volunteers:today": Rule(STAFF_PAGE),
    "volunteers:people-list": Rule(STAFF_PAGE),
    "volunteers:people-export": Rule(STAFF_PAGE),
    "volunteers:person-create": Rule(STAFF_PAGE),
    # Bringing people in from a spreadsheet: an import is its uploader's (coordinator_x
    # here) and OPCC staff's; an empty upload shows the form again with what is missing.
    "volunteers:import-start": Rule(STAFF_PAGE),
    "volunteers:import-template": Rule(STAFF_PAGE),
    "volunteers:import-detail": Rule(IMPORT_PAGE, args="import"),
    "volunteers:import-progress": Rule(IMPORT_PAGE, args="import"),
    "volunteers:import-report": Rule(IMPORT_PAGE, args="import"),
    "volunteers:import-confirm": Rule(IMPORT_POST, method="post", args="import"),
    "volunteers:person-detail": Rule(PERSON_PAGE, args="person"),
    "volunteers:person-edit": Rule(PERSON_PAGE, args="person"),
    "volunteers:person-diversity": Rule(DIVERSITY_PAGE, args="person"),
    "volunteers:membership-add": Rule(PERSON_POST, method="post", args="person"),
    "volunteers:membership-status": Rule(PERSON_POST, method="post", args="membership"),
    "volunteers:diversity-report": Rule(DIVERSITY_PAGE),
    "schemes:roster": Rule(STAFF_PAGE),
    "schemes:duty-create": Rule(STAFF_PAGE),
    "schemes:duty-detail": Rule(PERSON_PAGE, args="duty"),
    "schemes:duty-edit": Rule(PERSON_PAGE, args="duty"),
    "schemes:duty-copy": Rule(PERSON_PAGE, args="duty"),
    "schemes:duty-cancel": Rule(PERSON_PAGE, args="duty"),
    "schemes:duty-attendance": Rule(PERSON_POST, method="post", args="duty"),
    "schemes:hours-queue": Rule(STAFF_PAGE),
    "schemes:hours-decide": Rule(PERSON_POST, method="post", args="hours"),
    # Approving ticked entries, and undoing them: back to the queue (with nothing ticked).
    "schemes:hours-approve-many": Rule(STAFF_POST, method="post"),
    "schemes:hours-undo": Rule(STAFF_POST, method="post"),
    "schemes:minimums": Rule(STAFF_PAGE),
    "schemes:minimums-export": Rule(STAFF_PAGE),
    "schemes:strategy": Rule(OPCC_PAGE),
    # With no figures worked out yet the download sends staff back to the dashboard.
    "schemes:strategy-export": Rule(OPCC_POST),
    "schemes:strategy-refresh": Rule(OPCC_POST, method="post"),
    "careers:specials": Rule(SPECIALS_PAGE),
    "careers:specials-export": Rule(SPECIALS_PAGE),
    "careers:special-detail": Rule(SPECIALS_PAGE, args="person"),
    "careers:record-edit": Rule(SPECIALS_REDIRECT, method="post", args="person"),
    "careers:rank-change": Rule(SPECIALS_POST, method="post", args="person"),
    "careers:posting-add": Rule(SPECIALS_POST, method="post", args="person"),
    "careers:posting-end": Rule(SPECIALS_REDIRECT, method="post", args="posting"),
    "careers:sign-off": Rule(SPECIALS_POST, method="post", args="person"),
    "careers:my-service": Rule(OWN_SERVICE),
    "careers:regular-route": Rule(SPECIALS_REDIRECT, method="post", args="person"),
    "careers:applications": Rule(SPECIALS_PAGE),
    "careers:application-detail": Rule(SPECIALS_PAGE, args="application"),
    "careers:decide": Rule(SPECIALS_POST, method="post", args="application"),
    "careers:my-pathways": Rule(OWN_SERVICE),
    # An empty application is shown again with what is missing.
    "careers:apply": Rule(OWN_SERVICE, method="post", args="pathway"),
    "careers:withdraw": Rule(OWN_SERVICE_POST, method="post", args="application"),
    "careers:regular-interest": Rule(OWN_SERVICE_POST, method="post"),
    "careers:leave-add": Rule(SPECIALS_POST, method="post", args="person"),
    "careers:attendance": Rule(SPECIALS_PAGE),
    "careers:attendance-export": Rule(SPECIALS_PAGE),
    # With nobody named, there is nobody to write to.
    "careers:attendance-issue": Rule(
        {**SPECIALS_PAGE, "coordinator_x": 404, "staff": 404, "superuser": 404}, method="post"
    ),
    # With no month or nobody ticked, back to the list with a message.
    "careers:attendance-issue-many": Rule(SPECIALS_REDIRECT, method="post"),
    "careers:letter": Rule(SPECIALS_PAGE, args="letter"),
    "careers:letter-pdf": Rule(SPECIALS_PAGE, args="letter"),
    "careers:award-add": Rule(SPECIALS_POST, method="post", args="person"),
    "careers:long-service": Rule(SPECIALS_PAGE),
    "careers:long-service-export": Rule(SPECIALS_PAGE),
    # Not yet earned: the list says so.
    "careers:long-service-record": Rule(SPECIALS_REDIRECT, method="post", args="person"),
    # The cadets' coordinators (coordinator_y) run the fast track too.
    "careers:fast-track": Rule({**SPECIALS_PAGE, "coordinator_y": 200}),
    "careers:fast-track-move": Rule(
        {**SPECIALS_REDIRECT, "coordinator_x": 404, "coordinator_y": 302},
        method="post",
        args="cadet",
    ),
    "careers:feedback": Rule(OWN_SERVICE),
    "careers:you-said-we-did": Rule(OWN_SERVICE),
    "careers:suggestions": Rule(SPECIALS_PAGE),
    "careers:suggestion-detail": Rule(SPECIALS_PAGE, args="suggestion"),
    "careers:answer": Rule(SPECIALS_POST, method="post", args="suggestion"),
    # Employer Supported Policing: public sign-up and list, then the ESP team (OPCC staff
    # here: no persona coordinates the ESP scheme).
    "esp:join": Rule(everyone(200)),
    # The sign-up's later pages send anyone who has not answered the first back to it.
    "esp:join-you": Rule(everyone(302), redirect_to="esp:join"),
    "esp:join-support": Rule(everyone(302), redirect_to="esp:join"),
    "esp:join-account": Rule(everyone(302), redirect_to="esp:join"),
    "esp:join-check": Rule(everyone(302), redirect_to="esp:join"),
    "esp:join-thanks": Rule(everyone(200)),
    "esp:participating": Rule(everyone(200)),
    "esp:employers": Rule(OPCC_PAGE),
    "esp:employers-export": Rule(OPCC_PAGE),
    "esp:employer-detail": Rule(OPCC_PAGE, args="employer"),
    "esp:employer-status": Rule(OPCC_PAGE, method="post", args="employer"),
    "esp:engagements": Rule(OPCC_PAGE),
    # A Special names their employer (only the volunteer persona is a Special).
    "esp:my-employer": Rule(OWN_SERVICE),
    "esp:my-consent": Rule(OWN_SERVICE_POST, method="post"),
    # The employer portal: employer users only. The link to confirm is another employer's
    # (the volunteer named Hatfield Hardware), so the Steelworks' user cannot find it.
    "esp:employer-home": Rule(EMPLOYER_PAGE),
    "esp:employer-confirm": Rule({**EMPLOYER_PAGE, "employer": 404}, method="post", args="link"),
    "esp:employer-details": Rule(EMPLOYER_PAGE),
    # The employer persona's organisation is not declined: back home with a message.
    "esp:employer-look-again": Rule({**EMPLOYER_PAGE, "employer": 302}, method="post"),
    "esp:employer-impact-csv": Rule(EMPLOYER_PAGE),
    "esp:employer-impact-pdf": Rule(EMPLOYER_PAGE),
    "schemes:portal-duties": Rule(PORTAL_PAGE),
    "schemes:my-duties": Rule(PORTAL_PAGE),
    "schemes:portal-duty": Rule(PORTAL_DUTY, args="duty"),
    "schemes:duty-book": Rule(PORTAL_DUTY_POST, method="post", args="duty"),
    "schemes:signup-cancel": Rule(PORTAL_DUTY_POST, method="post", args="duty"),
    "schemes:my-hours": Rule(PORTAL_PAGE),
    "schemes:hours-edit": Rule(OWN_HOURS, args="hours"),
    "schemes:calendar": Rule(PORTAL_PAGE),
    "schemes:calendar-reset": Rule(signed_in(302), method="post"),
    # The feed's secret token is its only key, so calendar apps can fetch it.
    # Joining a scheme: the public roles, applying (a person record first), the applicant's
    # own application, and the coordinators' applicants (scheme X's role).
    "schemes:roles": Rule(everyone(200)),
    "schemes:role": Rule(everyone(200), args="role"),
    "schemes:roles-atom": Rule(everyone(200)),
    "schemes:roles-json": Rule(everyone(200)),
    "schemes:roles-for-partners": Rule(everyone(200)),
    "schemes:role-apply": Rule(PORTAL_PAGE, args="role"),
    "schemes:my-applications": Rule(signed_in(200)),
    "schemes:my-application": Rule({**signed_in(404), "volunteer": 200}, args="applicant"),
    "schemes:application-withdraw": Rule(
        {**signed_in(404), "volunteer": 302}, method="post", args="applicant"
    ),
    "schemes:applicants": Rule(STAFF_PAGE),
    "schemes:applicants-export": Rule(STAFF_PAGE),
    "schemes:applicant": Rule(PERSON_PAGE, args="applicant"),
    # Nothing decided: the application's page again, saying what was missing.
    "schemes:applicant-decide": Rule(PERSON_PAGE, method="post", args="applicant"),
    "schemes:recruitment-funnel": Rule(STAFF_PAGE),
    "schemes:recruitment-funnel-export": Rule(STAFF_PAGE),
    "schemes:applicant-interview": Rule(PERSON_PAGE, method="post", args="applicant"),
    "schemes:my-interview": Rule({**signed_in(404), "volunteer": 200}, args="applicant"),
    "schemes:calendar-feed": Rule(everyone(200), args="feed"),
    # Police Support Volunteers' catalogue and placements, and the ESVs' activities: OPCC
    # staff and those schemes' coordinators (neither coordinator persona runs them). Posting
    # an empty form shows the placement again with what is missing.
    "psv:catalogue": Rule(OPCC_PAGE),
    "psv:catalogue-export": Rule(OPCC_PAGE),
    "psv:placements": Rule(OPCC_PAGE),
    "psv:placements-export": Rule(OPCC_PAGE),
    "psv:placement-add": Rule(OPCC_PAGE),
    "psv:placement": Rule(OPCC_PAGE, args="placement"),
    "psv:placement-hours": Rule(OPCC_PAGE, method="post", args="placement"),
    "psv:placement-end": Rule(OPCC_PAGE, method="post", args="placement"),
    "psv:activities": Rule(OPCC_PAGE),
    "psv:activities-export": Rule(OPCC_PAGE),
    # For Emergency Services Volunteers, which no persona is (tests/schemes/test_psv.py).
    "psv:my-activities": Rule({**everyone(403), "anonymous": LOGIN}),
    # Custody visiting: its manager (no persona coordinates it) and OPCC staff; reports
    # and concerns also the pair and the force's inspector, visitors' own pages the
    # visitors, the inspector's page inspectors (tests/scrutiny/ covers those people).
    "custody:rota": Rule(OPCC_PAGE),
    "custody:rota-plan": Rule(OPCC_POST, method="post"),
    "custody:rota-publish": Rule(OPCC_POST, method="post", args="custody-rota"),
    "custody:swap-decide": Rule(OPCC_POST, method="post", args="custody-swap"),
    "custody:reports": Rule(OPCC_PAGE),
    "custody:reports-export": Rule(OPCC_PAGE),
    "custody:report": Rule(CUSTODY_RECORD, args="custody-report"),
    "custody:issues": Rule(OPCC_PAGE),
    "custody:issues-export": Rule(OPCC_PAGE),
    "custody:issue": Rule(CUSTODY_RECORD, args="custody-issue"),
    "custody:issue-respond": Rule(signed_in(403), method="post", args="custody-issue"),
    # An empty note shows the concern's page again with what is missing.
    "custody:issue-escalate": Rule(CUSTODY_MANAGER_FORM, method="post", args="custody-issue"),
    "custody:issue-close": Rule(CUSTODY_MANAGER_FORM, method="post", args="custody-issue"),
    "custody:summary": Rule(OPCC_PAGE),
    "custody:summary-export": Rule(OPCC_PAGE),
    "custody:summary-pdf": Rule(OPCC_PAGE),
    "custody:my-visits": Rule(signed_in(403)),
    "custody:availability": Rule(signed_in(403), args="quarter"),
    "custody:my-visit": Rule(signed_in(403), args="custody-allocation"),
    "custody:swap": Rule(signed_in(403), args="custody-allocation"),
    "custody:force-home": Rule(signed_in(403)),
    # Dog Welfare: its administrator (no persona coordinates it) and OPCC staff; a dog,
    # visit or concern also the force's dog unit manager (and a visit its visitors), the
    # visitors' pages the visitors (tests/scrutiny/ covers those people).
    "dogwelfare:coverage": Rule(OPCC_PAGE),
    "dogwelfare:coverage-export": Rule(OPCC_PAGE),
    "dogwelfare:plan": Rule(OPCC_POST, method="post"),
    "dogwelfare:register": Rule(OPCC_PAGE),
    "dogwelfare:register-export": Rule(OPCC_PAGE),
    "dogwelfare:import": Rule(OPCC_PAGE),
    "dogwelfare:import-check": Rule(DOG_IMPORT, args="dog-import"),
    "dogwelfare:import-confirm": Rule(
        {**DOG_IMPORT, "staff": 302}, method="post", args="dog-import"
    ),
    "dogwelfare:dog": Rule(CUSTODY_RECORD, args="dog"),
    # An empty form shows the dog's page again with what is missing.
    "dogwelfare:dog-assign": Rule(OPCC_PAGE, method="post", args="dog"),
    "dogwelfare:visits": Rule(OPCC_PAGE),
    "dogwelfare:visit": Rule(CUSTODY_RECORD, args="dog-visit"),
    "dogwelfare:issues": Rule(OPCC_PAGE),
    "dogwelfare:issues-export": Rule(OPCC_PAGE),
    "dogwelfare:issue": Rule(CUSTODY_RECORD, args="dog-issue"),
    "dogwelfare:issue-respond": Rule(signed_in(403), method="post", args="dog-issue"),
    "dogwelfare:issue-escalate": Rule(OPCC_PAGE, method="post", args="dog-issue"),
    "dogwelfare:issue-close": Rule(OPCC_PAGE, method="post", args="dog-issue"),
    "dogwelfare:meetings": Rule(OPCC_PAGE),
    "dogwelfare:annual": Rule(OPCC_PAGE),
    "dogwelfare:annual-export": Rule(OPCC_PAGE),
    "dogwelfare:annual-pdf": Rule(OPCC_PAGE),
    "dogwelfare:my-dogs": Rule(signed_in(403)),
    "dogwelfare:visit-form": Rule(signed_in(403), args="dog-assignment"),
    "dogwelfare:force-dogs": Rule(signed_in(403)),
}

# Third-party pages, declared as groups; each group's samples are checked below.
THIRD_PARTY = {
    "admin:": "Django admin: OPCC staff with is_staff only, through allauth's sign-in",
    "account_": "allauth account pages: sign-in and sign-up public, the rest signed in",
    "mfa_": "allauth MFA pages: signed in only",
    "usersessions_": "allauth's list of where you are signed in, to end the others",
}
THIRD_PARTY_ROUTES = ("admin/",)  # unnamed patterns inside the admin (its catch-all)

SAMPLES = {
    "admin:index": Rule(
        {
            "anonymous": LOGIN,
            "volunteer": 302,
            "other_volunteer": 302,
            "coordinator_x": 302,
            "coordinator_y": 302,
            "staff": 200,
            "superuser": 200,
            "employer": 302,
        }
    ),
    "account_login": Rule({**everyone(302), "anonymous": 200}),
    "account_signup": Rule({**everyone(302), "anonymous": 200}),
    "account_email": Rule(signed_in(200)),
    "account_change_password": Rule(signed_in(200)),
    "mfa_index": Rule(signed_in(200)),
    "usersessions_list": Rule(signed_in(200)),
}


def test_every_url_pattern_is_declared():
    undeclared = [
        name or route
        for name, route in all_patterns()
        if name not in OURS
        and not (name and name.startswith(tuple(THIRD_PARTY)))
        and not (name is None and route.startswith(THIRD_PARTY_ROUTES))
    ]
    assert undeclared == [], f"Declare who may open these pages: {undeclared}"


def test_every_rule_names_every_persona():
    for name, rule in {**OURS, **SAMPLES}.items():
        assert set(rule.statuses) == set(PERSONAS), name


def _custody_url(name, kind):
    from scrutiny.custody.models import SwapRequest
    from scrutiny.custody.rota import next_quarter, quarter_of

    today = timezone.localdate()
    if kind == "quarter":
        return reverse(name, args=[next_quarter(quarter_of(today)).isoformat()])
    suite = f.make_suite(inspector=f.make_inspector())
    ann, bea = f.make_visitor(), f.make_visitor()
    week = today - timedelta(days=today.weekday() + 7)
    allocation = f.make_allocation(suite=suite, first=ann, second=bea, week=week)
    if kind == "custody-allocation":
        return reverse(name, args=[allocation.pk])
    if kind == "custody-rota":
        return reverse(name, args=[allocation.rota.pk])
    if kind == "custody-swap":
        swap = SwapRequest.objects.create(
            allocation=allocation, asked_by=ann, colleague=f.make_visitor(), reason="Away"
        )
        return reverse(name, args=[swap.pk])
    report = f.make_custody_report(allocation, concerns={"cctv": "Monitor blank."})
    if kind == "custody-report":
        return reverse(name, args=[report.pk])
    return reverse(name, args=[report.issues.get().pk])


def _dog_url(name, kind, request):
    from scrutiny.dogwelfare.models import DogImport

    if kind == "dog-import":
        from volunteers.models import Force

        checked = DogImport.objects.create(
            force=Force.objects.get(slug="bedfordshire"),
            uploaded_by=request.getfixturevalue("staff"),
            file_name="dogs.csv",
            status=DogImport.Status.CHECKED,
        )
        return reverse(name, args=[checked.pk])
    assignment = f.make_dog_assignment()
    if kind == "dog":
        return reverse(name, args=[assignment.dog.pk])
    if kind == "dog-assignment":
        return reverse(name, args=[assignment.pk])
    visit = f.make_dog_visit(assignment, concerns={"bedding": "Damp bedding."})
    if kind == "dog-visit":
        return reverse(name, args=[visit.pk])
    return reverse(name, args=[visit.issues.get().pk])


def _url(name, rule, request, volunteer):
    person = volunteer.volunteer
    if rule.args and (rule.args.startswith("custody") or rule.args == "quarter"):
        return _custody_url(name, rule.args)
    if rule.args and rule.args.startswith("dog"):
        return _dog_url(name, rule.args, request)
    if rule.args == "person":
        return reverse(name, args=[person.pk])
    if rule.args == "membership":
        return reverse(name, args=[person.memberships.get().pk])
    if rule.args == "duty":
        return reverse(name, args=[request.getfixturevalue("duty_x").pk])
    if rule.args == "hours":
        return reverse(name, args=[request.getfixturevalue("hours_x").pk])
    if rule.args in {"role", "applicant"}:
        from schemes.models import Application, Interview, Opportunity

        role = Opportunity.objects.filter(slug="special-constable-stevenage").first()
        role = role or f.make_opportunity(
            f.scheme(SchemeSlug.SPECIAL_CONSTABULARY), title="Special Constable, Stevenage"
        )
        if rule.args == "role":
            return reverse(name, args=[role.slug])
        application, _ = Application.objects.get_or_create(opportunity=role, volunteer=person)
        if not hasattr(application, "interview"):  # arranged, so the invitation is there
            application.interview = Interview.objects.create(
                application=application,
                starts_at=timezone.now() + timedelta(days=7),
                place="Stevenage Police Station",
                panel="Sgt Amy Cole",
            )
        return reverse(name, args=[application.pk])
    if rule.args == "placement":
        from schemes.psv.models import Placement, Role

        placement = Placement.objects.create(
            volunteer=person,
            role=Role.objects.get(title="Puppy fosterer"),
            starts_on=date(2026, 1, 5),
            supervisor="PC Dan Hale",
        )
        return reverse(name, args=[placement.pk])
    if rule.args == "import":
        from volunteers.models import PeopleImport

        upload = PeopleImport.objects.create(
            uploaded_by=request.getfixturevalue("coordinator_x"), file_name="specials.csv"
        )
        return reverse(name, args=[upload.pk])
    if rule.args == "posting":
        from careers.models import Posting, Team

        team = Team.objects.get(slug="intervention")
        posting = Posting.objects.create(volunteer=person, team=team, starts_on=date(2026, 1, 5))
        return reverse(name, args=[person.pk, posting.pk])
    if rule.args == "employer":
        from esp.models import Employer

        employer = Employer.objects.create(
            name="Hatfield Hardware Ltd",
            sector="retail",
            size_band="10-49",
            address_line_1="2 Town Centre",
            town="Hatfield",
            postcode="AL10 0JG",
            contact_name="Priya Shah",
            contact_role="Owner",
            contact_email="priya@hatfieldhardware.example",
            contact_phone="01707123456",
        )
        return reverse(name, args=[employer.pk])
    if rule.args == "link":
        from esp.models import EmployerLink

        link = EmployerLink.objects.create(
            volunteer=person, employer=f.make_employer(), shares_hours=True
        )
        return reverse(name, args=[link.pk])
    if rule.args == "cadet":
        cadet = f.make_volunteer(
            date_of_birth=date(2010, 2, 1),
            guardian_name="Grace Okafor",
            guardian_phone="07700900555",
        )
        f.make_membership(cadet, f.scheme(SchemeSlug.VOLUNTEER_POLICE_CADETS))
        return reverse(name, args=[cadet.pk])
    if rule.args == "letter":
        from careers.models import AttendanceAction

        letter = AttendanceAction.objects.create(
            volunteer=person,
            stage="reminder",
            month=date(2026, 10, 1),
            hours=4,
            minimum=16,
            issued_on=date(2026, 11, 2),
            body="2 November 2026\n\nDear Siân,\n\nYou gave 4 hours.",
        )
        return reverse(name, args=[letter.pk])
    if rule.args == "suggestion":
        from careers.models import Suggestion

        suggestion = Suggestion.objects.create(
            volunteer=person, title="Night-time economy briefings", body="Brief us earlier."
        )
        return reverse(name, args=[suggestion.pk])
    if rule.args in {"application", "pathway"}:
        from careers.models import Pathway, PathwayApplication

        pathway = Pathway.objects.get(slug="cyber-crime")
        if rule.args == "pathway":
            return reverse(name, args=[pathway.slug])
        application = PathwayApplication.objects.create(
            volunteer=person, pathway=pathway, statement="I have worked in IT security."
        )
        return reverse(name, args=[application.pk])
    if rule.args == "feed":
        from schemes.services.calendar import feed_for

        return reverse(name, args=[feed_for(person).token])
    return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", [*OURS, *SAMPLES])
def test_persona_gets_declared_status(name, persona, client_for, volunteer, request):
    rule = OURS.get(name) or SAMPLES[name]
    client = client_for(persona)
    response = getattr(client, rule.method)(_url(name, rule, request, volunteer), rule.data)
    assert response.status_code == rule.statuses[persona], (name, persona)
    if rule.redirect_to:
        assert response.url == reverse(rule.redirect_to), (name, persona)
    elif rule.statuses[persona] == LOGIN and persona == "anonymous":
        if response.url.startswith(reverse("admin:login")):
            response = client.get(response.url)  # the admin's sign-in hands over to allauth
        assert response.url.startswith(reverse("account_login"))


def our_models():
    """Every model of this project's own apps (not Django's or a package's)."""
    from django.apps import apps
    from django.conf import settings

    root = str(settings.BASE_DIR)
    return [
        model
        for config in apps.get_app_configs()
        if config.path.startswith(root) and "site-packages" not in config.path
        for model in config.get_models()
    ]


def test_every_model_of_ours_is_in_the_admin():
    from django.contrib import admin

    models = our_models()
    assert {m._meta.app_label for m in models} >= {"volunteers", "schemes", "careers", "esp"}
    missing = [m._meta.label for m in models if not admin.site.is_registered(m)]
    assert missing == [], f"Register these in their app's admin.py: {missing}"


@pytest.mark.django_db
def test_superuser_opens_every_admin_list_and_add_page(client_for, rf, superuser):
    """Each registered model's list opens, and its add page opens unless its admin says
    records are not added there (the audit trail, letters as issued): then it refuses."""
    from django.contrib import admin

    client = client_for("superuser")
    request = rf.get("/")
    request.user = superuser
    opened = set()
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        expected = 200 if model_admin.has_add_permission(request) else 403
        assert client.get(add).status_code == expected, add
        opened.add(model)
    assert set(our_models()) <= opened
