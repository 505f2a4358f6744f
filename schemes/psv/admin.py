from django.contrib import admin

from volunteers.admin import AuditedAdmin, KeptAsMadeAdmin

from .models import EsvActivity, Placement, PlacementHours, Role, Setting


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1
    fields = ["title", "service", "is_active"]


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin):
    """The settings of the Police Support Volunteers' catalogue, each with its roles."""

    list_display = ["name", "summary"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "setting", "service", "is_active"]
    list_filter = ["service", "is_active", "setting"]
    search_fields = ["title", "setting__name"]
    list_select_related = ["setting"]


@admin.register(Placement)
class PlacementAdmin(AuditedAdmin):
    list_display = ["volunteer", "role", "starts_on", "ends_on"]
    list_filter = ["role__setting"]
    search_fields = ["volunteer__last_name", "role__title"]
    list_select_related = ["volunteer", "role__setting"]
    raw_id_fields = ["volunteer"]


@admin.register(PlacementHours)
class PlacementHoursAdmin(KeptAsMadeAdmin):
    """Which hours entries were given in which placement (credited on the placement's page)."""

    list_display = ["placement", "entry"]
    list_select_related = ["placement__volunteer", "placement__role", "entry"]


@admin.register(EsvActivity)
class EsvActivityAdmin(AuditedAdmin):
    list_display = ["done_on", "kind", "district", "outcome", "volunteer"]
    list_filter = ["kind", "outcome", "district"]
    list_select_related = ["volunteer", "district"]
    raw_id_fields = ["volunteer"]
