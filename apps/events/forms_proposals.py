"""The call for events: the public proposal form and the reviewer's decision form."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TextBoxField, show_length_limits
from apps.core.localtime import city_zone
from apps.core.models import Area
from apps.core.text import drop_controls, vi_sort_key

from .models import EventProposal

# A Vietnamese number as people write it: +84 or 0, then digits, spaces, dots or dashes.
PHONE_CHARS = re.compile(r"^\+?[0-9 .\-()]+$")
TEXT_FIELDS = ("title", "description", "place", "organiser", "contact_name")


def _no_controls(value):
    if value != drop_controls(value.replace("\n", " ").replace("\t", " ")).replace("\n", " "):
        raise ValidationError(_("Remove the invisible control characters from this text."))


class ProposalForm(forms.ModelForm):
    """An event offered to a programme's call. ``website`` is a trap for robots (hidden).

    The day and times are typed as a person says them (a day, from, to); the form turns them
    into the aware start and end of the proposal, in the city's time.
    """

    starts_on = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("From"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave the times empty for an event that lasts all day."),
    )
    ends_on = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only for an event over several days (an exhibition)."),
    )
    end_time = forms.TimeField(
        label=_("To"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    area = forms.ModelChoiceField(
        label=_("Ward or commune"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Choose…"),
        help_text=_("Its officials review your proposal."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = EventProposal
        fields = [
            "title",
            "description",
            "category",
            "place",
            "area",
            "organiser",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        field_classes = {"description": TextBoxField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {
            "title": _("Name of the event"),
            "description": _("What happens, for whom"),
            "place": _("Place"),
            "organiser": _("Organiser"),
            "contact_name": _("Your name"),
            "contact_phone": _("Phone"),
            "contact_email": _("E-mail"),
        }
        help_texts = {
            "title": _("In Vietnamese or in English."),
            "place": _(
                "The address or the name of the place: “Cultural house of Co Phương village”."
            ),
            "organiser": _("Your school, club, association, workplace or family."),
            "contact_phone": _(
                "A phone number or an e-mail address (or both), so the officials can answer. "
                "They are never shown on the portal."
            ),
        }

    field_order = [
        "title",
        "description",
        "category",
        "starts_on",
        "start_time",
        "end_time",
        "ends_on",
        "place",
        "area",
        "organiser",
        "contact_name",
        "contact_phone",
        "contact_email",
    ]

    def __init__(self, *args, programme, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["description"].required = True
        self.fields["area"].queryset = Area.objects.active().units()
        # The choices in the order a Vietnamese reader expects them.
        units = sorted(Area.objects.active().units(), key=lambda a: (a.order, vi_sort_key(a.name)))
        self.fields["area"].choices = [("", _("Choose…"))] + [(a.pk, a.name) for a in units]
        if self.instance.pk:
            self._initial_from(self.instance)
        show_length_limits(self)

    def _initial_from(self, proposal):
        """A proposal sent back for changes, shown as the proposer typed it."""
        start, end = proposal.local_start, proposal.local_end
        self.initial["starts_on"] = start.date()
        if end.date() != start.date():
            self.initial["ends_on"] = end.date()
        if not proposal.all_day:
            self.initial["start_time"] = start.time()
            self.initial["end_time"] = end.time()
        if proposal.area_id:
            self.initial["area"] = proposal.area.unit.pk

    def clean(self):
        data = super().clean()
        for name in TEXT_FIELDS:
            value = data.get(name)
            if isinstance(value, str):
                value = value.strip()
                data[name] = value
                try:
                    _no_controls(value)
                except ValidationError as error:
                    self.add_error(name, error)
        self._clean_contact(data)
        self._clean_when(data)
        return data

    def clean_contact_phone(self):
        value = self.cleaned_data["contact_phone"].strip()
        if not value:
            return value
        digits = re.sub(r"\D", "", value)
        if not PHONE_CHARS.match(value) or not 9 <= len(digits) <= 12:
            raise ValidationError(
                _("Enter a phone number of 9 to 12 digits, such as 0212 385 2001.")
            )
        return value

    def _clean_contact(self, data):
        no_contact = not data.get("contact_phone") and not data.get("contact_email")
        if no_contact and "contact_phone" not in self.errors and "contact_email" not in self.errors:
            self.add_error(
                "contact_phone",
                _("Give a phone number or an e-mail address, so the officials can answer you."),
            )

    def _clean_when(self, data):
        day = data.get("starts_on")
        if day is None:
            return
        programme = self.programme
        if not programme.starts_on <= day <= programme.ends_on:
            self.add_error(
                "starts_on",
                _("Choose a day of the programme, from %(first)s to %(last)s.")
                % {
                    "first": date_format(programme.starts_on, "SHORT_DATE_FORMAT"),
                    "last": date_format(programme.ends_on, "SHORT_DATE_FORMAT"),
                },
            )
            return
        last = data.get("ends_on") or day
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if last < day:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
            return
        if (start_time is None) != (end_time is None):
            field = "end_time" if end_time is None else "start_time"
            self.add_error(field, _("Give both times, or neither for an event that lasts all day."))
            return
        zone = city_zone()
        if start_time is None:
            starts = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
            ends = datetime.datetime.combine(last, datetime.time(23, 59, 59), tzinfo=zone)
        else:
            starts = datetime.datetime.combine(day, start_time, tzinfo=zone)
            ends = datetime.datetime.combine(last, end_time, tzinfo=zone)
            if ends <= starts:
                self.add_error("end_time", _("The event must end after it starts."))
                return
        self.instance.starts_at, self.instance.ends_at = starts, ends
        self.instance.all_day = start_time is None

    def is_robot(self):
        return bool(self.data.get("website"))


class DecisionForm(forms.Form):
    """A reviewer's message to the proposer: required to ask for changes or to decline."""

    reason = forms.CharField(
        label=_("Message to the proposer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to them by e-mail in their language, with your decision."),
    )

    def __init__(self, *args, required=False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        self.fields["reason"].error_messages["required"] = _(
            "Say why, so the proposer knows what to do."
        )
        show_length_limits(self)

    def clean_reason(self):
        value = self.cleaned_data["reason"].replace("\r\n", "\n").strip()
        _no_controls(value)
        if self.fields["reason"].required and not value:
            raise ValidationError(_("Say why, so the proposer knows what to do."))
        return value
