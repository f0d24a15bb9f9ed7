"""The public pages of the commitments: the dashboard, one commitment, about the data."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from apps.core.display import tfield
from apps.core.localtime import local_today
from apps.core.pagecache import accept_query, memo, render_memo
from apps.core.paginate import page_number, paginate
from apps.core.text import drop_controls

from . import charts
from .cards import commitment_card
from .models import (
    AREA_OF_FEATURE,
    FEATURES_BY_AREA,
    Commitment,
    FrameworkArea,
    KeyFeature,
    Status,
)
from .opendata import CSV_COLUMNS

# The dashboard lists every commitment on one page while they fit; beyond that, each part of
# the framework shows its first few with a link to all of them, a page at a time (at x100 the
# city's 1,002 commitments would make a page of several hundred kilobytes).
PER_PAGE = 24
PER_PART = 8


def dashboard(request):
    status, area, problems = _dashboard_filters(request)
    today = local_today()
    parts = (status, area, today)
    if area:
        number, page = page_number(
            request,
            "commitments:dashboard",
            lambda: len(_matching(_index(today), status, area)),
            PER_PAGE,
            *parts,
        )
    else:  # one page per part: the overview has no pages (?page= there is answered, not kept)
        number, page = 1, None
    accept_query(request, status=status, area=area, page=page)
    # The cards are the same for every visitor until the content changes; a status depends on
    # today's date as well, so the date is part of the key.
    return render_memo(
        request,
        "commitments/dashboard.html",
        "commitments:dashboard",
        lambda: _dashboard_main(status, area, number, today),
        *parts,
        number,
        status=400 if problems else 200,
        problems=problems,
    )


def _dashboard_filters(request):
    """The valid status and part of the query string, and what could not be used of it."""
    status = request.GET.get("status", "").strip()
    area = request.GET.get("area", "").strip()
    problems = []
    if status and status not in Status.values:
        problems.append(
            _("“%(value)s” is not a status we know; all statuses are shown.")
            % {"value": drop_controls(status)[:40]}  # no NUL nor bidi control shown back
        )
        status = ""
    if area and area not in FrameworkArea.values and area not in KeyFeature.values:
        problems.append(
            _("“%(value)s” is not a part of the framework we know; all parts are shown.")
            % {"value": drop_controls(area)[:40]}
        )
        area = ""
    return status, area, problems


def _index(today):
    """(pk, key feature, status) of every published commitment, in the dashboard's order.

    A status is derived from the whole series, so filtering by status reads every series: once
    per content version and day, for every page and filter of the dashboard.
    """

    def build():
        commitments = Commitment.objects.published().with_series()
        return [(c.pk, c.key_feature, c.status()) for c in commitments]

    return memo("commitments:dashboard:index", build, today)


def _matching(index, status, area):
    """The rows of ``index`` with the status and in the part or key feature asked for."""
    return [
        row
        for row in index
        if (not status or row[2] == status)
        and (not area or area == row[1] or area == AREA_OF_FEATURE.get(row[1]))
    ]


def _cards(rows):
    """The cards of the commitments of ``rows``, in their order (two queries for all)."""
    found = Commitment.objects.published().with_series().filter(pk__in=[row[0] for row in rows])
    cards = {c.pk: commitment_card(c) for c in found}
    return [cards[row[0]] for row in rows if row[0] in cards]


def _dashboard_main(status, area, number, today):
    rows = _matching(_index(today), status, area)
    if area:
        context = paginate(rows, PER_PAGE, number, {"status": status, "area": area})
        label = (FrameworkArea if area in FrameworkArea.values else KeyFeature)(area).label
        cards = _cards(context["page_obj"])
        groups = (
            [{"area": area, "label": label, "count": len(rows), "cards": cards}] if rows else []
        )
    else:
        context = {}
        whole = len(rows) <= PER_PAGE  # everything fits on one page: no part is cut short
        groups = []
        for framework_area in FEATURES_BY_AREA:
            in_area = [row for row in rows if AREA_OF_FEATURE.get(row[1]) == framework_area]
            if in_area:
                groups.append(
                    {
                        "area": framework_area,
                        "label": framework_area.label,
                        "count": len(in_area),
                        "rows": in_area if whole else in_area[:PER_PART],
                    }
                )
        cards = {
            card["commitment"].pk: card for card in _cards([r for g in groups for r in g["rows"]])
        }
        for group in groups:
            group["cards"] = [cards[row[0]] for row in group.pop("rows") if row[0] in cards]
    context.update(
        groups=groups,
        status=status,
        area=area,
        statuses=Status.choices,
        areas=[
            (framework_area, framework_area.label, [(f.value, f.label) for f in features])
            for framework_area, features in FEATURES_BY_AREA.items()
        ],
        shown=sum(len(group["cards"]) for group in groups),
        total=len(rows),
    )
    return render_to_string("commitments/dashboard_main.html", context)


def detail(request, slug):
    # The officials' names are part of the page: renaming one renews the content version
    # (apps/commitments/signals.py), as a change of the commitment does.
    return render_memo(
        request,
        "commitments/detail.html",
        "commitments:detail",
        lambda: _detail_page(slug),
        slug,
        local_today(),
    )


def _detail_page(slug):
    """The page's title, summary sentence and main content (raises Http404)."""
    queryset = Commitment.objects.published().with_series()
    commitment = get_object_or_404(queryset, slug=slug)
    # As User.get_full_name(), without building the users. A login name or an e-mail address
    # is never shown to the public: an official without a name is described (_official_labels).
    names = (
        get_user_model()
        .objects.filter(commitments=commitment)
        .values_list("first_name", "last_name")
    )
    officials = [f"{first} {last}".strip() for first, last in names]
    series = commitment.counted_series()
    sentence = commitment.progress_sentence()
    context = {
        "commitment": commitment,
        "card": commitment_card(commitment, sparkline=False),
        "sentence": sentence,
        "chart": charts.chart(commitment, series),
        "axis_note": charts.axis_note(commitment, series),
        "rows": commitment.figures(),
        "history": list(reversed(series)),
        "officials": _official_labels(commitment, officials),
    }
    return {
        "title": tfield(commitment, "title"),
        "sentence": sentence,
        "main": render_to_string("commitments/detail_main.html", context),
    }


def _official_labels(commitment, names):
    """The officials' full names; one without a name is "an official of <office>"."""
    office = commitment.responsible_office
    unnamed = _("an official of %(office)s") % {"office": office} if office else _("an official")
    labels = [name for name in names if name]
    if len(labels) < len(names):
        labels.append(unnamed)
    return labels


def about_data(request):
    return render(request, "commitments/about_data.html", {"columns": CSV_COLUMNS})
