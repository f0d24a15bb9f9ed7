from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from apps.core.history_admin import ChangeHistoryAdmin, ChangeHistoryInline, TrackedAdminMixin

from . import services
from .evidence import clean_evidence
from .models import Change, Commitment, Measurement


class ChangeInline(ChangeHistoryInline):
    """The history of a commitment and its measurements, read-only, newest first."""

    model = Change


@admin.register(Commitment)
class CommitmentAdmin(TrackedAdminMixin, TranslationAdmin):
    list_display = (
        "title",
        "key_feature",
        "unit",
        "target_value",
        "target_year",
        "published",
        "requires_approval",
        "order",
    )
    list_filter = ("key_feature", "unit", "published", "requires_approval")
    list_editable = ("order",)
    search_fields = ("title_vi", "title_en", "slug")
    filter_horizontal = ("officials",)
    readonly_fields = ("slug",)
    inlines = (ChangeInline,)
    # Both languages side by side: each pair sits on one row of the form.
    fieldsets = (
        (None, {"fields": (("title_vi", "title_en"), "slug", ("summary_vi", "summary_en"))}),
        (_("Description"), {"fields": (("description_vi", "description_en"),)}),
        (
            _("Target"),
            {
                "fields": (
                    "key_feature",
                    ("unit", "direction"),
                    ("baseline_value", "baseline_year"),
                    ("target_value", "target_year"),
                )
            },
        ),
        (
            _("Responsibility"),
            {
                "fields": (
                    ("responsible_office_vi", "responsible_office_en"),
                    "officials",
                    "requires_approval",
                )
            },
        ),
        (_("Publication"), {"fields": ("published", "order")}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 CSV with the columns commitment (its slug), valid_on (YYYY-MM-DD), value, "
            "note_vi and note_en. Nothing is imported when any row is wrong."
        ),
    )


class MeasurementAdminForm(forms.ModelForm):
    def clean_evidence(self):
        # Re-encoded here, not in record_measurement(), so a picture that cannot be decoded is
        # refused on the form instead of failing the save.
        evidence = self.cleaned_data.get("evidence")
        return clean_evidence(evidence) if evidence else evidence


@admin.register(Measurement)
class MeasurementAdmin(TranslationAdmin):
    """Measurements are append-only: staff add and review them, never edit nor delete them."""

    form = MeasurementAdminForm

    list_display = ("commitment", "valid_on", "value", "status", "recorded_by", "recorded_at")
    list_filter = ("status", "commitment")
    list_select_related = ("commitment", "recorded_by")
    date_hierarchy = "valid_on"
    actions = ("approve_selected",)
    change_list_template = "admin/commitments/measurement/change_list.html"
    fields = (
        "commitment",
        "valid_on",
        "value",
        ("note_vi", "note_en"),
        "evidence",
        "corrects",
        "correction_reason",
        "status",
        "recorded_by",
        "recorded_at",
        "approved_by",
        "approved_at",
    )
    raw_id_fields = ("corrects",)

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        # A recorded measurement's evidence opens through the evidence view (private storage).
        return tuple("evidence_file" if name == "evidence" else name for name in self.fields)

    def get_readonly_fields(self, request, obj=None):
        review = ("status", "recorded_by", "recorded_at", "approved_by", "approved_at")
        return self.get_fields(request, obj) if obj else review

    @admin.display(description=_("evidence"))
    def evidence_file(self, obj):
        if not obj.evidence:
            return "-"
        url = reverse("commitments:evidence", args=[obj.commitment.slug, obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Open the evidence"))

    def has_change_permission(self, request, obj=None):
        # The list stays reachable (view permission); an existing row opens read-only.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        data = form.cleaned_data
        obj.pk = services.record_measurement(
            obj.commitment,
            request.user,
            value=data["value"],
            valid_on=data["valid_on"],
            note_vi=data.get("note_vi", ""),
            note_en=data.get("note_en", ""),
            evidence=data.get("evidence") or None,
            corrects=data.get("corrects"),
            correction_reason=data.get("correction_reason", ""),
        ).pk

    @admin.action(description=_("Approve the selected pending measurements"))
    def approve_selected(self, request, queryset):
        approved = skipped = 0
        for measurement in queryset.select_related("commitment"):
            if not services.can_review(request.user, measurement):
                skipped += 1
                continue
            try:
                services.approve_measurement(measurement, request.user)
            except PermissionDenied:  # reviewed by someone else in the meantime
                skipped += 1
            else:
                approved += 1
        self.message_user(
            request,
            gettext("%(approved)s approved; %(skipped)s skipped (not pending, or your own).")
            % {"approved": approved, "skipped": skipped},
        )

    def get_urls(self):
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="commitments_measurement_import",
            )
        ]
        return custom + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        result = None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            result = services.import_measurements(form.cleaned_data["file"], request.user)
            if not result.errors:
                self.message_user(
                    request,
                    gettext("Imported %(count)s measurements.") % {"count": len(result.created)},
                    messages.SUCCESS,
                )
                return redirect("admin:commitments_measurement_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import measurements from a CSV file"),
            "form": form,
            "result": result,
            "columns": services.IMPORT_COLUMNS,
        }
        return render(request, "admin/commitments/measurement/import.html", context)


@admin.register(Change)
class ChangeAdmin(ChangeHistoryAdmin):
    """Who changed what, and when; nobody can alter or delete it."""

    owner_field = "commitment"
