import csv
import io
import json

import pytest

from apps.commitments import services
from apps.commitments.models import Measurement
from apps.commitments.views import CSV_COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(make_commitment, measure, official):
    digital = make_commitment("Trường học số", title_en="Digital schools", officials=[official])
    wrong = measure(digital, 90, "2024-12-31", official, note_vi="nhầm")
    services.record_measurement(
        digital,
        official,
        value=60,
        valid_on=wrong.valid_on,
        note_vi="đúng",
        corrects=wrong,
        correction_reason="typo",
    )
    measure(digital, 95, "2025-06-30", official, status=Measurement.State.PENDING)
    hidden = make_commitment("Nháp", title_en="Draft", published=False)
    measure(hidden, 50, "2024-12-31", official)
    make_commitment("Chưa có số liệu", title_en="No data yet")
    return digital


def test_csv_has_stable_columns_and_every_approved_measurement(client, data):
    response = client.get("/en/commitments/data.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == CSV_COLUMNS
    digital = [r for r in rows if r["commitment_slug"] == "truong-hoc-so"]
    assert [(r["value"], r["superseded"]) for r in digital] == [
        ("90.00", "true"),
        ("60.00", "false"),
    ]
    assert digital[1]["corrects_measurement_id"] == digital[0]["measurement_id"]
    assert digital[0]["latest_value"] == "60.00"
    assert digital[0]["progress_percent"] == "33.3"
    assert digital[0]["status"] in {"off-track", "at-risk", "on-track"}
    assert all(r["generated_at"] for r in rows)
    assert not [r for r in rows if r["commitment_slug"] == "nhap"]  # unpublished
    empty = [r for r in rows if r["commitment_slug"] == "chua-co-so-lieu"]
    assert len(empty) == 1 and empty[0]["measurement_id"] == ""


def test_json_has_commitments_with_their_measurements(client, data):
    response = client.get("/vi/commitments/data.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    payload = json.loads(response.content)
    assert payload["generated_at"]
    slugs = [c["slug"] for c in payload["commitments"]]
    assert slugs == ["truong-hoc-so", "chua-co-so-lieu"]
    digital = payload["commitments"][0]
    assert digital["title_en"] == "Digital schools"
    assert digital["latest_value"] == "60.00"
    assert [m["value"] for m in digital["measurements"]] == ["90.00", "60.00"]
    assert digital["measurements"][0]["superseded"] is True
    assert digital["url"].endswith("/vi/commitments/truong-hoc-so/")
