from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from . import permissions, services
from .models import (
    AuditEvent,
    Course,
    District,
    DiversityProfile,
    Force,
    ForceStaff,
    Membership,
    Notification,
    PeopleImport,
    ReminderOptOut,
    Scheme,
    TrainingRecord,
    User,
    Vetting,
    Volunteer,
)


class KeptAsMadeAdmin(admin.ModelAdmin):
    """Records kept as they were made (the audit trail, letters as issued, figures the
    jobs work out): read here, never added or changed; deleted only where
    `can_be_deleted` says so."""

    can_be_deleted = True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.can_be_deleted and super().has_delete_permission(request, obj)


class ReadAuditedAdmin(KeptAsMadeAdmin):
    """Sensitive reports kept as made (a custody visit's, a dog welfare visit's): each one
    opened here is on the audit trail, as it is on the staff pages."""

    can_be_deleted = False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        if record is not None:
            services.record_event(
                actor=request.user,
                volunteer=None,
                action=AuditEvent.Action.READ,
                record=record,
                summary=f"Read {record} in the admin",
            )
        return super().change_view(request, object_id, form_url, extra_context)


def _person_of(obj):
    return obj if isinstance(obj, Volunteer) else getattr(obj, "volunteer", None)


class AuditedAdmin(admin.ModelAdmin):
    """Changes made in the admin reach the audit trail like any other change to a person,
    and no one changes or deletes records about themselves here (a second person must:
    permissions.refuse_own_record)."""

    def has_change_permission(self, request, obj=None):
        own = obj is not None and permissions.is_own_record(request.user, _person_of(obj))
        return super().has_change_permission(request, obj) and not own

    def has_delete_permission(self, request, obj=None):
        own = obj is not None and permissions.is_own_record(request.user, _person_of(obj))
        return super().has_delete_permission(request, obj) and not own

    def save_model(self, request, obj, form, change):
        if permissions.is_own_record(request.user, _person_of(obj)):
            raise PermissionDenied(permissions.OWN_RECORD)
        before = None
        if change:
            old = type(obj).objects.get(pk=obj.pk)
            before = services.snapshot(old, [f.name for f in old._meta.concrete_fields])
        super().save_model(request, obj, form, change)
        services.record_model_change(
            actor=request.user, instance=obj, before=before, created=not change
        )

    def delete_model(self, request, obj):
        volunteer = _person_of(obj)
        services.record_event(
            actor=request.user,
            volunteer=None if obj is volunteer else volunteer,
            action=AuditEvent.Action.DELETED,
            record=obj,
            summary=f"Deleted {obj._meta.verbose_name}: {obj}",
        )
        super().delete_model(request, obj)


# What makes an account more than a person's own: who may sign in to the admin, be a
# superuser, and which groups and permissions it holds.
ACCESS_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_superuser", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name"]}),
        (
            "Access",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.may_grant_access(request.user):
            fields += ACCESS_FIELDS
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and not permissions.may_change_account(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not permissions.may_change_account(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    """A group is a bundle of permissions: only those who may grant access (superusers,
    who hold every permission) add, change or delete one."""

    def has_add_permission(self, request):
        return permissions.may_grant_access(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.may_grant_access(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.may_grant_access(request.user)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "who_can_join", "min_age", "max_age", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "summary"]

    def get_readonly_fields(self, request, obj=None):
        # A scheme's slug is how code and the audit trail name it: fixed once it exists.
        return ["slug"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["scheme", "role", "status", "applied_on", "joined_on", "left_on"]
    autocomplete_fields = ["scheme"]

    # `obj` is the person whose page this is: none of their own memberships change here.
    def has_add_permission(self, request, obj):
        own = permissions.is_own_record(request.user, obj)
        return super().has_add_permission(request, obj) and not own

    def has_change_permission(self, request, obj=None):
        own = permissions.is_own_record(request.user, obj)
        return super().has_change_permission(request, obj) and not own

    def has_delete_permission(self, request, obj=None):
        own = permissions.is_own_record(request.user, obj)
        return super().has_delete_permission(request, obj) and not own


@admin.register(Volunteer)
class VolunteerAdmin(AuditedAdmin):
    # Few, narrow columns: the list fits beside the admin's menu and filters at 1280 px.
    list_display = ["name", "email", "district"]
    list_filter = ["district", "memberships__scheme", "memberships__status"]
    search_fields = ["first_name", "last_name", "preferred_name", "email", "postcode"]
    list_select_related = ["district"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MembershipInline]
    show_facets = admin.ShowFacets.NEVER
    ordering = ["last_name", "first_name", "pk"]

    @admin.display(description="name", ordering="last_name")
    def name(self, person):
        return f"{person.last_name}, {person.preferred_name or person.first_name}"


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["volunteer", "scheme", "role", "status", "applied_on", "joined_on", "left_on"]
    list_filter = ["scheme", "role", "status"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "volunteer__email"]
    list_select_related = ["volunteer", "scheme"]
    autocomplete_fields = ["volunteer", "scheme", "status_changed_by"]


@admin.register(Vetting)
class VettingAdmin(AuditedAdmin):
    list_display = ["volunteer", "level", "status", "granted_on", "expires_on", "force_reference"]
    list_filter = ["level", "status"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "force_reference"]
    list_select_related = ["volunteer"]
    autocomplete_fields = ["volunteer"]
    date_hierarchy = "expires_on"


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "scheme", "valid_for_months"]
    list_filter = ["kind", "scheme"]
    search_fields = ["name"]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(AuditedAdmin):
    list_display = ["volunteer", "course", "completed_on", "expires_on"]
    list_filter = ["course"]
    search_fields = ["volunteer__first_name", "volunteer__last_name", "course__name"]
    list_select_related = ["volunteer", "course"]
    autocomplete_fields = ["volunteer"]


@admin.register(DiversityProfile)
class DiversityProfileAdmin(AuditedAdmin):
    """Special-category data: only for staff holding the named permission."""

    list_display = ["volunteer", "updated_at"]
    search_fields = ["volunteer__first_name", "volunteer__last_name"]
    autocomplete_fields = ["volunteer"]

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_diversity(request.user) and super().has_view_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can_view_diversity(request.user) and super().has_change_permission(
            request, obj
        )

    def has_add_permission(self, request):
        return permissions.can_view_diversity(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_view_diversity(request.user) and super().has_delete_permission(
            request, obj
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        profile = self.get_object(request, object_id)
        if profile is not None and request.method == "GET":
            services.record_diversity_view(actor=request.user, volunteer=profile.volunteer)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AuditEvent)
class AuditEventAdmin(KeptAsMadeAdmin):
    """The trail can be read here, never edited."""

    can_be_deleted = False

    list_display = ["at", "actor", "volunteer_label", "action", "summary"]
    list_filter = ["action", "record_type"]
    search_fields = ["volunteer_label", "summary", "actor__email"]
    list_select_related = ["actor"]
    date_hierarchy = "at"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox: read it here; the dispatcher sends it. Failed rows can be tried again."""

    list_display = ["created_at", "kind", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["try_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Try the selected failed messages again")
    def try_again(self, request, queryset):
        count = queryset.filter(status=Notification.Status.FAILED).update(
            status=Notification.Status.PENDING, attempts=0, next_try_at=timezone.now()
        )
        self.message_user(request, f"{count} messages will be tried again.")


@admin.register(ReminderOptOut)
class ReminderOptOutAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "kind"]
    list_filter = ["kind"]
    search_fields = ["volunteer__first_name", "volunteer__last_name"]


@admin.register(PeopleImport)
class PeopleImportAdmin(KeptAsMadeAdmin):
    """Spreadsheets of people brought in, as they were: uploaded and brought in from the
    people pages ("Bring people in from a spreadsheet")."""

    list_display = ["file_name", "uploaded_by", "status", "total", "created_at"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    exclude = ["rows", "outcomes"]


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "is_home"]


@admin.register(ForceStaff)
class ForceStaffAdmin(admin.ModelAdmin):
    """Who signs in for a force, and in what role: they see only their force's records."""

    list_display = ["user", "force", "role", "phone"]
    list_filter = ["force", "role"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]
