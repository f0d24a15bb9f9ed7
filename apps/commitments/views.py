"""The public pages of the commitments: the dashboard, one commitment, about the data."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from apps.core.display import tfield
from apps.core.localtime import local_today
from apps.core.pagecache import accept_query, render_memo
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


def dashboard(request):
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
    accept_query(request, status=status, area=area)
    # The cards are the same for every visitor until the content changes; a status depends on
    # today's date as well, so the date is part of the key.
    return render_memo(
        request,
        "commitments/dashboard.html",
        "commitments:dashboard",
        lambda: _dashboard_main(status, area),
        status,
        area,
        local_today(),
        status=400 if problems else 200,
        problems=problems,
    )


def _dashboard_main(status, area):
    cards = [commitment_card(c) for c in Commitment.objects.published().with_series()]
    if status:
        cards = [card for card in cards if card["status"] == status]
    groups = []
    for framework_area, features in FEATURES_BY_AREA.items():
        if area and area != framework_area and area not in features:
            continue
        in_area = [
            card
            for card in cards
            if AREA_OF_FEATURE.get(card["commitment"].key_feature) == framework_area
            and (area in ("", framework_area) or card["commitment"].key_feature == area)
        ]
        if in_area:
            groups.append({"area": framework_area, "label": framework_area.label, "cards": in_area})
    context = {
        "groups": groups,
        "status": status,
        "area": area,
        "statuses": Status.choices,
        "areas": [
            (framework_area, framework_area.label, [(f.value, f.label) for f in features])
            for framework_area, features in FEATURES_BY_AREA.items()
        ],
        "shown": sum(len(group["cards"]) for group in groups),
    }
    return render_to_string("commitments/dashboard_main.html", context)


def detail(request, slug):
    # Officials' names are not portal content (renaming a user bumps no version): they are
    # read fresh on every request and are part of the key.
    users = get_user_model()
    names = users.objects.filter(commitments__slug=slug, commitments__published=True).values_list(
        "first_name", "last_name"
    )
    # As User.get_full_name(), without building the users. A login name or an e-mail address
    # is never shown to the public: an official without a name is described (_detail_page).
    officials = [f"{first} {last}".strip() for first, last in names]
    return render_memo(
        request,
        "commitments/detail.html",
        "commitments:detail",
        lambda: _detail_page(slug, officials),
        slug,
        local_today(),
        officials,
    )


def _detail_page(slug, officials):
    """The page's title, summary sentence and main content (raises Http404)."""
    queryset = Commitment.objects.published().with_series()
    commitment = get_object_or_404(queryset, slug=slug)
    series = commitment.counted_series()
    rows = [
        {
            "measurement": m,
            "progress": commitment.progress_of(m.value),
            "path_value": commitment.format_value(
                commitment.path_value(m.valid_on).quantize(m.value)
            ),
        }
        for m in series
    ]
    sentence = commitment.progress_sentence()
    context = {
        "commitment": commitment,
        "card": commitment_card(commitment, sparkline=False),
        "sentence": sentence,
        "chart": charts.chart(commitment, series),
        "rows": rows,
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
