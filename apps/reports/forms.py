import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import ALL, scope_choices

EARLIEST = datetime.date(2020, 1, 1)


class ReportRequestForm(forms.Form):
    reporting_date = forms.DateField(
        label=_("Report on the situation at"),
        help_text=_("Measurements after this date are left out."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)
    scope = forms.ChoiceField(label=_("Commitments"), choices=scope_choices, initial=ALL)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial", {"reporting_date": timezone.localdate(), "language": get_language()}
        )
        super().__init__(*args, **kwargs)

    def clean_reporting_date(self):
        value = self.cleaned_data["reporting_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A report cannot be about a date in the future."))
        if value < EARLIEST:
            raise forms.ValidationError(_("Reports start on 1 January 2020."))
        return value
