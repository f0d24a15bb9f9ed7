import csv

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from apps.core.history_admin import ChangeHistoryAdmin, ChangeHistoryInline, TrackedAdminMixin
from apps.core.text import spreadsheet_safe

from . import services
from .models import Category, Change, Contest, Criterion, Entry

EXPORT_COLUMNS = (
    ("code", _("reference code")),
    ("contest", _("contest")),
    ("category", _("category")),
    ("title", _("title of the work")),
    ("author_name", _("author's name")),
    ("age_group", _("age group")),
    ("school", _("school or class")),
    ("guardian_name", _("parent's or guardian's name")),
    ("area", _("ward or commune")),
    ("contact_phone", _("phone")),
    ("contact_email", _("e-mail")),
    ("consent_to_publish", _("consent to publish if selected")),
    ("file_kind", _("form of the work")),
    ("status", _("status")),
    ("prize", _("prize")),
    ("disqualification_reason", _("reason for disqualification")),
    ("submitted_at", _("submitted")),
)


class CategoryInline(TranslationStackedInline):
    model = Category
    extra = 0
    # Both languages side by side: each pair sits on one row of the form.
    fields = (
        ("name_vi", "name_en"),
        ("kind", "order"),
        ("description_vi", "description_en"),
        ("accepts_image", "accepts_audio", "accepts_pdf", "accepts_text"),
        ("max_file_mb", "max_text_chars"),
    )


class CriterionInline(TranslationStackedInline):
    model = Criterion
    extra = 0
    fields = (
        ("name_vi", "name_en"),
        ("description_vi", "description_en"),
        ("weight", "scale", "order"),
    )


class ChangeInline(ChangeHistoryInline):
    model = Change


@admin.register(Contest)
class ContestAdmin(TrackedAdminMixin, TranslationAdmin):
    list_display = ("title", "phase", "opens_at", "closes_at", "announced_on", "is_published")
    list_filter = ("phase", "is_published", "is_demo")
    search_fields = ("title_vi", "title_en", "slug")
    readonly_fields = ("updated_at",)
    inlines = (CategoryInline, CriterionInline, ChangeInline)
    # Both languages side by side: each pair sits on one row of the form.
    fieldsets = (
        (
            None,
            {"fields": (("title_vi", "title_en"), "slug", "code_prefix", ("theme_vi", "theme_en"))},
        ),
        (_("Summary"), {"fields": (("summary_vi", "summary_en"),)}),
        (_("Rules"), {"fields": (("rules_vi", "rules_en"),)}),
        (_("Prizes"), {"fields": (("prizes_vi", "prizes_en"),)}),
        (
            _("Dates and phase"),
            {
                "fields": (
                    ("opens_at", "closes_at"),
                    "announced_on",
                    "phase",
                    "is_published",
                    "is_demo",
                )
            },
        ),
    )


class DisqualifyForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for disqualification"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the entry and in the history; never shown publicly."),
    )


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Entries are the participants' own: staff read them, follow their status, disqualify
    with a reason and export them; nobody edits what was sent."""

    list_display = (
        "code",
        "title",
        "category",
        "author_name",
        "area",
        "status",
        "prize",
        "submitted_at",
    )
    list_filter = ("contest", "category", "status", "prize", "file_kind")
    list_select_related = ("contest", "category", "area")
    search_fields = ("code", "title", "author_name")
    date_hierarchy = "submitted_at"
    actions = ("export_csv", "disqualify_selected")
    readonly_fields = (
        "code",
        "contest",
        "category",
        "title",
        "description",
        "text",
        "file_kind",
        "file_type",
        "file_size",
        "file_name",
        "author_name",
        "age_group",
        "school",
        "guardian_name",
        "area",
        "contact_phone",
        "contact_email",
        "consent_to_publish",
        "language",
        "submitted_at",
        "disqualification_reason",
    )
    fieldsets = (
        (None, {"fields": ("code", "contest", "category", "status", "disqualification_reason")}),
        (
            _("The work"),
            {
                "fields": (
                    "title",
                    "description",
                    "text",
                    "file_kind",
                    "file_type",
                    "file_size",
                    "file_name",
                )
            },
        ),
        (
            _("The author (private)"),
            {
                "fields": (
                    "author_name",
                    "age_group",
                    "school",
                    "guardian_name",
                    "area",
                    "contact_phone",
                    "contact_email",
                    "consent_to_publish",
                    "language",
                    "submitted_at",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        obj._actor = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Export the selected entries as CSV (with contact details)"))
    def export_csv(self, request, queryset):
        if not request.user.has_perm("contests.view_entry"):
            self.message_user(request, gettext("You may not export entries."), messages.ERROR)
            return None
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="contest-entries-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")  # spreadsheets read the file as UTF-8 with it
        write_entries_csv(response, queryset)
        return response

    @admin.action(description=_("Disqualify the selected entries (with a reason)"))
    def disqualify_selected(self, request, queryset):
        if not services.can_manage_entries(request.user):
            self.message_user(request, gettext("You may not disqualify entries."), messages.ERROR)
            return None
        form = DisqualifyForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            for entry in queryset:
                services.disqualify(request.user, entry, form.cleaned_data["reason"])
            self.message_user(
                request,
                gettext("%(count)s entries disqualified.") % {"count": queryset.count()},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Disqualify entries"),
            "entries": queryset,
            "form": form,
            "opts": self.model._meta,
            "action": "disqualify_selected",
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return render(request, "admin/contests/entry/disqualify.html", context)


def write_entries_csv(out, queryset):
    """Write ``queryset`` as CSV rows to ``out``: every text cell spreadsheet-safe (a title
    starting with = never runs as a formula)."""
    writer = csv.writer(out)
    writer.writerow([str(label) for _name, label in EXPORT_COLUMNS])
    rows = queryset.select_related("contest", "category", "area").order_by("submitted_at", "pk")
    for entry in rows.iterator(chunk_size=500):
        values = {
            "contest": entry.contest.title,
            "category": entry.category.name,
            "area": entry.area.name,
            "age_group": entry.get_age_group_display() if entry.age_group else "",
            "consent_to_publish": gettext("yes") if entry.consent_to_publish else gettext("no"),
            "file_kind": entry.get_file_kind_display() if entry.file_kind else "",
            "status": entry.get_status_display(),
            "prize": entry.get_prize_display() if entry.prize else "",
            "submitted_at": timezone.localtime(entry.submitted_at).strftime("%Y-%m-%d %H:%M"),
        }
        writer.writerow(
            [
                spreadsheet_safe(str(values.get(name, getattr(entry, name))))
                for name, _l in EXPORT_COLUMNS
            ]
        )


@admin.register(Change)
class ChangeAdmin(ChangeHistoryAdmin):
    owner_field = "contest"
