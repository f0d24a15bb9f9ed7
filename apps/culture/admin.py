from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from apps.core.history_admin import ChangeHistoryAdmin, ChangeHistoryInline, TrackedAdminMixin

from .forms import ClubAdminForm, ClubPhotoForm
from .models import FOCUS_FIELDS, Change, Club, ClubPhoto, Dance, JoinRequest


class ClubPhotoInline(TranslationTabularInline):
    model = ClubPhoto
    form = ClubPhotoForm
    extra = 1
    fields = ("upload", "alt", "order")


class ChangeInline(ChangeHistoryInline):
    model = Change


class JoinRequestInline(admin.TabularInline):
    """The club's join requests, read-only here: answered in the workspace or below."""

    model = JoinRequest
    extra = 0
    can_delete = False
    fields = ("created_at", "name", "phone", "email", "message", "handled")
    readonly_fields = ("created_at", "name", "phone", "email", "message")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Club)
class ClubAdmin(TrackedAdminMixin, TranslationAdmin):
    form = ClubAdminForm
    list_display = ("name", "area", "member_count", "is_demo", "is_published", "updated_at")
    list_filter = ("is_published", "is_demo", "area__parent", *FOCUS_FIELDS.values())
    search_fields = ("name_vi", "name_en", "slug", "search_text")
    list_select_related = ("area__parent",)
    autocomplete_fields = ("area", "space")
    filter_horizontal = ("officials",)
    readonly_fields = ("updated_at",)
    inlines = (ClubPhotoInline, JoinRequestInline, ChangeInline)
    fieldsets = (
        (None, {"fields": ("name", "slug", "area", "description", "is_published", "is_demo")}),
        (_("What it keeps alive"), {"fields": tuple(FOCUS_FIELDS.values())}),
        (
            _("When and where it meets"),
            {
                "fields": (
                    "days",
                    "starts_at",
                    "ends_at",
                    "schedule_note",
                    "space",
                    "meeting_place",
                )
            },
        ),
        (
            _("Members and contact"),
            {
                "fields": (
                    "founded_on",
                    "member_count",
                    "contact_name",
                    "contact_phone",
                    "contact_email",
                )
            },
        ),
        (_("People"), {"fields": ("officials", "updated_at")}),
    )


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ("created_at", "club", "name", "handled")
    list_filter = ("handled",)
    list_select_related = ("club",)
    search_fields = ("name", "club__name_vi")
    readonly_fields = ("club", "name", "phone", "email", "message", "language", "created_at")
    fields = (*readonly_fields, "handled", "handled_at", "handled_by")

    def has_add_permission(self, request):
        return False


@admin.register(Dance)
class DanceAdmin(TranslationAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "kind", "order")
    filter_horizontal = ("clubs",)
    fields = (
        "name",
        "name_tai",
        "slug",
        "kind",
        "order",
        "description",
        "meaning",
        "occasion",
        "media_url",
        "clubs",
    )


@admin.register(Change)
class ChangeAdmin(ChangeHistoryAdmin):
    owner_field = "club"
