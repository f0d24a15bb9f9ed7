"""The admin of a change history (apps.core.history): read-only, newest first, for every app."""

from django.contrib import admin
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
