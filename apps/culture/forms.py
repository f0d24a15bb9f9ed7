import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.core.forms import TextBoxField, show_length_limits
from apps.core.text import drop_controls

from .models import FOCUS_FIELDS, Club, ClubPhoto, Focus, JoinRequest
from .schedule import WEEKDAYS, days_bits, weekdays_of

# A Vietnamese number as people write it: +84 or 0, then 8 to 10 digits, spaces, dots or
# dashes between groups allowed.
PHONE_CHARS = re.compile(r"^\+?[0-9 .\-()]+$")


class ClubFilterForm(core_forms.ListFilterForm):
    """The list's filters, read from the query string."""

    focus = forms.ChoiceField(
        label=_("What the club keeps alive"),
        required=False,
        choices=[("", _("Every focus")), *Focus.choices],
    )

    refusals = {"focus": _("There is no such focus: showing every club.")}


def _no_controls(value):
    if value != drop_controls(value):
        raise ValidationError(_("Remove the invisible control characters from this text."))


class JoinForm(forms.ModelForm):
    """A resident's request to join a club. ``website`` is a trap for robots (hidden)."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = JoinRequest
        fields = ["name", "phone", "email", "message"]
        field_classes = {"message": TextBoxField}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "phone": _("A phone number or an e-mail address (or both), so the club can answer."),
            "message": _("Say a few words: what you would like to learn, when you are free."),
        }
        labels = {"message": _("Your message")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["message"].required = True
        show_length_limits(self)

    def clean_name(self):
        value = self.cleaned_data["name"].strip()
        _no_controls(value)
        return value

    def clean_message(self):
        value = self.cleaned_data["message"].strip()
        _no_controls(value.replace("\n", " ").replace("\t", " "))
        if not value:
            raise ValidationError(_("Write a short message."))
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if not value:
            return value
        digits = re.sub(r"\D", "", value)
        if not PHONE_CHARS.match(value) or not 9 <= len(digits) <= 12:
            raise ValidationError(
                _("Enter a phone number of 9 to 12 digits, such as 0212 385 2001.")
            )
        return value

    def clean(self):
        data = super().clean()
        no_contact = not data.get("phone") and not data.get("email")
        if no_contact and not self.errors.get("phone") and not self.errors.get("email"):
            self.add_error(
                "phone", _("Give a phone number or an e-mail address, so the club can answer you.")
            )
        return data

    def is_robot(self):
        return bool(self.data.get("website"))


def _days_field():
    return forms.TypedMultipleChoiceField(
        label=_("Meeting days"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MeetingDaysMixin:
    """The meeting days as check boxes, stored as one number (``Club.meeting_days``)."""

    def _set_days_initial(self):
        self.fields["days"].initial = weekdays_of(self.instance.meeting_days)

    def save(self, commit=True):
        self.instance.meeting_days = days_bits(self.cleaned_data.get("days") or [])
        return super().save(commit)


class ClubEditForm(MeetingDaysMixin, forms.ModelForm):
    """What a club's official may change."""

    days = _days_field()

    class Meta:
        model = Club
        fields = [
            "description_vi",
            "description_en",
            "starts_at",
            "ends_at",
            "schedule_note_vi",
            "schedule_note_en",
            "meeting_place_vi",
            "meeting_place_en",
            "member_count",
            "contact_name",
            "contact_phone",
            "contact_email",
            *FOCUS_FIELDS.values(),
        ]
        widgets = {
            "description_vi": forms.Textarea(attrs={"rows": 5, "lang": "vi"}),
            "description_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        field_classes = {"description_vi": TextBoxField, "description_en": TextBoxField}
        labels = {
            "description_vi": _("Description (Vietnamese)"),
            "description_en": _("Description (English)"),
            "schedule_note_vi": _("Note on the schedule (Vietnamese)"),
            "schedule_note_en": _("Note on the schedule (English)"),
            "meeting_place_vi": _("Meeting place (Vietnamese)"),
            "meeting_place_en": _("Meeting place (English)"),
        }

    field_order = ["days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_days_initial()
        show_length_limits(self)


class ClubAdminForm(MeetingDaysMixin, forms.ModelForm):
    """The admin's club form: the meeting days as check boxes instead of a number."""

    days = _days_field()

    class Meta:
        model = Club
        fields = [
            field.name
            for field in Club._meta.get_fields()
            if getattr(field, "editable", False)
            and field.concrete
            and not field.auto_created
            and field.name != "meeting_days"
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_days_initial()


class ClubPhotoForm(core_forms.PhotoForm):
    """A new photo: the file is checked by its content before anything is stored."""

    class Meta(core_forms.PhotoForm.Meta):
        model = ClubPhoto
