"""The texts of commitments and measurements have length limits the models hold: through the
admin, the workspace and a CSV import alike."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.commitments.models import Measurement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["description_vi", "description_en"])
def test_a_commitment_description_over_5000_characters_is_refused(commitment, field):
    setattr(commitment, field, "x" * 5000)
    commitment.full_clean()
    setattr(commitment, field, "x" * 5001)
    with pytest.raises(ValidationError) as refused:
        commitment.full_clean()
    assert field in refused.value.message_dict


@pytest.mark.parametrize("field", ["note_vi", "note_en"])
def test_a_note_over_2000_characters_is_refused_by_the_model(commitment, official, field):
    m = Measurement(
        commitment=commitment,
        value=Decimal(60),
        valid_on=datetime.date(2024, 12, 31),
        recorded_by=official,
        **{field: "x" * 2000},
    )
    m.full_clean()
    setattr(m, field, "x" * 2001)
    with pytest.raises(ValidationError) as refused:
        m.full_clean()
    assert field in refused.value.message_dict


def test_an_over_long_note_in_a_csv_is_a_row_error_and_nothing_is_imported(
    client, staff_user, commitment
):
    client.force_login(staff_user)
    client.cookies["lang"] = "en"
    text = (
        "commitment,valid_on,value,note_vi,note_en\n"
        "truong-hoc-so,2023-12-31,60,ok,\n"
        f"truong-hoc-so,2024-12-31,61,ok,{'x' * 2001}\n"
    )
    upload = SimpleUploadedFile("f.csv", text.encode(), "text/csv")
    response = client.post("/admin/commitments/measurement/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Row 3: note_en: Ensure this value has at most 2000 characters (it has 2001)." in html
    assert not Measurement.objects.exists()


def test_the_forms_show_the_limits(client, staff_user, official, commitment):
    client.force_login(staff_user)
    html = client.get(f"/admin/commitments/commitment/{commitment.pk}/change/").content.decode()
    assert html.count('maxlength="5000"') == 2
    client.force_login(official)
    html = client.get("/vi/workspace/commitments/truong-hoc-so/record/").content.decode()
    assert html.count('maxlength="2000"') == 2
    assert html.count("Tối đa 2.000 ký tự.") == 2


def test_a_note_at_the_limit_as_the_browser_counts_it_is_recorded(client, official, commitment):
    typed = "\n".join(["Số liệu tổng hợp"] * 200)[:2000]
    assert len(typed) == 2000
    client.force_login(official)
    data = {"value": "72.5", "valid_on": "2025-06-30", "note_vi": typed.replace("\n", "\r\n")}
    response = client.post("/en/workspace/commitments/truong-hoc-so/record/", data)
    assert response.status_code == 302
    assert Measurement.objects.get().note_vi == typed
