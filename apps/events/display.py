"""How an event's dates, times and texts are written, in the page's language.

Pages, calendar files and structured data all take their words from here, so a date reads the
same wherever a visitor meets it.
"""

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def plain(obj, field):
    """A translated model text as plain text: the page's language, else the first one written."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = [language, *(code for code, _name in settings.LANGUAGES if code != language)]
    for code in codes:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return value
    return getattr(obj, field, "") or ""


def day_label(day):
    """ "Thursday, 1 October 2024" / "Thứ Năm, 1 tháng 10, 2024"."""
    return formats.date_format(day, pgettext("event day", "l, j F Y"))


def short_day(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def time_label(moment):
    return formats.time_format(moment, "H:i")


def when(event):
    """The event's date and time in one line ("Tuesday, 1 October 2024, 08:00–11:00")."""
    start, end = event.local_start, event.local_end
    if event.all_day:
        if event.is_multi_day:
            return _("%(first)s to %(last)s") % {
                "first": day_label(start.date()),
                "last": day_label(end.date()),
            }
        return _("%(day)s, all day") % {"day": day_label(start.date())}
    if event.is_multi_day:
        return _("%(first)s, %(start)s to %(last)s, %(end)s") % {
            "first": day_label(start.date()),
            "start": time_label(start),
            "last": day_label(end.date()),
            "end": time_label(end),
        }
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": day_label(start.date()),
        "start": time_label(start),
        "end": time_label(end),
    }
