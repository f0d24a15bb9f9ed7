"""The filters of the events list and of the calendar file, read from the query string.

``/events/`` and ``/events/calendar.ics`` read the same parameters: a search (``q``), an area
(``area``, a slug), a category, a programme (its slug), upcoming or past (``when``) and a
month (``month=YYYY-MM``). A bad value is reported and ignored, never an error page.
"""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.core.pagecache import memo

from .models import Category, Programme

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
UPCOMING, PAST = "", "past"
# Months a visitor may ask for: far enough for any archive, near enough to stay a real date.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def published_programmes():
    """The published programmes by slug (kept until content changes: no query per request)."""

    def build():
        return {p.slug: p for p in Programme.objects.published()}

    return memo("events:programmes", build)


def parse_month(value):
    """``(year, month)`` for ``"2024-10"``; None for anything else (``2024-13``, ``10/2024``)."""
    found = MONTH.match(value or "")
    if not found:
        return None
    year, month = int(found[1]), int(found[2])
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        return None
    return year, month


class EventFilterForm(core_forms.ListFilterForm):
    """The list's and the calendar's filters."""

    category = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("Every kind")), *Category.choices],
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
    )
    month = forms.CharField(label=_("Month"), required=False, max_length=7)

    refusals = {
        "category": _("There is no such kind of event: showing every kind."),
        "programme": _("There is no such programme: showing every programme."),
        "when": _("Choose upcoming or past events: showing upcoming events."),
        "month": _("A month is written like 2024-10: showing upcoming events instead."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = published_programmes()
        self.programmes = programmes
        self.fields["programme"].choices = [
            ("", _("Every programme")),
            *((slug, slug) for slug in programmes),
        ]

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if value and parse_month(value) is None:
            raise forms.ValidationError(self.refusals["month"])
        return value

    def programme_object(self):
        slug = self.cleaned_data.get("programme") if hasattr(self, "cleaned_data") else ""
        return self.programmes.get(slug) if slug else None

    def month_start(self):
        """The first day of the month asked for, or None."""
        found = parse_month(self.cleaned_data.get("month", ""))
        return datetime.date(found[0], found[1], 1) if found else None
