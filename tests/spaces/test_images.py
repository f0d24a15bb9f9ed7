import io
import random
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image

from apps.core.images import check_image, delete_renditions, save_renditions

from .conftest import image_bytes


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def png_header_only(width, height):
    """A PNG that claims ``width`` x ``height`` pixels but holds almost no data."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def noisy_png(size=(400, 300)):
    rng = random.Random(1)
    image = Image.frombytes(
        "RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3))
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def refusal(data, name="photo.jpg"):
    with pytest.raises(ValidationError) as caught:
        check_image(upload(data, name))
    return " ".join(caught.value.messages)


def test_a_renamed_pdf_is_refused():
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n" * 20
    assert "not a picture" in refusal(pdf, "holiday.jpg")


def test_a_truncated_png_is_refused():
    data = noisy_png()
    assert "damaged or incomplete" in refusal(data[: len(data) * 2 // 3], "photo.png")


def test_a_decompression_bomb_is_refused_before_decoding():
    assert "too large" in refusal(png_header_only(20_000, 20_000), "bomb.png")


def test_too_many_pixels_below_pillows_own_limit_is_refused_too():
    message = refusal(png_header_only(10_000, 6_000), "big.png")
    assert "10000 × 6000" in message
    assert "50 million pixels" in message


def test_a_30_mb_file_is_refused_by_its_size():
    data = image_bytes() + b"\0" * (30 * 1024 * 1024)
    assert "too large (30" in refusal(data)


def test_an_empty_file_is_refused():
    assert "empty" in refusal(b"")


def test_renditions_are_webp_and_jpeg_in_three_widths_without_exif(settings, tmp_path):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 19.0, 32.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (103.0, 54.0, 50.0)
    original = image_bytes(size=(2000, 1500), exif=exif)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    result = save_renditions(check_image(upload(original)), "spaces/test")

    assert [i["width"] for i in result.items] == [320, 640, 1280]
    assert (result.width, result.height) == (1280, 960)
    for item in result.items:
        for key, fmt in (("webp", "WEBP"), ("jpeg", "JPEG")):
            with default_storage.open(item[key]) as stored:
                data = stored.read()
            image = Image.open(io.BytesIO(data))
            assert image.format == fmt
            assert image.width == item["width"]
            assert not image.getexif()
            assert b"PhoneMaker" not in data
            assert b"Exif" not in data
    delete_renditions(result.items)
    assert not default_storage.exists(result.items[0]["webp"])


def test_a_small_picture_is_never_enlarged():
    result = save_renditions(check_image(upload(image_bytes(size=(200, 100)))), "spaces/test")
    assert [(i["width"], i["height"]) for i in result.items] == [(200, 100)]


def test_transparent_png_gets_a_white_background():
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(buffer, "PNG")
    image = check_image(upload(buffer.getvalue(), "logo.png"))
    assert image.mode == "RGB"
    assert image.getpixel((10, 10)) == (255, 255, 255)


def test_exif_orientation_is_applied():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # rotated 90° clockwise
    image = check_image(upload(image_bytes(size=(400, 200), exif=exif)))
    assert image.size == (200, 400)
