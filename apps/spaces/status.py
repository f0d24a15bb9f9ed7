"""What a visitor reads about a space being open: one wording for pages, popups and feeds."""

from django.utils.translation import gettext as _


def describe(status):
    """``status`` (from ``LearningSpace.status()``) with its sentence, in the active language,
    under ``"label"``."""
    status["label"] = _label(status)
    return status


def _label(status):
    if status["is_open"]:
        return _("Open now, until %(time)s") % {"time": f"{status['closes']:%H:%M}"}
    upcoming = status["next"]
    if not upcoming:
        return _("No opening hours published")
    time = f"{upcoming['opens']:%H:%M}"
    if upcoming["today"]:
        return _("Closed now, opens at %(time)s") % {"time": time}
    if upcoming["tomorrow"]:
        return _("Closed now, opens tomorrow at %(time)s") % {"time": time}
    return _("Closed now, opens %(day)s at %(time)s") % {"day": upcoming["weekday"], "time": time}
