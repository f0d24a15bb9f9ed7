"""“83%” and “83,5” are numbers: the recording form and the CSV import read figures alike."""

import io
from decimal import Decimal

import pytest
from django.utils import translation

from apps.commitments import services
from apps.commitments.models import Measurement, Unit

pytestmark = pytest.mark.django_db


def url(language):
    return f"/{language}/workspace/commitments/truong-hoc-so/record/"


def form(value):
    return {"value": value, "valid_on": "2025-06-30", "note_vi": "Số liệu giữa năm"}


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("typed", "stored"),
    [("83%", "83"), ("83,5", "83.5"), ("83.5", "83.5"), (" 83,5 % ", "83.5"), ("83.5%", "83.5")],
)
def test_a_percentage_is_accepted_as_people_type_it_in_either_language(
    client, commitment, official, language, typed, stored
):
    client.force_login(official)
    response = client.post(url(language), form(typed))
    assert response.status_code == 302
    assert Measurement.objects.get().value == Decimal(stored)


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("en", "8,3,5", "at most one decimal separator"),
        ("vi", "8,3,5", "một dấu thập phân"),
        ("en", "1.234,5", "no thousands separators"),
        ("en", "83 % %", "Enter a number."),
        ("vi", "tám mươi", "Nhập một số."),
    ],
)
def test_an_ambiguous_or_wrong_number_is_refused_clearly_and_kept(
    client, commitment, official, language, typed, message
):
    client.force_login(official)
    response = client.post(url(language), form(typed))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'value="{typed}"' in html
    assert not Measurement.objects.exists()


def test_a_count_takes_no_decimal_separator_nor_percent_sign(client, make_commitment, official):
    make_commitment(
        "Dòng họ học tập",
        slug="dong-ho",
        unit=Unit.COUNT,
        baseline_value=5,
        target_value=13,
        officials=[official],
    )
    client.force_login(official)
    address = "/en/workspace/commitments/dong-ho/record/"
    for typed, message in (
        ("1.000", "Enter a whole number, without separators"),
        ("12%", "Only a percentage may end with %."),
    ):
        html = client.post(address, form(typed)).content.decode()
        assert message in html
    assert not Measurement.objects.exists()
    assert client.post(address, form("12")).status_code == 302


def test_the_import_reads_numbers_as_the_form_does(commitment, official):
    csv = 'commitment,valid_on,value,note_vi\ntruong-hoc-so,2025-06-30,"83,5 %",ghi chú\n'
    result = services.import_measurements(io.BytesIO(csv.encode()), official)
    assert result.errors == []
    assert Measurement.objects.get().value == Decimal("83.5")
    bad = 'commitment,valid_on,value\ntruong-hoc-so,2025-07-31,"8,3,5"\n'
    with translation.override("en"):
        result = services.import_measurements(io.BytesIO(bad.encode()), official)
    assert result.errors
    assert "is not a number" in result.errors[0][1]
    with translation.override("vi"):
        result = services.import_measurements(io.BytesIO(bad.encode()), official)
    assert "không phải là số" in result.errors[0][1]
