"""Finding spaces by what a resident types: the folded text searched, and the order of results.

A resident types "thu vien", "wifi" or "ban den" without diacritics: the search text holds
the names, the area, the address, the kind and the facilities in both languages (folded),
and results come closest match first, then in Vietnamese alphabetical order.
"""

import re

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.core.search import query_words
from apps.core.text import fold, vi_sort_key

LANGUAGES = ("vi", "en")
# Words residents use for what a space offers, beyond its labels ("thư viện" is not in
# "Tủ sách nhân ái"): searched in both languages.
SEARCH_WORDS = {
    "humane-library": _("library, bookshelf"),
    "books": _("library, reading, books"),
    "internet": _("wifi, internet"),
}
# How well a name matches the query, best first.
EXACT, STARTS, PHRASE, ALL_WORDS, ELSEWHERE = range(5)


def search_text(space):
    """The folded text a search looks into, words separated by single spaces, led by one.

    It starts with a space, so a search can match the start of any word with
    `LIKE '% word%'` (which pg_trgm can index). Hyphenated words are also kept joined
    ("Wi-Fi" is found as "wifi").
    """
    parts = [space.name_vi, space.name_en, space.address]
    facilities = space.facilities()
    codes = [space.kind, *(code for code, _label in facilities)]
    for language in LANGUAGES:
        with translation.override(language):
            parts.append(str(space.get_kind_display()))
            parts += [str(label) for _code, label in facilities]
            parts += [str(SEARCH_WORDS[code]) for code in codes if code in SEARCH_WORDS]
    area = space.area if space.area_id else None
    while area is not None:
        parts += [area.name_vi, area.name_en]
        area = area.parent
    text = fold(" ".join(p for p in parts if p))
    joined = ["".join(w.split("-")) for w in re.findall(r"\w+(?:-\w+)+", text)]
    words = re.sub(r"[^\w]+", " ", " ".join([text, *joined]))
    return " " + " ".join(words.split())


def match_rank(query, names):
    """How well ``names`` (a space's names in each language) match the folded ``query``."""
    best = ELSEWHERE
    words = query.split()
    for name in names:
        name = " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())
        if not name:
            continue
        if name == query:
            return EXACT
        if name.startswith(query):
            best = min(best, STARTS)
        elif f" {query}" in f" {name}":
            best = min(best, PHRASE)
        elif all(f" {word}" in f" {name}" for word in words):
            best = min(best, ALL_WORDS)
    return best


def shown_name(language, name_vi, name_en):
    """The name a visitor reads in ``language`` (Vietnamese when there is no English one)."""
    return (name_en if language == "en" else name_vi) or name_vi or name_en


def name_order(rows, language):
    """The primary keys of ``rows`` (pk, name_vi, name_en) in Vietnamese alphabetical order."""
    return [
        pk
        for _key, pk in sorted(
            (vi_sort_key(shown_name(language, vi, en)), pk) for pk, vi, en in rows
        )
    ]


def ranked(rows, query, position):
    """The primary keys of ``rows`` (pk, name_vi, name_en), closest match to ``query`` first,
    then in the alphabetical ``position`` of each space."""
    query = " ".join(query_words(query))
    return [
        pk
        for _rank, _position, pk in sorted(
            (match_rank(query, (vi, en)), position.get(pk, len(position)), pk)
            for pk, vi, en in rows
        )
    ]
