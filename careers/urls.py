from django.urls import path

from .views import attendance, fast_track, feedback, pathways, recognition, records

app_name = "careers"

urlpatterns = [
    # Managers of Specials (the Special Constabulary's coordinators) and OPCC staff
    path("staff/specials/", records.specials_list, name="specials"),
    path("staff/specials/export.csv", records.specials_export, name="specials-export"),
    path("staff/specials/<int:pk>/", records.special_detail, name="special-detail"),
    path("staff/specials/<int:pk>/record/", records.record_edit, name="record-edit"),
    path("staff/specials/<int:pk>/rank/", records.rank_change, name="rank-change"),
    path("staff/specials/<int:pk>/postings/", records.posting_add, name="posting-add"),
    path(
        "staff/specials/<int:pk>/postings/<int:posting_pk>/end/",
        records.posting_end,
        name="posting-end",
    ),
    path("staff/specials/<int:pk>/sign-off/", records.sign_off, name="sign-off"),
    path("staff/specials/<int:pk>/regular/", pathways.regular_route, name="regular-route"),
    path("staff/specials/<int:pk>/leave/", attendance.leave_add, name="leave-add"),
    path("staff/specials/attendance/", attendance.review, name="attendance"),
    path(
        "staff/specials/attendance/export.csv", attendance.review_export, name="attendance-export"
    ),
    path("staff/specials/attendance/issue/", attendance.issue, name="attendance-issue"),
    path(
        "staff/specials/attendance/issue-ticked/",
        attendance.issue_many,
        name="attendance-issue-many",
    ),
    path("staff/specials/letters/<int:pk>/", attendance.letter, name="letter"),
    path("staff/specials/letters/<int:pk>.pdf", attendance.letter_download, name="letter-pdf"),
    path("staff/specials/<int:pk>/awards/", recognition.award_add, name="award-add"),
    path("staff/specials/long-service/", recognition.long_service_list, name="long-service"),
    path(
        "staff/specials/long-service/export.csv",
        recognition.long_service_export,
        name="long-service-export",
    ),
    path(
        "staff/specials/<int:pk>/long-service/",
        recognition.long_service_record,
        name="long-service-record",
    ),
    path("staff/specials/cadets/", fast_track.cadets, name="fast-track"),
    path("staff/specials/cadets/<int:pk>/move/", fast_track.move, name="fast-track-move"),
    path("staff/specials/suggestions/", feedback.suggestions, name="suggestions"),
    path(
        "staff/specials/suggestions/<int:pk>/",
        feedback.suggestion_detail,
        name="suggestion-detail",
    ),
    path("staff/specials/suggestions/<int:pk>/answer/", feedback.answer, name="answer"),
    # Pathway leads (their pathways) and managers (all)
    path("staff/pathways/applications/", pathways.applications, name="applications"),
    path(
        "staff/pathways/applications/<int:pk>/",
        pathways.application_detail,
        name="application-detail",
    ),
    path("staff/pathways/applications/<int:pk>/decide/", pathways.decide, name="decide"),
    # Specials themselves
    path("portal/service/", records.my_service, name="my-service"),
    path("portal/service/pathways/", pathways.my_pathways, name="my-pathways"),
    path("portal/service/pathways/<slug:slug>/apply/", pathways.apply, name="apply"),
    path("portal/service/applications/<int:pk>/withdraw/", pathways.withdraw, name="withdraw"),
    path("portal/service/regular/", pathways.regular_interest, name="regular-interest"),
    path("portal/service/feedback/", feedback.my_feedback, name="feedback"),
    path("portal/service/you-said-we-did/", feedback.you_said_we_did, name="you-said-we-did"),
]
