"""Open data: every published commitment and every approved measurement, as CSV and JSON."""

import csv
import io
import json
import secrets

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from apps.core.pagecache import memo
from apps.core.text import spreadsheet_safe

from .models import (
    AREA_OF_FEATURE,
    Commitment,
    Measurement,
)

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
