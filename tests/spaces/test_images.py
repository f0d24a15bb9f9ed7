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

from apps.core.images import MAX_PIXELS, check_image, delete_renditions, save_renditions

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


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
def test_a_picture_in_another_format_is_refused(fmt):
    # Pillow reads them, but browsers do not all show them and each is one more decoder.
    assert "not a picture we can read" in refusal(image_bytes(fmt, size=(64, 48)), "photo.jpg")


def test_a_truncated_png_is_refused():
    data = noisy_png()
    assert "damaged or incomplete" in refusal(data[: len(data) * 2 // 3], "photo.png")


def test_a_decompression_bomb_is_refused_before_decoding():
    assert "too large" in refusal(png_header_only(20_000, 20_000), "bomb.png")


def test_too_many_pixels_below_pillows_own_limit_is_refused_too():
    message = refusal(png_header_only(10_000, 6_000), "big.png")
    assert "10000 × 6000" in message
    assert "50 million pixels" in message


def saved(image, fmt="PNG", **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def test_a_blown_up_picture_of_one_colour_is_refused_as_a_bomb():
    message = refusal(saved(Image.new("L", (6300, 6300))), "scan.png")
    assert message.startswith("This picture claims 6300 × 6300 pixels in a file of only 37.7")


@pytest.mark.parametrize(
    "data",
    [
        saved(Image.new("RGB", (1920, 1080), "white")),  # a blank screenshot: 241 pixels a byte
        saved(Image.new("RGB", (4000, 3000), "white"), "JPEG", quality=95),  # 64 pixels a byte
    ],
    ids=["blank screenshot", "white photo"],
)
def test_plain_pictures_are_not_taken_for_bombs(data):
    assert check_image(upload(data)).width == min(2560, Image.open(io.BytesIO(data)).width)


def test_pillow_itself_refuses_twice_the_limit_before_decoding():
    # The limit holds for any picture the portal opens, whatever the code that opens it.
    assert MAX_PIXELS == 50_000_000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_header_only(10_001, 10_000)))


def test_a_big_picture_is_shrunk_to_what_the_pages_need_before_it_is_converted():
    page = Image.new("L", (6000, 4000), 255)
    page.paste(Image.effect_noise((300, 300), 60), (100, 100))
    image = check_image(upload(saved(page), "big.png"))
    assert (image.mode, image.size) == ("RGB", (2560, 1707))


def test_a_big_palette_picture_is_shrunk_smoothly_not_by_dropping_pixels():
    stripes = Image.new("P", (5120, 100), 0)
    stripes.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    for x in range(0, 5120, 2):
        stripes.paste(1, (x, 0, x + 1, 100))
    image = check_image(upload(saved(stripes), "stripes.png"))
    assert image.width == 2560
    assert 100 < image.getpixel((1000, 25))[0] < 160  # grey, not every other column


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
