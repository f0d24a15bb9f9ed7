"""The site-wide search page: one query over every app's kinds of result (``apps.core.search``).

Results are grouped by kind with their counts (a few of each), or one kind with pages
(``?type=``); the matched words are highlighted in escaped text. What could not be used of the
query string (an unknown type, a page past the end, a query cut short) is said per request,
outside the memoised results.
"""

import functools

from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import search
from .pagecache import accept_query, memo
from .text import drop_controls, fold

PER_KIND = 5  # results of each kind on the overview
PER_PAGE = 20  # results of one kind (?type=) per page
SUMMARY_LENGTH = 220
MAX_PAGE_DIGITS = 6


@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    # Punctuation and spaces become a space, so word boundaries line up with the query's.
    folded = fold(char) if char.isalnum() else ""
    return folded if folded and all(c.isalnum() for c in folded) else " "


def _folded_with_positions(text):
    """``text`` folded character by character, and for each folded character the position
    of the character of ``text`` it comes from."""
    folded, positions = [], []
    for i, char in enumerate(text):
        for piece in _fold_char(char):
            folded.append(piece)
            positions.append(i)
    return "".join(folded), positions


def _matches(text, words):
    """The (start, end) spans of ``text`` where a word of it starts with one of ``words``."""
    folded, positions = _folded_with_positions(text)
    spans = []
    for word in words:
        starts, whole = [], []
        start = folded.find(word)
        while start != -1:
            if start == 0 or folded[start - 1] == " ":
                starts.append(start)
                if folded[start + len(word) : start + len(word) + 1] in ("", " "):
                    whole.append(start)
            start = folded.find(word, start + 1)
        # Whole words when there are some ("le" marks "lễ", not the start of "learn").
        for start in whole or starts:
            spans.append((positions[start], positions[start + len(word) - 1] + 1))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, words):
    """``text`` escaped, each matched word start inside ``<mark>`` (built from escaped parts)."""
    out, last = [], 0
    for start, end in _matches(text, words):
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped


def excerpt(text, words, length=SUMMARY_LENGTH):
    """About ``length`` characters of ``text`` around its first match, cut between words."""
    text = " ".join(str(text).split())
    if len(text) <= length:
        return text
    spans = _matches(text, words)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - length // 3, len(text) - length))
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def _shown(result, words):
    """A result as the page shows it: highlighted title and summary, in their language."""
    return {
        "result": result,
        "title": highlight(result.title, words),
        "summary": highlight(excerpt(result.summary, words), words) if result.summary else "",
    }


def _read(request):
    """(query, type key or "", page or None, notices, accepted) from the query string."""
    notices = []
    typed = request.GET.get("q", "")
    query = search.make_query(typed)
    if len(" ".join(drop_controls(typed).split())) > search.MAX_QUERY_LENGTH:
        notices.append(
            _("Your search was very long: only its first %(n)s characters were used.")
            % {"n": search.MAX_QUERY_LENGTH}
        )
    known = {kind.key: kind for kind in search.kinds()}
    kind = request.GET.get("type", "")
    if kind and kind not in known:
        notices.append(_("There is no such kind of result: every kind is shown."))
        kind = ""
    raw_page = request.GET.get("page", "")
    page = None
    if raw_page:
        if kind and raw_page.isascii() and raw_page.isdigit() and len(raw_page) <= MAX_PAGE_DIGITS:
            page = max(int(raw_page), 1)
        elif kind:
            notices.append(_("The page number was not understood: the first page is shown."))
    return query, kind, page, notices, known


def search_page(request):
    query, kind_key, page, notices, known = _read(request)
    # Stored in the page cache only when every parameter was used as it came.
    if query.usable and not notices and query.raw == request.GET.get("q", ""):
        accept_query(request, q=query.raw, type=kind_key, page=page or "")

    def build():
        return _build(request, query, known, kind_key, page or 1)

    built = memo("core:search", build, query.raw, kind_key, page or 1)
    if built.get("past_end"):
        notices.append(_("There is no page %(number)s: the last page is shown.") % {"number": page})
        accept_query(request)  # answered, never stored
    context = {**built, "query_text": query.raw, "notices": notices}
    return render(request, "core/search.html", context)


def _link(query, kind_key=""):
    return "?" + urlencode({"q": query.raw, **({"type": kind_key} if kind_key else {})})


def _build(request, query, known, kind_key, number):
    """The results part of the page, for every visitor asking the same."""
    context = {"query": query, "usable": query.usable, "kind_key": kind_key, "groups": []}
    if not query.usable:
        context["examples"] = [(text, _link(search.make_query(text))) for text in EXAMPLES]
        return {"main": render_to_string("core/search_main.html", context, request=request)}
    groups, total, past_end = _groups(query, known, kind_key, number)
    if not total:
        # Nothing holds every word: the same words as the texts hold them (a typo), one more
        # query per kind.
        groups, total, past_end = _groups(query.nearby(), known, kind_key, number)
        context["near"] = bool(total)
    context.update(groups=groups, total=total, all_link=_link(query))
    html = render_to_string("core/search_main.html", context, request=request)
    return {"main": html, "past_end": past_end}


def _groups(query, known, kind_key, number):
    """Each kind's count and results (``PER_KIND`` of each, or a page of one kind)."""
    groups, total, past_end = [], 0, False
    for kind in known.values():
        if kind_key and kind.key != kind_key:
            count, results = kind.find(query, 0, 1)  # only its count, for the tabs
            results = []
        elif kind_key:
            count, results = kind.find(query, (number - 1) * PER_PAGE, PER_PAGE)
            if count and not results:
                past_end = True
                number = Paginator(range(count), PER_PAGE).num_pages
                count, results = kind.find(query, (number - 1) * PER_PAGE, PER_PAGE)
        else:
            count, results = kind.find(query, 0, PER_KIND)
        total += count
        group = {
            "kind": kind,
            "count": count,
            "results": [_shown(result, query.words) for result in results],
            "link": _link(query, kind.key),
            "more": count > len(results),
        }
        if kind_key == kind.key:
            group["page_obj"] = Page(results, number, Paginator(range(count), PER_PAGE))
            group["page_query"] = urlencode({"q": query.raw, "type": kind.key}) + "&"
        groups.append(group)
    if not kind_key:
        # The kind whose best result matches best first (a story titled "Lễ hội Xòe" before
        # clubs that only mention festivals), then in the navigation's order.
        groups.sort(
            key=lambda g: min((i["result"].rank for i in g["results"]), default=search.WORST)
        )
    return groups, total, past_end


# What the help suggests (what residents type: without diacritics).
EXAMPLES = ("nha tri thuc chieng den", "le hoi xoe", "thu vien", "hoc tap suot doi")
