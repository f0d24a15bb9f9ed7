"""An official records a figure from the workspace; bad input gets a clear answer."""

import datetime
import io
import random
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from apps.commitments.models import Measurement, Unit

pytestmark = pytest.mark.django_db

URL = "/en/workspace/commitments/truong-hoc-so/record/"


def form(**changes):
    data = {"value": "72.5", "valid_on": "2025-06-30", "note_vi": "Số liệu giữa năm", "note_en": ""}
    data.update(changes)
    return data


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return buffer.getvalue()


def one_colour_png(width, height):
    """A black-and-white PNG of one colour: tens of megapixels in a few kilobytes."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def signed_in(client, commitment, official):
    client.force_login(official)
    return client


def test_the_workspace_lists_the_officials_commitments(signed_in, commitment, make_commitment):
    make_commitment("Không được giao", title_en="Not mine")
    html = signed_in.get("/en/workspace/commitments/").content.decode()
    assert "Digital schools" in html
    assert "Not mine" not in html
    assert URL in html


def test_the_workspace_home_links_the_commitments(signed_in):
    html = signed_in.get("/en/workspace/").content.decode()
    assert "Record progress on commitments" in html


def test_the_form_is_labelled_and_short(signed_in):
    html = signed_in.get(URL).content.decode()
    for name in ("value", "valid_on", "note_vi", "note_en", "evidence"):
        assert f'for="id_{name}"' in html
    assert 'inputmode="decimal"' in html
    assert 'type="date"' in html


def test_an_official_records_a_figure_and_it_is_public(signed_in, commitment, official):
    response = signed_in.post(URL, form())
    assert response.status_code == 302
    assert response["Location"] == "/en/workspace/commitments/"
    m = Measurement.objects.get()
    assert (m.value, m.valid_on, m.recorded_by) == (
        Decimal("72.5"),
        datetime.date(2025, 6, 30),
        official,
    )
    assert m.status == Measurement.State.APPROVED
    follow = signed_in.get("/en/workspace/commitments/").content.decode()
    assert "Recorded 72.5% for 30 June 2025. It is now public." in follow


def test_vietnamese_decimal_comma_is_understood(client, commitment, official):
    client.force_login(official)
    response = client.post(URL.replace("/en/", "/vi/"), form(value="33,7"))
    assert response.status_code == 302
    assert Measurement.objects.get().value == Decimal("33.7")


def test_evidence_pdf_is_stored_under_a_random_name_matching_its_content(signed_in):
    pdf = SimpleUploadedFile("report.PDF", b"%PDF-1.4\n% demo\n", "application/pdf")
    assert signed_in.post(URL, form(evidence=pdf)).status_code == 302
    name = Measurement.objects.get().evidence.name
    assert re.fullmatch(r"evidence/[0-9a-f]{32}\.pdf", name)


def test_an_image_is_accepted_as_evidence(signed_in):
    photo = SimpleUploadedFile("photo.png", png_bytes(), "image/png")
    assert signed_in.post(URL, form(evidence=photo)).status_code == 302
    assert Measurement.objects.get().evidence.name.endswith(".png")


def assert_refused(response, message, typed=("72.5", "Số liệu giữa năm")):
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please correct the fields marked below" in html
    assert message in html
    for text in typed:
        assert text in html
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "101"}, "A percentage must be between 0 and 100."),
        ({"value": "-5"}, "A percentage must be between 0 and 100."),
        ({"value": "abc"}, "Enter a number."),
        ({"value": ""}, "This field is required."),
        ({"valid_on": "2019-12-31"}, "The date cannot be before the baseline year (2020)."),
        ({"valid_on": "not a date"}, "Enter a valid date."),
        ({"note_vi": ""}, "This field is required."),
    ],
)
def test_bad_values_are_refused_and_what_was_typed_is_kept(signed_in, changes, message):
    typed = [v for k, v in form(**changes).items() if v and k != "valid_on"]
    assert_refused(signed_in.post(URL, form(**changes)), message, typed)


def test_a_date_in_the_future_is_refused(signed_in):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = signed_in.post(URL, form(valid_on=tomorrow))
    assert_refused(response, "The date cannot be in the future.")
    assert f'value="{tomorrow}"' in response.content.decode()


def test_a_negative_count_is_refused(client, make_commitment, official):
    make_commitment(
        "Dòng họ", unit=Unit.COUNT, baseline_value=5, target_value=13, officials=[official]
    )
    client.force_login(official)
    response = client.post("/en/workspace/commitments/dong-ho/record/", form(value="-2"))
    assert_refused(response, "A count or an amount cannot be negative.", ["-2"])


def test_a_fake_pdf_is_refused(signed_in):
    fake = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = signed_in.post(URL, form(evidence=fake))
    assert_refused(response, "This file is neither, whatever its name says.")
    assert "choose the evidence file again" in response.content.decode()


@pytest.mark.parametrize("fmt", ["BMP", "TIFF"])
def test_a_picture_in_another_format_is_refused_as_evidence(signed_in, fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, fmt)
    scan = SimpleUploadedFile("scan.png", buffer.getvalue(), "image/png")
    response = signed_in.post(URL, form(evidence=scan))
    assert_refused(response, "This file is neither, whatever its name says.")


def test_a_50_mb_file_is_refused(signed_in):
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (50 * 1024 * 1024), "application/pdf")
    response = signed_in.post(URL, form(evidence=big))
    assert_refused(response, "The evidence file is 50 MB; files up to 10 MB are accepted.")


def test_a_photo_just_over_40_megapixels_is_refused(signed_in):
    scan = SimpleUploadedFile("scan.png", one_colour_png(8000, 5001), "image/png")
    response = signed_in.post(URL, form(evidence=scan))
    assert_refused(
        response, "The photo is too large (40 megapixels); up to 40 megapixels are accepted."
    )


def scanned_page_png(width, height):
    """A black-and-white scan: a white page with a block of print (enough bytes for its pixels,
    unlike a blank one)."""
    rng = random.Random(1)
    page = Image.new("1", (width, height), 1)
    page.paste(Image.frombytes("1", (800, 600), rng.randbytes(100 * 600)), (100, 100))
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_photo_of_exactly_40_megapixels_is_accepted(signed_in):
    scan = SimpleUploadedFile("scan.png", scanned_page_png(8000, 5000), "image/png")
    assert signed_in.post(URL, form(evidence=scan)).status_code == 302
    assert Measurement.objects.get().evidence.name.endswith(".png")


def test_markup_in_a_note_is_kept_as_text_and_shown_escaped(signed_in, commitment, client):
    payload = '<script>alert("x")</script><b>bold</b>'
    signed_in.post(URL, form(note_vi=payload, value="101"))  # refused: re-shown escaped
    response = signed_in.post(URL, form(note_vi=payload, value="101"))
    assert "<script>alert" not in response.content.decode()
    assert signed_in.post(URL, form(note_vi=payload)).status_code == 302
    assert Measurement.objects.get().note_vi == payload
    html = Client().get("/en/commitments/truong-hoc-so/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


def test_a_duplicate_date_asks_whether_it_is_a_correction(signed_in):
    assert signed_in.post(URL, form(value="70")).status_code == 302
    response = signed_in.post(URL, form(value="71"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "A figure of 70% is already recorded for this date." in html
    assert '<details class="correction" open>' in html
    assert 'value="71"' in html
    assert Measurement.objects.count() == 1


def test_a_correction_needs_a_reason_and_then_replaces_the_figure(signed_in, commitment):
    signed_in.post(URL, form(value="70"))
    response = signed_in.post(URL, form(value="71", is_correction="on"))
    assert "Say why the figure already recorded was wrong." in response.content.decode()
    response = signed_in.post(
        URL, form(value="71", is_correction="on", correction_reason="Recounted two schools")
    )
    assert response.status_code == 302
    correction = Measurement.objects.get(value=71)
    assert correction.corrects.value == Decimal(70)
    assert commitment.latest_value == Decimal(71)


def test_a_correction_with_nothing_to_correct_is_refused(signed_in):
    response = signed_in.post(URL, form(is_correction="on", correction_reason="x"))
    assert "There is no figure recorded for this date to correct." in response.content.decode()


def test_errors_are_given_in_vietnamese_on_the_vietnamese_form(client, commitment, official):
    client.force_login(official)
    response = client.post(URL.replace("/en/", "/vi/"), form(value="150"))
    assert "Tỷ lệ phần trăm phải từ 0 đến 100." in response.content.decode()
