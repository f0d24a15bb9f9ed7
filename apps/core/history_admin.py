"""The admin of a change history (apps.core.history): read-only, newest first, for every app."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

HISTORY_FIELDS = ("at", "user", "object_type", "object_id", "action", "changes")


class ChangeHistoryInline(admin.TabularInline):
    """The history of an object (and what belongs to it) on its admin page."""

    fields = HISTORY_FIELDS
    readonly_fields = HISTORY_FIELDS
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("change history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ChangeHistoryAdmin(admin.ModelAdmin):
    """Who changed what, and when; nobody can add, alter or delete it.

    ``owner_field`` names the history's owner (``commitment``, ``space``).
    """

    owner_field = None
    list_filter = ("action", "object_type")
    search_fields = ("object_repr",)

    def get_list_display(self, request):
        return ("at", "user", "action", "object_type", "object_repr", self.owner_field)

    def get_list_select_related(self, request):
        return ("user", self.owner_field)

    def get_readonly_fields(self, request, obj=None):
        return ("at", "user", self.owner_field, "object_type", "object_id", "object_repr",
                "action", "changes")  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TrackedAdminMixin:
    """An admin whose every change (the object, its inlines, a deletion from the list) is
    recorded in the history under the staff member who made it (``instance._actor``)."""

    def save_model(self, request, obj, form, change):
        obj._actor = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._actor = request.user
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One by one, so that each object's "deleted" record names who deleted it.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj._actor = request.user
            obj.delete()
        for obj in instances:
            obj._actor = request.user
            obj.save()
        formset.save_m2m()
