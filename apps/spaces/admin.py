from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from apps.core.history_admin import ChangeHistoryAdmin, ChangeHistoryInline, TrackedAdminMixin

from .forms import PhotoForm
from .models import Change, LearningSpace, OpeningHours, Photo


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 1


class PhotoInline(TranslationTabularInline):
    model = Photo
    form = PhotoForm
    extra = 1
    fields = ("upload", "alt", "order", "size")
    readonly_fields = ("size",)

    @admin.display(description=_("size in pixels"))
    def size(self, photo):
        return f"{photo.width} × {photo.height}" if photo.pk else "—"


class ChangeInline(ChangeHistoryInline):
    """The history of a space, its hours and its photos, read-only, newest first."""

    model = Change


@admin.register(LearningSpace)
class LearningSpaceAdmin(TrackedAdminMixin, TranslationAdmin):
    list_display = ("name", "kind", "area", "is_published", "updated_at")
    list_filter = ("kind", "is_published", "area__parent")
    search_fields = ("name_vi", "name_en", "slug", "search_text")
    list_select_related = ("area__parent",)
    autocomplete_fields = ("area",)
    filter_horizontal = ("officials",)
    prepopulated_fields = {}
    readonly_fields = ("updated_at",)
    inlines = (OpeningHoursInline, PhotoInline, ChangeInline)
    fieldsets = (
        (None, {"fields": ("kind", "name", "slug", "area", "address", "is_published")}),
        (_("Location"), {"fields": ("latitude", "longitude")}),
        (_("Description and activities"), {"fields": ("description", "activities")}),
        (
            _("Facilities"),
            {
                "fields": (
                    "book_count",
                    "has_reading_corner",
                    "has_children_corner",
                    "has_internet",
                    "has_computers",
                    "has_meeting_hall",
                    "has_sports_ground",
                    "has_stage",
                    "is_step_free",
                )
            },
        ),
        (_("Public contact"), {"fields": ("contact_phone", "contact_email")}),
        (_("People"), {"fields": ("officials", "updated_at")}),
    )


@admin.register(Change)
class ChangeAdmin(ChangeHistoryAdmin):
    """Who changed which space, hours or photo, and when; nobody can alter or delete it."""

    owner_field = "space"
