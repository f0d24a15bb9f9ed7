"""What a club search looks into: its names, place and focus areas in both languages, folded.

The matching and the order of results are the learning spaces' (``apps.spaces.search``): one
diacritic-blind search for the portal.
"""

import re

from django.utils import translation

from apps.core.text import fold
from apps.spaces.search import name_order, query_words, ranked

__all__ = ["club_search_text", "name_order", "query_words", "ranked"]

LANGUAGES = ("vi", "en")


def club_search_text(club):
    """The folded words of a club, each led by a space (so ``LIKE '% word%'`` finds starts)."""
    parts = [club.name_vi, club.name_en, club.meeting_place]
    focuses = club.focuses()
    for language in LANGUAGES:
        with translation.override(language):
            parts += [str(label) for _code, label in focuses]
    if club.space_id:
        parts += [club.space.name_vi, club.space.name_en]
    area = club.area if club.area_id else None
    while area is not None:
        parts += [area.name_vi, area.name_en]
        area = area.parent
    words = re.sub(r"[^\w]+", " ", fold(" ".join(p for p in parts if p)))
    return " " + " ".join(words.split())
