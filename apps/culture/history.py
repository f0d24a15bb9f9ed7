"""Keep a record of every change to a club and its photos (core's ``history.track``)."""

from apps.core.history import track

from .models import Change, Club, ClubPhoto


def _club_of(instance):
    return instance if isinstance(instance, Club) else instance.club


track(Club, Change, owner_field="club", owner=_club_of, ignore=("search_text", "updated_at"))
track(ClubPhoto, Change, owner_field="club", owner=_club_of)
