"""`manage.py clean_evidence` removes the metadata of the evidence stored before it was removed
on upload: in place, under the same names, the measurements untouched; a second run changes
nothing."""

import io
import stat
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from PIL import Image

from apps.commitments.models import Measurement

from .conftest import CAMERA, OWNER, assert_only_pixels, gps_exif, picture

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% evidence\n"


def stored_file(name, data):
    assert storages["private"].save(name, ContentFile(data)) == name
    return name


def read(name):
    with storages["private"].open(name, "rb") as file:
        return file.read()


def row(measurement):
    return Measurement.objects.filter(pk=measurement.pk).values().get()


def clean_evidence():
    out, err = io.StringIO(), io.StringIO()
    call_command("clean_evidence", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def old_evidence(commitment, measure, official):
    """Evidence recorded before uploads were cleaned, one measurement each."""

    def make(day, name, data):
        return measure(commitment, 60, day, official, evidence=stored_file(name, data))

    return make


def test_an_old_photo_loses_its_metadata_in_place_and_the_measurement_is_untouched(
    old_evidence,
):
    sideways = picture("JPEG", quality=95, exif=gps_exif(orientation=6), comment=OWNER.encode())
    m = old_evidence("2024-12-31", "evidence/0123456789abcdef0123456789abcdef.jpg", sideways)
    path = Path(storages["private"].path(m.evidence.name))
    path.chmod(0o640)
    before = row(m)
    assert CAMERA.encode() in read(m.evidence.name)

    out, err = clean_evidence()

    assert "Evidence: 1 files rewritten without metadata" in out
    assert err == ""
    assert row(m) == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    image = assert_only_pixels(read(m.evidence.name))
    assert (image.format, image.size) == ("JPEG", (200, 400))  # upright
    response = Client().get(f"/en/commitments/truong-hoc-so/evidence/{m.pk}/")
    assert_only_pixels(b"".join(response.streaming_content))


def test_running_it_again_rewrites_nothing(old_evidence):
    for day, extension, data in (
        ("2024-12-31", "jpg", picture("JPEG", exif=gps_exif())),
        ("2023-12-31", "png", picture("PNG", exif=gps_exif())),
        ("2022-12-31", "webp", picture("WEBP", exif=gps_exif())),
        ("2021-12-31", "gif", picture("GIF", comment=OWNER.encode())),
    ):
        old_evidence(day, f"evidence/{extension * 8}.{extension}", data)
    assert "4 files rewritten" in clean_evidence()[0]
    cleaned = {name: read(name) for name in Measurement.objects.values_list("evidence", flat=True)}

    out, _err = clean_evidence()

    assert "Evidence: 0 files rewritten without metadata, 4 pictures already clean" in out
    assert {name: read(name) for name in cleaned} == cleaned


def test_pdfs_and_clean_pictures_are_left_as_they_are(old_evidence):
    pdf = old_evidence("2024-12-31", "evidence/report.pdf", PDF)
    clean = picture("PNG")
    png = old_evidence("2023-12-31", "evidence/clean.png", clean)
    out, _err = clean_evidence()
    assert (
        "0 files rewritten without metadata, 1 pictures already clean, 1 PDF and other documents"
        in out
    )
    assert read(pdf.evidence.name) == PDF
    assert read(png.evidence.name) == clean


def test_a_photo_under_a_name_that_lies_about_it_is_reported_not_rewritten(old_evidence):
    # Its extension would no longer match the content written in its place.
    jpeg = picture("JPEG", exif=gps_exif())
    m = old_evidence("2024-12-31", "evidence/misnamed.png", jpeg)
    out, err = clean_evidence()
    assert "0 files rewritten" in out
    assert "1 left as they are" in out
    assert f"Measurement {m.pk}, evidence/misnamed.png: left as it is: its content is not" in err
    assert read(m.evidence.name) == jpeg


def test_an_old_decompression_bomb_and_a_missing_file_are_reported(old_evidence, commitment):
    buffer = io.BytesIO()
    Image.new("L", (6300, 6300)).save(buffer, "PNG")  # no metadata: found by its pixels alone
    bomb = old_evidence("2024-12-31", "evidence/bomb.png", buffer.getvalue())
    gone = old_evidence("2023-12-31", "evidence/gone.jpg", picture("JPEG"))
    storages["private"].delete(gone.evidence.name)
    with translation.override("vi"):  # a command's report is in English whatever the language
        out, err = clean_evidence()
    assert (
        "0 files rewritten without metadata, 0 pictures already clean, 0 PDF and other "
        "documents, 2 left as they are" in out
    )
    assert (
        f"Measurement {bomb.pk}, evidence/bomb.png: left as it is: This picture claims 6300 × 6300"
        in err
    )
    assert "the camera, the phone or the scanner.\n" in err
    assert f"Measurement {gone.pk}, evidence/gone.jpg: left as it is: the file is not" in err
    assert read(bomb.evidence.name) == buffer.getvalue()
