"""A club's regular meeting said in the page's language: "Tuesday and Friday, 19:30–21:00"."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WEEKDAYS = [
    (0, gettext_lazy("Monday")),
    (1, gettext_lazy("Tuesday")),
    (2, gettext_lazy("Wednesday")),
    (3, gettext_lazy("Thursday")),
    (4, gettext_lazy("Friday")),
    (5, gettext_lazy("Saturday")),
    (6, gettext_lazy("Sunday")),
]
EVERY_DAY = 0b1111111


def days_bits(days):
    """The stored form of a set of weekdays (0 = Monday): one bit each."""
    return sum(1 << int(day) for day in set(days))


def weekdays_of(bits):
    return [day for day, _label in WEEKDAYS if bits & (1 << day)]


def _join(labels):
    if len(labels) == 1:
        return labels[0]
    return _("%(days)s and %(last)s") % {"days": ", ".join(labels[:-1]), "last": labels[-1]}


def describe_schedule(bits, starts, ends):
    """The days and hours in words, or "" when the club gave neither."""
    if bits == EVERY_DAY:
        days = _("Every day")
    else:
        days = _join([str(label) for day, label in WEEKDAYS if bits & (1 << day)]) if bits else ""
    hours = f"{starts:%H:%M}–{ends:%H:%M}" if starts and ends else ""
    if days and hours:
        return _("%(days)s, %(hours)s") % {"days": days, "hours": hours}
    return days or hours
