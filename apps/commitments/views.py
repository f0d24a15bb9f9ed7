import csv
import io
import json
import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core.pagecache import memo
from apps.core.permissions import can_change, changeable
from apps.core.templatetags.portal import tfield
from apps.core.text import spreadsheet_safe

from . import charts, services
from .evidence import EVIDENCE_TYPES
from .forms import MeasurementForm
from .models import (
    AREA_OF_FEATURE,
    FEATURES_BY_AREA,
    Commitment,
    FrameworkArea,
    KeyFeature,
    Measurement,
    Status,
)


def _card(commitment, sparkline=True):
    """What a list shows of one commitment, each derived figure computed once."""
    series = commitment.counted_series()
    latest = series[-1] if series else None
    status = commitment.status()
    if not sparkline:
        label = ""
    elif latest:
        label = _("Trend from %(first)s to %(last)s; target %(target)s") % {
            "first": commitment.format_value(commitment.baseline_value),
            "last": commitment.format_value(latest.value),
            "target": commitment.format_value(commitment.target_value),
        }
    else:
        label = _("No figure yet")
    return {
        "commitment": commitment,
        "latest": latest,
        "progress": commitment.progress(),
        "status": status,
        "status_label": Status(status).label,
        "feature_label": KeyFeature(commitment.key_feature).label,
        "sparkline": charts.sparkline(commitment, series, label) if sparkline else "",
    }


def dashboard(request):
    status = request.GET.get("status", "").strip()
    area = request.GET.get("area", "").strip()
    problems = []
    if status and status not in Status.values:
        problems.append(
            _("“%(value)s” is not a status we know; all statuses are shown.")
            % {"value": status[:40]}
        )
        status = ""
    if area and area not in FrameworkArea.values and area not in KeyFeature.values:
        problems.append(
            _("“%(value)s” is not a part of the framework we know; all parts are shown.")
            % {"value": area[:40]}
        )
        area = ""
    # The cards are the same for every visitor until the content changes; a status depends on
    # today's date as well, so the date is part of the key.
    main = memo(
        "commitments:dashboard",
        lambda: _dashboard_main(status, area),
        status,
        area,
        timezone.localdate(),
    )
    context = {"problems": problems, "main": main}
    return render(request, "commitments/dashboard.html", context, status=400 if problems else 200)


def _dashboard_main(status, area):
    cards = [_card(c) for c in Commitment.objects.published().with_series()]
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
    page = memo(
        "commitments:detail",
        lambda: _detail_page(slug, officials),
        slug,
        timezone.localdate(),
        officials,
    )
    return render(request, "commitments/detail.html", {"page": page})


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
        "card": _card(commitment, sparkline=False),
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


def evidence(request, slug, pk):
    """A measurement's evidence file, from the private storage.

    Everyone may see the evidence of a figure in the public series of a published commitment;
    the evidence of any other figure (pending, rejected, superseded, or of an unpublished
    commitment) only those who may change the commitment, who review it. Anyone else gets
    the same 404 as for a measurement that does not exist.
    """
    measurement = get_object_or_404(
        Measurement.objects.select_related("commitment"), pk=pk, commitment__slug=slug
    )
    if not measurement.evidence:
        raise Http404
    public = Measurement.objects.public().filter(pk=measurement.pk).exists()
    if not public and not can_change(request.user, measurement.commitment):
        raise Http404
    extension = measurement.evidence.name.rsplit(".", 1)[-1].lower()
    content_type = EVIDENCE_TYPES.get(extension)
    try:
        file = measurement.evidence.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        file,
        content_type=content_type or "application/octet-stream",
        as_attachment=content_type is None,
        filename=f"{slug}-{measurement.valid_on:%Y-%m-%d}.{extension if content_type else 'bin'}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        patch_cache_control(response, private=True, no_store=True)
    return response


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


# Open data ------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "generated_at",
    "commitment_slug",
    "commitment_title_vi",
    "commitment_title_en",
    "key_feature",
    "framework_area",
    "unit",
    "direction",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "responsible_office_vi",
    "responsible_office_en",
    "latest_value",
    "progress_percent",
    "status",
    "measurement_id",
    "valid_on",
    "value",
    "note_vi",
    "note_en",
    "evidence_url",
    "recorded_at",
    "corrects_measurement_id",
    "correction_reason",
    "superseded",
]


def _open_data(request):
    """Every published commitment with its approved measurements, in three queries."""
    commitments = list(Commitment.objects.published().with_series())
    counted = {m.pk for c in commitments for m in c.series}
    approved = (
        Measurement.objects.approved()
        .filter(commitment__published=True)
        .order_by("commitment_id", "valid_on", "recorded_at", "pk")
    )
    by_commitment = {}
    for m in approved:
        by_commitment.setdefault(m.commitment_id, []).append(m)
    records = []
    for c in commitments:
        commitment = {
            "slug": c.slug,
            "url": request.build_absolute_uri(c.get_absolute_url()),
            "title_vi": c.title_vi,
            "title_en": c.title_en or "",
            "summary_vi": c.summary_vi,
            "summary_en": c.summary_en or "",
            "key_feature": c.key_feature,
            "framework_area": AREA_OF_FEATURE.get(c.key_feature, ""),
            "unit": c.unit,
            "direction": c.direction,
            "baseline_value": c.baseline_value,
            "baseline_year": c.baseline_year,
            "target_value": c.target_value,
            "target_year": c.target_year,
            "responsible_office_vi": c.responsible_office_vi,
            "responsible_office_en": c.responsible_office_en or "",
            "latest_value": c.latest_value,
            "progress_percent": c.progress(),
            "status": str(c.status()),
        }
        measurements = [
            {
                "id": m.pk,
                "valid_on": m.valid_on,
                "value": m.value,
                "note_vi": m.note_vi,
                "note_en": m.note_en or "",
                # Only the evidence of the public series is public (the evidence view).
                "evidence_url": request.build_absolute_uri(
                    reverse("commitments:evidence", args=[c.slug, m.pk])
                )
                if m.evidence and m.pk in counted
                else "",
                "recorded_at": m.recorded_at,
                "corrects_measurement_id": m.corrects_id,
                "correction_reason": m.correction_reason,
                "superseded": m.pk not in counted,
            }
            for m in by_commitment.get(c.pk, [])
        ]
        records.append((commitment, measurements))
    return records


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _open_data_memo(request, name, build):
    """``build(records, stamp)`` memoised: a body with ``stamp`` where the time it is served goes.

    The body follows the content version and today's date (a status depends on it), so only
    the time of the response is filled in per request and "generated at" stays truthful.
    """

    def make():
        stamp = secrets.token_hex(16)
        return stamp, build(_open_data(request), stamp)

    return memo(name, make, request.build_absolute_uri("/"), timezone.localdate())


def _csv_body(records, stamp):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for commitment, measurements in records:
        base = {
            "generated_at": stamp,
            **{f"commitment_{key}": commitment[key] for key in ("slug", "title_vi", "title_en")},
            **{key: commitment[key] for key in CSV_COLUMNS if key in commitment},
        }
        for m in measurements or [{}]:
            row = {**base, **{k: v for k, v in m.items() if k != "id"}}
            if m:
                row["measurement_id"] = m["id"]
            # Text (titles, notes, …) is written so a spreadsheet never runs it as a formula;
            # numbers and dates are not strings here and stay as they are.
            writer.writerow({key: _plain(spreadsheet_safe(row.get(key))) for key in CSV_COLUMNS})
    return out.getvalue()


def data_csv(request):
    stamp, body = _open_data_memo(request, "commitments:data.csv", _csv_body)
    generated_at = timezone.now().isoformat(timespec="seconds")
    response = HttpResponse(
        body.replace(stamp, generated_at), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="son-la-commitments.csv"'
    return response


def _json_body(records, stamp):
    payload = {
        "generated_at": f"{stamp}:generated_at",
        "source": f"{stamp}:source",
        "commitments": [
            {**commitment, "measurements": measurements} for commitment, measurements in records
        ],
    }
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def data_json(request):
    stamp, body = _open_data_memo(request, "commitments:data.json", _json_body)
    filled = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "source": request.build_absolute_uri(),
    }
    for key, value in filled.items():
        body = body.replace(f'"{stamp}:{key}"', json.dumps(value, ensure_ascii=False), 1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


# Officials' workspace -------------------------------------------------------------------------


@never_cache
@login_required
def workspace(request):
    commitments = list(
        changeable(request.user, Commitment.objects.all()).with_series().order_by("order", "pk")
    )
    waiting = (
        Measurement.objects.pending()
        .filter(commitment__in=[c.pk for c in commitments])
        .select_related("commitment", "recorded_by")
        .order_by("recorded_at")
    )
    context = {
        "cards": [_card(c) for c in commitments],
        "to_review": [m for m in waiting if m.recorded_by_id != request.user.pk],
        "own_pending": [m for m in waiting if m.recorded_by_id == request.user.pk],
    }
    return render(request, "commitments/workspace/list.html", context)


@never_cache
@login_required
def record(request, slug):
    commitment = get_object_or_404(Commitment, slug=slug)
    if not services.can_record(request.user, commitment):
        raise PermissionDenied(_("You are not assigned to this commitment."))
    if request.method == "POST":
        form = MeasurementForm(request.POST, request.FILES, commitment=commitment)
        if form.is_valid():
            data = form.cleaned_data
            try:
                measurement = services.record_measurement(
                    commitment,
                    request.user,
                    value=data["value"],
                    valid_on=data["valid_on"],
                    note_vi=data["note_vi"],
                    note_en=data["note_en"],
                    evidence=data["evidence"],
                    corrects=form.corrected,
                    correction_reason=data["correction_reason"],
                )
            except ValidationError as error:
                # The model's rules name its own fields (corrects, …) the form may not have.
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                params = {
                    "value": measurement.display_value(),
                    "date": date_format(measurement.valid_on, use_l10n=True),
                }
                if measurement.is_pending:
                    text = _(
                        "Recorded %(value)s for %(date)s. It will be published once a "
                        "second official approves it."
                    )
                else:
                    text = _("Recorded %(value)s for %(date)s. It is now public.")
                messages.success(request, text % params)
                return redirect("commitments_workspace:list")
    else:
        form = MeasurementForm(commitment=commitment)
    recent = commitment.measurements.select_related("recorded_by").order_by(
        "-valid_on", "-recorded_at"
    )[:6]
    context = {
        "commitment": commitment,
        "form": form,
        "recent": recent,
        "correction_open": bool(form.duplicate or form["is_correction"].value()),
    }
    return render(request, "commitments/workspace/record.html", context, status=200)


@require_POST
@login_required
def review(request, pk, decision):
    measurement = get_object_or_404(Measurement.objects.select_related("commitment"), pk=pk)
    if not services.can_review(request.user, measurement):
        raise PermissionDenied(_("You may not review this measurement."))
    params = {"value": measurement.display_value(), "title": measurement.commitment.title}
    try:
        if decision == "approve":
            services.approve_measurement(measurement, request.user)
            text = _("Approved %(value)s for “%(title)s”: it is now public.")
        else:
            services.reject_measurement(measurement, request.user)
            text = _("Rejected %(value)s for “%(title)s”.")
    except PermissionDenied as refusal:  # another official reviewed it a moment before
        messages.error(request, str(refusal))
    else:
        messages.success(request, text % params)
    return redirect("commitments_workspace:list")
