"""Open data: every published commitment and every approved measurement, as CSV and JSON."""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from apps.core import published
from apps.core.siteurl import public_base
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
    "path_value",
    "measurement_progress_percent",
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
        # The planned value and the progress of each counted figure: the same computation as
        # the commitment's page and the PDF report (Commitment.figures()).
        figures = {row["measurement"].pk: row for row in c.figures()}
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
                "path_value": figures[m.pk]["path_value"] if m.pk in figures else None,
                "measurement_progress_percent": figures[m.pk]["progress"]
                if m.pk in figures
                else None,
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


class _SiteAddress:
    """Stands in for a request in ``_open_data`` when the files are built in the background.

    Links are absolute when ``SITE_URL`` is set (``siteurl.public_base``), else site-relative.
    """

    def build_absolute_uri(self, location="/"):
        return public_base() + location


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


# Excel reads a CSV without a byte-order mark in the computer's own code page, garbling
# Vietnamese letters; with it, as UTF-8 (the report's CSV carries one too).
BYTE_ORDER_MARK = "\ufeff"
DATA_CSV = "commitments-data.csv"
DATA_JSON = "commitments-data.json"


def build_csv(stamp):
    """The open-data CSV, built in the background (``apps.core.published``)."""
    return BYTE_ORDER_MARK + _csv_body(_open_data(_SiteAddress()), stamp)


def data_csv(request):
    return published.serve(request, DATA_CSV)


def _json_body(records, stamp):
    payload = {
        "generated_at": f"{stamp}:generated_at",
        "source": f"{stamp}:source",
        "commitments": [
            {**commitment, "measurements": measurements} for commitment, measurements in records
        ],
    }
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def build_json(stamp):
    """The open-data JSON, built in the background (``apps.core.published``)."""
    body = _json_body(_open_data(_SiteAddress()), stamp)
    source = public_base() + reverse("commitments:data_json")
    body = body.replace(f'"{stamp}:source"', json.dumps(source, ensure_ascii=False), 1)
    return body.replace(f'"{stamp}:generated_at"', f'"{stamp}"', 1)


def data_json(request):
    return published.serve(request, DATA_JSON)
