"""Employer Supported Policing in the admin. An employer's status moves through its review
on the staff pages (which e-mail the contact and keep the trail), so here it is read-only;
a Special's link to their employer is their own record, audited like any other."""

from django.contrib import admin

from volunteers.admin import AuditedAdmin, KeptAsMadeAdmin

from .models import Employer, EmployerAccount, EmployerLink, EmployerStatusChange, Engagement


class StatusChangeInline(admin.TabularInline):
    model = EmployerStatusChange
    fields = ["changed_at", "from_status", "to_status", "reason", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AccountInline(admin.TabularInline):
    model = EmployerAccount
    fields = ["user", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "company_number", "sector", "district", "status", "list_publicly"]
    list_filter = ["status", "sector", "size_band", "district", "list_publicly"]
    search_fields = ["name", "company_number", "contact_name", "contact_email", "postcode"]
    list_select_related = ["district"]
    readonly_fields = ["status", "status_changed_at", "created_at", "possible_duplicate_of"]
    inlines = [AccountInline, StatusChangeInline]


@admin.register(EmployerStatusChange)
class EmployerStatusChangeAdmin(KeptAsMadeAdmin):
    """The review's trail: read it here, make changes from the employer's staff page."""

    list_display = ["employer", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["employer__name", "reason"]
    list_select_related = ["employer", "changed_by"]


@admin.register(EmployerAccount)
class EmployerAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "employer", "created_at"]
    search_fields = ["user__email", "employer__name"]
    list_select_related = ["user", "employer"]
    raw_id_fields = ["user", "employer"]


@admin.register(EmployerLink)
class EmployerLinkAdmin(AuditedAdmin):
    list_display = ["volunteer", "employer", "self_employed", "shares_hours", "confirmed_at"]
    list_filter = ["self_employed", "shares_hours"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "employer__name"]
    list_select_related = ["volunteer", "employer"]
    raw_id_fields = ["volunteer", "employer"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["organisation", "sector", "kind", "happened_on", "outcome"]
    list_filter = ["sector", "kind"]
    search_fields = ["organisation", "outcome", "notes"]
    date_hierarchy = "happened_on"
    raw_id_fields = ["employer"]
