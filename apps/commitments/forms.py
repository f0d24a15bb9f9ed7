from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TextBoxField, show_length_limits
from apps.core.numbers import parse_decimal

from .evidence import MAX_EVIDENCE_MB, validate_evidence
from .models import Measurement, Unit
from .services import active_measurement_on, number_reading


class TypedDecimalField(forms.DecimalField):
    """A decimal as people type it in either language: ``83,5``, ``83.5``, ``83%``
    (``apps.core.numbers.parse_decimal``); ``percent`` and ``whole`` say what it measures."""

    def __init__(self, *, percent=False, whole=False, **kwargs):
        super().__init__(**kwargs)
        self.percent = percent
        self.whole = whole

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_decimal(value, percent=self.percent, whole=self.whole)


class MeasurementForm(forms.Form):
    """The short form an official fills in on a phone to record a new figure."""

    value = TypedDecimalField(
        label=_("Value"),
        max_digits=18,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    valid_on = forms.DateField(
        label=_("Date the figure is valid for"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note_vi = TextBoxField(
        label=_("Note (Vietnamese)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
        help_text=_("Where the figure comes from and what it covers."),
    )
    note_en = TextBoxField(
        label=_("Note (English, optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
    )
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        validators=[validate_evidence],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )
    is_correction = forms.BooleanField(
        label=_("This corrects the figure already recorded for this date"), required=False
    )
    correction_reason = forms.CharField(
        label=_("Reason for the correction"), max_length=300, required=False
    )

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment = commitment
        self.corrected = None
        self.duplicate = None
        self.fields["evidence"].help_text = _("A PDF document or a photo, up to %(limit)s MB.") % {
            "limit": MAX_EVIDENCE_MB
        }
        hints = {
            Unit.PERCENT: _("A percentage from 0 to 100, e.g. 33.7."),
            Unit.COUNT: _("A whole number, 0 or more."),
            Unit.VND: _("An amount in VND, a whole number without separators."),
            Unit.YES_NO: _("1 for yes, 0 for no."),
        }
        # Django links each field to its help text and its errors (aria-describedby) itself.
        self.fields["value"].help_text = hints.get(commitment.unit, "")
        # Every decimal field of the form reads numbers the same way.
        for field in self.fields.values():
            if isinstance(field, TypedDecimalField):
                for name, value in number_reading(commitment).items():
                    setattr(field, name, value)
        show_length_limits(self)

    def clean_value(self):
        value = self.cleaned_data["value"]
        self.commitment.validate_value(value)
        return value

    def clean_valid_on(self):
        valid_on = self.cleaned_data["valid_on"]
        self.commitment.validate_date(valid_on)
        return valid_on

    def clean(self):
        data = super().clean()
        valid_on = data.get("valid_on")
        if valid_on is None:
            return data
        existing = active_measurement_on(self.commitment, valid_on)
        if data.get("is_correction"):
            if existing is None:
                self.add_error(
                    "is_correction", _("There is no figure recorded for this date to correct.")
                )
            elif existing.is_pending:
                self.add_error(
                    "is_correction",
                    _(
                        "The figure recorded for this date is still waiting for approval: ask "
                        "a second official to reject it, then record the right figure."
                    ),
                )
            elif not data.get("correction_reason", "").strip():
                self.add_error(
                    "correction_reason", _("Say why the figure already recorded was wrong.")
                )
            else:
                self.corrected = existing
        elif existing is not None:
            self.duplicate = existing
            self.add_error(
                "valid_on",
                ValidationError(
                    gettext(
                        "A figure of %(value)s is already recorded for this date. If the new "
                        "figure corrects it, tick “This corrects the figure already recorded "
                        "for this date” and give the reason; otherwise choose another date."
                    )
                    % {"value": existing.display_value()},
                    code="duplicate",
                ),
            )
        return data


class RejectionForm(forms.Form):
    """Why a figure is rejected: the official who recorded it reads it in their workspace."""

    reason = TextBoxField(
        label=_("Reason for the rejection"),
        max_length=Measurement.REJECTION_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The official who recorded the figure reads it, in their workspace and by e-mail."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _(
            "Say why the figure is rejected: the official who recorded it needs to know."
        )
        show_length_limits(self)
