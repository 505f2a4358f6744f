from django.contrib import admin

from volunteers.admin import KeptAsMadeAdmin, ReadAuditedAdmin

from .models import Assignment, Dog, DogImport, DogIssue, DogUnit, DogVisit, Meeting


@admin.register(DogUnit)
class DogUnitAdmin(admin.ModelAdmin):
    """Each force's dog units, their manager (phoned about a serious concern) and whether
    the force wants visits in pairs."""

    list_display = ["name", "force", "manager", "visits_in_pairs"]
    list_filter = ["force"]


@admin.register(Dog)
class DogAdmin(admin.ModelAdmin):
    list_display = ["name", "force", "unit", "role", "collar_number", "is_retired"]
    list_filter = ["force", "role", "is_retired", "kennelled"]
    search_fields = ["name", "collar_number"]
    list_select_related = ["force", "unit"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["dog", "period", "visitor", "partner", "due_by"]
    list_filter = ["period"]
    list_select_related = ["dog", "visitor", "partner"]
    raw_id_fields = ["dog", "visitor", "partner"]


@admin.register(DogVisit)
class DogVisitAdmin(ReadAuditedAdmin):
    """Visits as the visitors filed them."""

    can_be_deleted = False
    list_display = ["dog", "visited_on", "visitor", "is_serious"]
    list_filter = ["is_serious"]
    list_select_related = ["dog", "visitor"]


@admin.register(DogIssue)
class DogIssueAdmin(KeptAsMadeAdmin):
    can_be_deleted = False
    list_display = ["visit", "check_code", "status", "due_on", "closed_at"]
    list_filter = ["status", "section"]


@admin.register(Meeting)
class MeetingAdmin(KeptAsMadeAdmin):
    list_display = ["held_on", "recorded_by"]


@admin.register(DogImport)
class DogImportAdmin(KeptAsMadeAdmin):
    list_display = ["file_name", "force", "status", "uploaded_at"]
