from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from apps.core.history_admin import ChangeHistoryAdmin, ChangeHistoryInline, TrackedAdminMixin

from .forms_workspace import EventPhotoForm
from .models import Change, Event, EventPhoto, Programme, ProgrammeChange


class EventPhotoInline(TranslationTabularInline):
    model = EventPhoto
    form = EventPhotoForm
    extra = 1
    fields = ("upload", "alt", "order")


class ChangeInline(ChangeHistoryInline):
    model = Change


class ProgrammeChangeInline(ChangeHistoryInline):
    model = ProgrammeChange


@admin.register(Event)
class EventAdmin(TrackedAdminMixin, TranslationAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "title",
        "starts_at",
        "category",
        "area",
        "programme",
        "is_cancelled",
        "is_published",
    )
    list_filter = ("is_published", "is_cancelled", "category", "programme", "area__parent")
    search_fields = ("title_vi", "title_en", "slug", "search_text")
    list_select_related = ("area", "programme")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("area", "space", "club")
    readonly_fields = ("created_at", "updated_at")
    inlines = (EventPhotoInline, ChangeInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "description", "category")}),
        (_("When"), {"fields": ("starts_at", "ends_at", "all_day")}),
        (
            _("Where"),
            {
                "fields": (
                    "space",
                    "place_name",
                    "address",
                    "area",
                    "latitude",
                    "longitude",
                    "is_external",
                )
            },
        ),
        (
            _("Taking part"),
            {
                "fields": (
                    "organiser",
                    "audience",
                    "is_free",
                    "registration_url",
                    "registration_note",
                )
            },
        ),
        (_("Part of"), {"fields": ("programme", "club", "contest")}),
        (
            _("Publication"),
            {
                "fields": (
                    "is_published",
                    "is_cancelled",
                    "cancellation_note",
                    "is_demo",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )


@admin.register(Programme)
class ProgrammeAdmin(TrackedAdminMixin, TranslationAdmin):
    list_display = ("name", "starts_on", "ends_on", "call_open_from", "call_open_until")
    list_filter = ("is_published",)
    search_fields = ("name_vi", "name_en", "slug")
    readonly_fields = ("updated_at",)
    inlines = (ProgrammeChangeInline,)
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "description", "starts_on", "ends_on")}),
        (_("Call for events"), {"fields": ("call_open_from", "call_open_until", "call_text")}),
        (_("Publication"), {"fields": ("is_published", "is_demo", "updated_at")}),
    )


@admin.register(Change)
class ChangeAdmin(ChangeHistoryAdmin):
    owner_field = "event"


@admin.register(ProgrammeChange)
class ProgrammeChangeAdmin(ChangeHistoryAdmin):
    owner_field = "programme"


from . import admin_proposals  # noqa: E402, F401 (the call for events)
