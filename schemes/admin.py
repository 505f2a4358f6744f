from django import forms
from django.contrib import admin

from volunteers.admin import AuditedAdmin, KeptAsMadeAdmin
from volunteers.forms import ModelForm

from .kpi_registry import all_kpis
from .models import (
    Application,
    CalendarFeed,
    Duty,
    HoursEntry,
    Interview,
    KpiSnapshot,
    KpiTarget,
    MonthlyHours,
    Opportunity,
    Question,
    Signup,
    Step,
)
from .services import month_totals


class SignupInline(admin.TabularInline):
    model = Signup
    extra = 0
    fields = ["volunteer", "status", "created_at"]
    readonly_fields = ["volunteer", "status", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # bookings go through the booking service, which guards the places


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ["title", "scheme", "starts_at", "place", "booked_count", "places", "status"]
    list_filter = ["scheme", "status", "kind", "district"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    list_select_related = ["scheme"]
    readonly_fields = ["booked_count", "sequence", "series", "created_by", "created_at"]
    inlines = [SignupInline]


@admin.register(Signup)
class SignupAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "duty", "status", "created_at"]
    list_filter = ["status", "duty__scheme"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "duty__title"]
    list_select_related = ["volunteer", "duty"]
    readonly_fields = ["duty", "volunteer", "status", "created_at", "status_changed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(HoursEntry)
class HoursEntryAdmin(AuditedAdmin):
    list_display = ["volunteer", "scheme", "worked_on", "hours", "kind", "status"]
    list_filter = ["status", "kind", "scheme"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "description"]
    list_select_related = ["volunteer", "scheme"]
    autocomplete_fields = ["volunteer"]
    date_hierarchy = "worked_on"
    readonly_fields = ["signup", "decided_by", "decided_at"]

    # An edit here can move approved hours between people, schemes and months: the
    # monthly totals of where they were and where they are now are worked out again.
    def save_model(self, request, obj, form, change):
        was = HoursEntry.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        month_totals.refresh(*[month_totals.key_of(e) for e in (was, obj) if e is not None])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        month_totals.refresh(month_totals.key_of(obj))

    def delete_queryset(self, request, queryset):
        keys = [month_totals.key_of(entry) for entry in queryset]
        super().delete_queryset(request, queryset)
        month_totals.refresh(*keys)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "created_at"]
    search_fields = ["volunteer__first_name", "volunteer__last_name"]
    readonly_fields = ["volunteer", "token", "created_at"]


@admin.register(KpiSnapshot)
class KpiSnapshotAdmin(KeptAsMadeAdmin):
    """The nightly figures, to look into; the rollup writes them, so nobody edits them."""

    list_display = ["kpi", "period", "group", "district", "value", "target", "computed_at"]
    list_filter = ["kpi", "period", "district"]
    search_fields = ["kpi", "group"]
    list_select_related = ["district"]


class KpiTargetForm(ModelForm):
    class Meta:
        model = KpiTarget
        fields = ["kpi", "value", "target_on", "ambition"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpi"] = forms.ChoiceField(
            label="KPI",
            choices=[
                (kpi.code, f"{kpi.title} ({kpi.unit})")
                for kpi in all_kpis()
                if not kpi.code.startswith("diversity_")  # measured against the census
            ],
        )


@admin.register(KpiTarget)
class KpiTargetAdmin(admin.ModelAdmin):
    """Targets from the strategy's delivery plan; the dashboard shows them at once."""

    form = KpiTargetForm
    list_display = ["kpi", "value", "target_on", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(MonthlyHours)
class MonthlyHoursAdmin(KeptAsMadeAdmin):
    """Kept totals of approved hours: worked out from the entries, so read-only here (change
    an entry and its month is worked out again)."""

    list_display = ["volunteer", "scheme", "month", "hours"]
    list_filter = ["scheme", "month"]
    search_fields = ["volunteer__first_name", "volunteer__last_name"]
    list_select_related = ["volunteer", "scheme"]

    can_be_deleted = False


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    fields = ["position", "text", "kind", "choices", "required"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    """Roles people can apply for: coordinators' words, the stages and the questions."""

    list_display = ["title", "scheme", "district", "activity", "is_open", "closes_on"]
    list_filter = ["scheme", "is_open", "activity", "district"]
    search_fields = ["title", "summary"]
    list_select_related = ["scheme", "district"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ["at", "stage", "status", "actor", "reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(KeptAsMadeAdmin):
    """Applications, to look into: coordinators move them on from the Applicants page,
    where each decision is recorded and the applicant told."""

    can_be_deleted = False
    list_display = ["volunteer", "opportunity", "stage", "status", "created_at"]
    list_filter = ["status", "stage", "opportunity__scheme"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "opportunity__title"]
    list_select_related = ["volunteer", "opportunity__scheme"]
    inlines = [StepInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "opportunity", "kind", "required", "position"]
    list_filter = ["kind", "opportunity__scheme"]
    search_fields = ["text", "opportunity__title"]
    list_select_related = ["opportunity"]


@admin.register(Step)
class StepAdmin(KeptAsMadeAdmin):
    """Each move of an application, as it was recorded."""

    can_be_deleted = False
    list_display = ["application", "stage", "status", "actor", "at"]
    list_filter = ["status", "stage"]
    list_select_related = ["application__volunteer", "application__opportunity", "actor"]


@admin.register(Interview)
class InterviewAdmin(KeptAsMadeAdmin):
    """Interviews, to look into: coordinators arrange them on the applicant's page, which
    e-mails the applicant their invitation."""

    can_be_deleted = False
    list_display = ["application", "starts_at", "place", "sequence"]
    list_select_related = ["application__volunteer", "application__opportunity"]
