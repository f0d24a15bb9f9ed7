"""What an event search looks into: its titles, place, organiser, category and programme in
both languages, folded (``apps.core.text.fold``), for the site-wide search.

The matching and the order of results are the learning spaces' (``apps.spaces.search``): one
diacritic-blind search for the portal.
"""

import re

from django.utils import translation

from apps.core.text import fold
from apps.spaces.search import name_order, query_words, ranked

__all__ = ["event_search_text", "name_order", "query_words", "ranked"]

LANGUAGES = ("vi", "en")


def _both(obj, field):
    return [getattr(obj, f"{field}_{language}", None) for language in LANGUAGES]


def event_search_text(event):
    """The folded words of an event, each led by a space (so ``LIKE '% word%'`` finds starts)."""
    parts = [*_both(event, "title"), *_both(event, "place_name"), *_both(event, "organiser")]
    parts.append(event.address)
    for language in LANGUAGES:
        with translation.override(language):
            parts.append(str(event.get_category_display()))
    if event.space_id:
        parts += _both(event.space, "name")
    if event.programme_id:
        parts += _both(event.programme, "name")
    if event.club_id:
        parts += _both(event.club, "name")
    area = event.area if event.area_id else None
    while area is not None:
        parts += _both(area, "name")
        area = area.parent
    words = re.sub(r"[^\w]+", " ", fold(" ".join(p for p in parts if p)))
    return " " + " ".join(words.split())
