"""A photo kept as evidence is published as its pixels only: no GPS position, camera or owner,
upright, at its full size, in its own format; a decompression bomb is refused."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import ExifTags, Image, ImageChops, ImageStat, PngImagePlugin

from apps.commitments import services
from apps.commitments.models import Measurement

from .conftest import OWNER, assert_only_pixels, gps_exif, picture, two_colours

pytestmark = pytest.mark.django_db

RECORD = "/{}/workspace/commitments/truong-hoc-so/record/"
TYPED = ("72.5", "Số liệu giữa năm")


def form(evidence, **changes):
    return {
        "value": "72.5",
        "valid_on": "2025-06-30",
        "note_vi": "Số liệu giữa năm",
        "note_en": "",
        "evidence": evidence,
        **changes,
    }


def png_with_metadata():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", OWNER)
    return picture("PNG", exif=gps_exif(), pnginfo=text)


UPLOADS = {
    "jpg": lambda: picture("JPEG", quality=95, exif=gps_exif(), comment=OWNER.encode()),
    "png": png_with_metadata,
    "webp": lambda: picture("WEBP", quality=95, exif=gps_exif(), xmp=OWNER.encode()),
}
FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}


def served(measurement):
    response = Client().get(
        f"/en/commitments/{measurement.commitment.slug}/evidence/{measurement.pk}/"
    )
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


@pytest.fixture
def signed_in(client, commitment, official):
    client.force_login(official)
    return client


@pytest.mark.parametrize("extension", UPLOADS)
def test_a_photo_recorded_as_evidence_is_served_without_its_metadata(signed_in, extension):
    original = UPLOADS[extension]()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    upload = SimpleUploadedFile(f"photo.{extension}", original, f"image/{extension}")
    assert signed_in.post(RECORD.format("en"), form(upload)).status_code == 302

    m = Measurement.objects.get()
    assert m.evidence.name.endswith(f".{extension}")
    response, data = served(m)
    assert response["Content-Type"] == f"image/{'jpeg' if extension == 'jpg' else extension}"
    image = assert_only_pixels(data)
    assert image.format == FORMATS[extension]
    assert image.size == (400, 200)
    # A faithful copy: the colours where they were.
    assert image.convert("RGB").getpixel((50, 100))[0] > 240
    assert image.convert("RGB").getpixel((350, 100))[2] > 240


def test_a_photo_taken_sideways_is_served_upright(signed_in):
    sideways = picture("JPEG", quality=95, exif=gps_exif(orientation=6))  # turn 90° clockwise
    upload = SimpleUploadedFile("photo.jpg", sideways, "image/jpeg")
    assert signed_in.post(RECORD.format("en"), form(upload)).status_code == 302
    _response, data = served(Measurement.objects.get())
    image = assert_only_pixels(data)
    assert image.size == (200, 400)
    assert image.getpixel((100, 50))[0] > 240  # the red left half is now on top
    assert image.getpixel((100, 350))[2] > 240


def test_the_copy_keeps_the_full_size_and_legible_detail(signed_in):
    # A 3,000 x 2,000 photo of small print: every pixel kept, hardly changed.
    page = Image.new("RGB", (3000, 2000), "white")
    for x in range(0, 3000, 6):
        page.paste((0, 0, 0), (x, 0, x + 2, 2000))
    original = picture("JPEG", page, quality=95, exif=gps_exif())
    upload = SimpleUploadedFile("scan.jpg", original, "image/jpeg")
    assert signed_in.post(RECORD.format("en"), form(upload)).status_code == 302
    _response, data = served(Measurement.objects.get())
    copy = assert_only_pixels(data)
    assert copy.size == (3000, 2000)
    difference = ImageChops.difference(copy.convert("RGB"), Image.open(io.BytesIO(original)))
    assert max(ImageStat.Stat(difference).mean) < 3


def test_a_png_screenshot_is_kept_pixel_for_pixel(signed_in):
    screenshot = Image.new("P", (300, 200))
    screenshot.putpalette([255, 255, 255, 0, 0, 0] + [0] * 762)
    screenshot.paste(1, (10, 10, 290, 20))
    upload = SimpleUploadedFile("s.png", picture("PNG", screenshot, exif=gps_exif()), "image/png")
    assert signed_in.post(RECORD.format("en"), form(upload)).status_code == 302
    _response, data = served(Measurement.objects.get())
    copy = assert_only_pixels(data)
    assert ImageChops.difference(copy.convert("RGB"), screenshot.convert("RGB")).getbbox() is None


def test_a_gif_keeps_its_format_without_its_comment(signed_in):
    gif = picture("GIF", two_colours().convert("P"), comment=OWNER.encode())
    upload = SimpleUploadedFile("chart.gif", gif, "image/gif")
    assert signed_in.post(RECORD.format("en"), form(upload)).status_code == 302
    m = Measurement.objects.get()
    assert m.evidence.name.endswith(".gif")
    image = assert_only_pixels(served(m)[1])
    assert (image.format, image.size) == ("GIF", (400, 200))


def test_the_service_cleans_a_photo_whatever_calls_it(commitment, official):
    photo = SimpleUploadedFile("x.jpg", UPLOADS["jpg"](), "image/jpeg")
    m = services.record_measurement(
        commitment, official, value=60, valid_on="2025-06-30", note_vi="a", evidence=photo
    )
    assert_only_pixels(served(m)[1])


def test_a_photo_added_in_the_admin_is_cleaned_too(client, staff_user, commitment):
    client.force_login(staff_user)
    photo = SimpleUploadedFile("x.jpg", UPLOADS["jpg"](), "image/jpeg")
    data = {"commitment": commitment.pk, "valid_on": "2024-12-31", "value": "66", "note_vi": "a"}
    response = client.post("/admin/commitments/measurement/add/", {**data, "evidence": photo})
    assert response.status_code == 302
    assert_only_pixels(served(Measurement.objects.get())[1])


def private_files(settings):
    root = Path(storages["private"].location)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_damaged_photo_is_refused_in_the_admin_on_its_form(client, staff_user, commitment):
    client.force_login(staff_user)
    client.cookies["lang"] = "en"
    cut = picture("JPEG", Image.effect_noise((600, 400), 80).convert("RGB"))
    photo = SimpleUploadedFile("x.jpg", cut[: len(cut) // 2], "image/jpeg")
    data = {"commitment": commitment.pk, "valid_on": "2024-12-31", "value": "66", "note_vi": "a"}
    response = client.post("/admin/commitments/measurement/add/", {**data, "evidence": photo})
    assert response.status_code == 200
    assert "This picture is damaged or incomplete" in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_damaged_photo_is_refused_with_what_was_typed_kept(signed_in, settings):
    cut = picture("JPEG", Image.effect_noise((600, 400), 80).convert("RGB"))
    upload = SimpleUploadedFile("photo.jpg", cut[: len(cut) // 2], "image/jpeg")
    response = signed_in.post(RECORD.format("en"), form(upload))
    html = response.content.decode()
    assert response.status_code == 400
    assert "This picture is damaged or incomplete (perhaps cut off while uploading)." in html
    assert all(text in html for text in TYPED)
    assert not Measurement.objects.exists()
    assert not private_files(settings)


def blank_png(width, height):
    """One grey level over millions of pixels: a few kilobytes to send, megabytes to decode."""
    buffer = io.BytesIO()
    Image.new("L", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This picture claims 6300 × 6300 pixels in a file of only 37.7\xa0KB"),
        ("vi", "Ảnh này khai báo 6300 × 6300 điểm ảnh trong một tệp chỉ 37,7\xa0KB"),
    ],
)
def test_a_decompression_bomb_is_refused_as_evidence(signed_in, settings, language, message):
    bomb = blank_png(6300, 6300)
    assert len(bomb) < 38 * 1024
    upload = SimpleUploadedFile("scan.png", bomb, "image/png")
    response = signed_in.post(RECORD.format(language), form(upload, note_en="Mid-year"))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert all(text in html for text in (*TYPED, "Mid-year"))
    assert not Measurement.objects.exists()
    assert not private_files(settings)


def png_header_only(width, height):
    """A PNG that claims ``width`` x ``height`` pixels but holds almost no data."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_picture_too_big_for_pillow_to_open_is_refused_as_too_large(signed_in):
    upload = SimpleUploadedFile("scan.png", png_header_only(20_000, 20_000), "image/png")
    response = signed_in.post(RECORD.format("en"), form(upload))
    assert response.status_code == 400
    assert "Photos may have at most 40 million pixels." in response.content.decode()
    assert not Measurement.objects.exists()
