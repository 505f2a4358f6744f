"""The Special Constabulary's records in the admin. Changes to people's records are audited
like any other (AuditedAdmin); the catalogues (teams, pathways, counted hours) are data."""

from django.contrib import admin

from volunteers.admin import AuditedAdmin, KeptAsMadeAdmin

from .models import (
    AttendanceAction,
    Award,
    CompetenceSignOff,
    CountedHours,
    LeaveOfAbsence,
    Pathway,
    PathwayApplication,
    Posting,
    RankChange,
    RegularRoute,
    ServiceRecord,
    Suggestion,
    Team,
)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "is_active"]
    list_filter = ["is_active", "district"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "team",
        "needs_independent_patrol",
        "min_months_service",
        "min_recent_hours",
        "required_course",
        "lead",
        "is_open",
    ]
    list_filter = ["is_open", "needs_independent_patrol"]
    search_fields = ["name"]
    autocomplete_fields = ["lead"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CountedHours)
class CountedHoursAdmin(admin.ModelAdmin):
    list_display = ["kind", "counts"]
    list_editable = ["counts"]


class PersonRecordAdmin(AuditedAdmin):
    list_select_related = ["volunteer"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "volunteer__email"]
    raw_id_fields = ["volunteer"]


@admin.register(ServiceRecord)
class ServiceRecordAdmin(PersonRecordAdmin):
    list_display = ["volunteer", "rank", "attested_on", "independent_patrol_on"]
    list_filter = ["rank"]


@admin.register(RankChange)
class RankChangeAdmin(PersonRecordAdmin):
    list_display = ["volunteer", "rank", "effective_on"]
    list_filter = ["rank"]


@admin.register(Posting)
class PostingAdmin(PersonRecordAdmin):
    list_display = ["volunteer", "team", "starts_on", "ends_on"]
    list_filter = ["team"]


@admin.register(CompetenceSignOff)
class CompetenceSignOffAdmin(PersonRecordAdmin):
    list_display = ["volunteer", "step", "signed_off_on", "signed_off_by"]
    list_filter = ["step"]


@admin.register(PathwayApplication)
class PathwayApplicationAdmin(PersonRecordAdmin):
    list_display = ["volunteer", "pathway", "status", "applied_at", "decided_by"]
    list_filter = ["status", "pathway"]


@admin.register(RegularRoute)
class RegularRouteAdmin(PersonRecordAdmin):
    list_display = ["volunteer", "stage", "recorded_at"]
    list_filter = ["stage"]


@admin.register(Suggestion)
class SuggestionAdmin(PersonRecordAdmin):
    list_display = ["title", "volunteer", "status", "hide_name", "submitted_at"]
    list_filter = ["status", "hide_name"]


@admin.register(LeaveOfAbsence)
class LeaveOfAbsenceAdmin(PersonRecordAdmin):
    list_display = ["volunteer", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]


@admin.register(AttendanceAction)
class AttendanceActionAdmin(KeptAsMadeAdmin, PersonRecordAdmin):
    """Letters are kept as issued: read them here, issue them from the attendance page."""

    list_display = ["volunteer", "stage", "month", "hours", "issued_on"]
    list_filter = ["stage", "month"]


@admin.register(Award)
class AwardAdmin(PersonRecordAdmin):
    list_display = ["volunteer", "category", "awarded_on"]
    list_filter = ["category"]
