from django.contrib import admin

from volunteers.admin import KeptAsMadeAdmin, ReadAuditedAdmin

from .models import (
    Allocation,
    Availability,
    CustodyIssue,
    DetaineeVisit,
    Rota,
    Suite,
    SwapRequest,
    VisitReport,
)


@admin.register(Suite)
class SuiteAdmin(admin.ModelAdmin):
    """The custody suites visited, how often, and the inspector who answers."""

    list_display = [
        "name",
        "district",
        "force",
        "is_24_hour",
        "visit_every",
        "inspector",
        "is_open",
    ]
    list_filter = ["force", "is_open", "is_24_hour"]
    search_fields = ["name"]


@admin.register(Rota)
class RotaAdmin(KeptAsMadeAdmin):
    list_display = ["quarter", "planned_at", "published_at"]


@admin.register(Allocation)
class AllocationAdmin(KeptAsMadeAdmin):
    list_display = ["suite", "week_starting", "first_visitor", "second_visitor", "is_training"]
    list_filter = ["suite", "rota"]
    list_select_related = ["suite", "first_visitor", "second_visitor"]


@admin.register(Availability)
class AvailabilityAdmin(KeptAsMadeAdmin):
    list_display = ["volunteer", "quarter", "most_visits", "updated_at"]


@admin.register(SwapRequest)
class SwapRequestAdmin(KeptAsMadeAdmin):
    list_display = ["allocation", "asked_by", "colleague", "status", "asked_at"]


class DetaineeInline(admin.TabularInline):
    model = DetaineeVisit
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(VisitReport)
class VisitReportAdmin(ReadAuditedAdmin):
    """Reports as the pairs filed them: read here (the staff page audits each read)."""

    can_be_deleted = False
    list_display = ["suite", "arrived_at", "submitted_by", "for_independent_reviewer"]
    list_filter = ["suite", "for_independent_reviewer"]
    inlines = [DetaineeInline]


@admin.register(CustodyIssue)
class CustodyIssueAdmin(KeptAsMadeAdmin):
    can_be_deleted = False
    list_display = ["report", "check_code", "status", "due_on", "closed_at"]
    list_filter = ["status", "section"]


@admin.register(DetaineeVisit)
class DetaineeVisitAdmin(ReadAuditedAdmin):
    can_be_deleted = False
    list_display = ["report", "custody_number", "consented"]
    list_select_related = ["report__suite"]
