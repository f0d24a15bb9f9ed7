"""The site-wide search's registry: each app says what it can find, core asks them all.

Core never imports an app. An app's ``PortalAppConfig.search_kinds()`` returns ``SearchKind``s;
the search page (``search_views``) gives each the visitor's ``Query`` and shows what they
found, grouped by kind. A kind's ``find(query, offset, limit)`` answers ``(count, results)`` in
a bounded number of queries (one, with ``find_in()``), whatever the size of the data.

``find_in()`` does the matching every kind shares: a diacritic- and case-blind match of each
word of the query at the start of a word of a folded column (``search_text``, built with
``apps.core.text.fold``) or of model texts folded by the database (``Folded``), the closest
match first; and when nothing holds every word, the same search with each unknown word replaced
by the nearest word the kind's texts hold (one typo: "chieng dne" finds "chieng den"), on any
database and without scanning the texts again (``corrected()``).
"""

import dataclasses
import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Concat
from django.utils import translation

from .pagecache import memo
from .text import drop_controls, fold

MAX_QUERY_LENGTH = 100  # characters kept of what was typed
MAX_WORDS = 10
WORST = 3  # the rank of a result matched only by words elsewhere, or by a near match
# How many typing mistakes (a letter missing, added, changed, or two swapped) a word of a near
# match may have: one in a short word, two in a longer one.
SHORT_WORD = 5
MIN_LENGTH = 2  # a shorter query (one letter) gets help, not every page of the portal
VOCABULARY_SECONDS = 3600


@dataclass(frozen=True)
class Query:
    """What the visitor asked, cleaned once for every kind."""

    raw: str  # as typed, control characters dropped and cut to MAX_QUERY_LENGTH
    words: tuple  # its folded words (diacritics, case and punctuation gone), at most MAX_WORDS
    language: str  # the page's language
    near: bool = False  # find what is close to the words (a typo), not what holds them all

    def nearby(self):
        """This query asking for near matches (the search page's second try)."""
        return dataclasses.replace(self, near=True)

    @property
    def folded(self):
        return " ".join(self.words)

    @property
    def usable(self):
        return len(self.folded) >= MIN_LENGTH


@dataclass
class Result:
    """One thing found. ``title`` and ``summary`` are plain text (the page escapes and
    highlights them); ``*_language`` is the language they are written in when it is not the
    page's (a missing English text falls back to Vietnamese, marked)."""

    title: str
    url: str
    summary: str = ""
    title_language: str = ""
    summary_language: str = ""
    date: datetime.date | None = None
    image: object = None  # an apps.core.images.Picture, or None
    meta: str = ""  # a short line under the title (the area, the kind of space…)
    # How well it matched (``find_in()`` sets ``search_rank`` on each row: 0 a name that starts
    # with the query … 3 words elsewhere or a near match); the kind with the best comes first.
    rank: int = WORST


@dataclass(frozen=True)
class SearchKind:
    """One kind of result (learning spaces, clubs…): ``key`` is its ``?type=`` value,
    ``label`` its heading, ``order`` its place on the page (the navigation's order is a good
    choice), ``find(query, offset, limit)`` returns ``(count, [Result, …])``."""

    key: str
    label: object
    find: object
    order: int = 100
    extra: dict = field(default_factory=dict, compare=False)


def kinds():
    """Every installed app's kinds of result, in their order."""
    from .apps import portal_apps

    found = [kind for config in portal_apps() for kind in config.search_kinds()]
    return sorted(found, key=lambda kind: (kind.order, kind.key))


# The query -------------------------------------------------------------------------------------


def query_words(text):
    """The folded words of ``text``, punctuation and symbols dropped ("Wi-Fi!" is "wi fi")."""
    return re.sub(r"[^\w]+", " ", fold(text)).replace("_", " ").split()


def match_words(queryset, query, column="search_text"):
    """The rows of ``queryset`` whose folded ``column`` has a word starting with each word of
    ``query`` (a list's own search box: diacritics and case ignored; "den" finds Chiềng Đen,
    never "resi*den*tial"). A query of punctuation alone finds nothing rather than everything.
    """
    words = query_words(query)
    if not words:
        return queryset.none() if query.strip() else queryset
    for word in words[:MAX_WORDS]:
        queryset = queryset.filter(**{f"{column}__contains": f" {word}"})
    return queryset


def make_query(raw, language=None):
    """The ``Query`` for what was typed (any length, any characters)."""
    raw = " ".join(drop_controls(str(raw or "")).split())[:MAX_QUERY_LENGTH]
    return Query(
        raw=raw,
        words=tuple(query_words(raw)[:MAX_WORDS]),
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )


# Folding in the database ----------------------------------------------------------------------


def _register_fold(connection):
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function("portal_fold", 1, fold, deterministic=True)
        connection._portal_fold = connection.connection


def _connection_created(sender, connection, **kwargs):
    _register_fold(connection)


connection_created.connect(_connection_created, dispatch_uid="portal_fold")


class Folded(Func):
    """A text column folded by the database as ``apps.core.text.fold`` folds it in Python:
    ``unaccent`` + ``lower`` on PostgreSQL (the extension comes with core's migrations), the
    Python function itself on SQLite. For models without a stored ``search_text``."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):  # pragma: no cover - each vendor has its own
        raise NotImplementedError(connection.vendor)

    def as_sqlite(self, compiler, connection, **extra):
        if getattr(connection, "_portal_fold", None) is not connection.connection:
            _register_fold(connection)
        return super().as_sql(compiler, connection, function="portal_fold", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="lower(unaccent(COALESCE(%(expressions)s, '')))", **extra
        )


def folded_text(*fields):
    """One folded text of ``fields`` (model text fields), led by a space and separated by
    spaces, to match like a ``search_text`` column."""
    parts = []
    for name in fields:
        parts += [Value(" ", output_field=TextField()), Folded(F(name))]
    return Concat(*parts, output_field=TextField())


def find_in(queryset, query, *, offset=0, limit=5, column="search_text", fields=(), names=()):
    """``(count, objects)``: the rows of ``queryset`` matching ``query``, closest first, in one
    query (the count rides on each row as a window count; a page past the end costs one more).

    ``column`` is a folded text column (``apps.core.text.fold``'s words, each led by a space);
    or give ``fields`` (model texts, folded by the database). A row matches when each word of
    the query starts a word of its text. ``names`` are the model's names or titles: a row whose
    name starts with the query, or holds it, comes first (each row's ``search_rank``, 0 to 3:
    give it to its ``Result``); then ``queryset``'s own order. A ``query.near`` query (the
    search page's second try on PostgreSQL, when nothing matched every word) finds instead the
    rows holding the query's words with each unknown word replaced by the nearest word of the
    kind's texts (``corrected()``: a typo), ranked as a match elsewhere.
    """
    if query.near:
        words = corrected(query.words, vocabulary(queryset, column, fields))
        if not words or words == query.words:
            return 0, []
        query = dataclasses.replace(query, words=words, near=False)
        return find_in(
            queryset, query, offset=offset, limit=limit, column=column, fields=fields, names=names
        )
    if not query.words:
        return 0, []
    text = folded_text(*fields) if fields else F(column)
    queryset = queryset.annotate(_search_text=text)
    default_order = list(queryset.query.order_by) or list(queryset.model._meta.ordering) or []
    phrase = query.folded
    matched = Q()
    for word in query.words:
        matched &= Q(_search_text__contains=f" {word}")
    ranks = []
    for i, name in enumerate(names):
        queryset = queryset.annotate(
            **{f"_name{i}": Concat(Value(" ", output_field=TextField()), Folded(F(name)))}
        )
        ranks.append(When(**{f"_name{i}__startswith": f" {phrase}"}, then=Value(0)))
    ranks += [
        When(**{f"_name{i}__contains": f" {phrase}"}, then=Value(1)) for i in range(len(names))
    ]
    ranks.append(When(_search_text__contains=f" {phrase}", then=Value(2)))
    queryset = queryset.filter(matched).annotate(
        search_rank=Case(*ranks, default=Value(WORST), output_field=IntegerField())
    )
    return _page(queryset.order_by("search_rank", *default_order, "pk"), offset, limit)


# Near matches ---------------------------------------------------------------------------------


def vocabulary(queryset, column="search_text", fields=()):
    """Every folded word of the texts of ``queryset``'s rows, with how many times it occurs:
    built once per change of public content (a pass over the texts), then kept."""

    def build():
        counts = Counter()
        if fields:
            for row in queryset.values_list(*fields).iterator(chunk_size=2000):
                for text in row:
                    counts.update(query_words(text or ""))
        else:
            for text in queryset.values_list(column, flat=True).iterator(chunk_size=2000):
                counts.update((text or "").split())
        return dict(counts)

    sql, params = queryset.values("pk").query.sql_with_params()
    return memo(
        "search:vocabulary",
        build,
        queryset.model._meta.label_lower,
        column,
        *fields,
        sql,
        *map(str, params),
        # An hour (the content version is in the key, so it is never stale): the worker's runs
        # every few minutes find it there, and a lapse leaves it cold minutes an hour, not half
        # the time as with the five minutes of other memos.
        timeout=VOCABULARY_SECONDS,
    )


# A word no text holds nor comes near: asking each kind for it builds the kind's vocabulary.
_PROBE = "q" * 12


def warm_vocabularies():
    """Build every kind's vocabulary for the current content, in each language, so that the
    first visitor to mistype a word after a change does not wait for it (a second at a
    hundred times the city's data). The worker does it after each change of public content,
    with the published files; without a worker, the first near match builds them."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            probe = Query(raw=_PROBE, words=(_PROBE,), language=code, near=True)
            for kind in kinds():
                kind.find(probe, 0, 0)


def corrected(words, known):
    """``words`` with each word that starts no word of ``known`` replaced by the nearest word
    of ``known`` (the most frequent of the nearest), or ``()`` when a word has none near."""
    out = []
    for word in words:
        if word in known or any(candidate.startswith(word) for candidate in known):
            out.append(word)
            continue
        limit = 1 if len(word) <= SHORT_WORD else 2
        best = None
        for candidate, count in known.items():
            if abs(len(candidate) - len(word)) > limit:
                continue
            distance = typing_distance(word, candidate, limit)
            if distance <= limit and (best is None or (distance, -count) < best[:2]):
                best = (distance, -count, candidate)
        if best is None:
            return ()
        out.append(best[2])
    return tuple(out)


def typing_distance(a, b, limit):
    """The number of letters missing, added, changed or swapped with the next between ``a``
    and ``b`` (Damerau's optimal alignment), or ``limit + 1`` as soon as it must exceed it."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (char != other),
            )
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _page(queryset, offset, limit):
    counted = queryset.annotate(_total=Window(Count("pk")))
    rows = list(counted[offset : offset + limit]) if limit else []
    if rows:
        return rows[0]._total, rows
    return (queryset.count() if (offset or not limit) else 0), []


def shown(obj, name, language=None):
    """``(text, language)`` of a translated model text in ``language``, falling back to the
    other language; ``language`` is "" when the text is in the page's language."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for code in [language] + [c for c, _n in settings.LANGUAGES if c != language]:
        value = getattr(obj, f"{name}_{code}", None) or ""
        if value:
            return str(value), "" if code == language else code
    return "", ""
