"""The next events, for the home page and for the pages of spaces, clubs and contests."""

from apps.core.localtime import local_today

from .models import Event, local_midnight


def upcoming_events(filter_by, limit):
    """Published events not over before today began, soonest first (``filter_by``: a dict of
    field lookups, or None for all)."""
    events = Event.objects.published().upcoming(local_midnight(local_today()))
    if filter_by:
        events = events.filter(**filter_by)
    events = events.select_related("area__parent", "space__area__parent", "programme")
    return events[:limit] if limit else events


def related_events(obj, limit):
    """The upcoming events held in a learning space, or of a club or a contest."""
    from apps.contests.models import Contest
    from apps.culture.models import Club
    from apps.spaces.models import LearningSpace

    for model, field in ((LearningSpace, "space"), (Club, "club"), (Contest, "contest")):
        if isinstance(obj, model):
            return list(upcoming_events({field: obj}, limit))
    return []
