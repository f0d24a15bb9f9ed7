"""apps.core.images tells a picture file that carries anything besides its pixels, and its clean
copies carry nothing: what makes `clean_evidence` find every old file to clean, and only once."""

import io
import struct
import zlib

import pytest
from PIL import ExifTags, Image, PngImagePlugin

from apps.core.images import clean_copy, has_metadata

SECRET = "Nguyen Van A"


def exif():
    data = Image.Exif()
    data[ExifTags.Base.Artist] = SECRET
    return data


def saved(fmt, mode="RGB", **options):
    buffer = io.BytesIO()
    Image.new(mode, (64, 48), (200, 120, 40) if mode == "RGB" else 1).save(buffer, fmt, **options)
    return buffer.getvalue()


def with_jfif_thumbnail(jpeg):
    """``jpeg`` whose JFIF header carries a 1 x 1 thumbnail (a preview of the photo)."""
    assert jpeg[2:4] == b"\xff\xe0"
    length = struct.unpack(">H", jpeg[4:6])[0]
    body = b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x01\x01" + b"\xff\x00\x00"
    return jpeg[:2] + b"\xff\xe0" + struct.pack(">H", len(body) + 2) + body + jpeg[4 + length :]


def png_text():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", SECRET)
    return saved("PNG", pnginfo=text)


def png_private_chunk():
    """A PNG with a private chunk Pillow skips (a content credential, say) before IEND."""
    png = saved("PNG")
    body = SECRET.encode()
    chunk = struct.pack(">I", len(body)) + b"prIv" + body
    chunk += struct.pack(">I", zlib.crc32(b"prIv" + body))
    return png[:-12] + chunk + png[-12:]


DIRTY = {
    "JPEG with EXIF": lambda: saved("JPEG", exif=exif()),
    "JPEG with a comment": lambda: saved("JPEG", comment=SECRET),
    "JPEG with an ICC profile": lambda: saved("JPEG", icc_profile=b"\0" * 128),
    "JPEG with a thumbnail": lambda: with_jfif_thumbnail(saved("JPEG")),
    "JPEG with a video after its end": lambda: saved("JPEG") + b"\0\0\0\x18ftypmp42" + b"\0" * 64,
    "PNG with an eXIf chunk": lambda: saved("PNG", exif=exif()),
    "PNG with text": png_text,
    "PNG with a private chunk": png_private_chunk,
    "PNG with data after its end": lambda: saved("PNG") + SECRET.encode(),
    "WebP with EXIF": lambda: saved("WEBP", exif=exif()),
    "WebP with XMP": lambda: saved("WEBP", xmp=SECRET.encode()),
    "WebP with data after its end": lambda: saved("WEBP") + SECRET.encode(),
    "GIF with a comment": lambda: saved("GIF", mode="P", comment=SECRET),
    "GIF with data after its end": lambda: saved("GIF", mode="P") + SECRET.encode(),
}


@pytest.mark.parametrize("kind", DIRTY)
def test_a_file_with_metadata_is_told_and_its_clean_copy_has_none(kind):
    dirty = DIRTY[kind]()
    assert has_metadata(dirty)
    copy, fmt = clean_copy(dirty)
    assert fmt == Image.open(io.BytesIO(dirty)).format
    assert not has_metadata(copy)
    assert SECRET.encode() not in copy
    assert Image.open(io.BytesIO(copy)).size == (64, 48)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_a_clean_copy_is_clean_again_and_copied_once_is_enough(fmt):
    mode = "P" if fmt == "GIF" else "RGB"
    once, _fmt = clean_copy(saved(fmt, mode=mode))
    assert not has_metadata(once)
    twice, _fmt = clean_copy(once)
    assert not has_metadata(twice)


def test_a_lossless_webp_stays_lossless():
    screenshot = saved("WEBP", lossless=True, exif=exif())
    copy, _fmt = clean_copy(screenshot)
    assert b"VP8L" in copy
    assert Image.open(io.BytesIO(copy)).getpixel((5, 5)) == (200, 120, 40)


def test_a_file_that_is_not_a_picture_counts_as_having_metadata():
    assert has_metadata(b"%PDF-1.4 not a picture")


def test_a_jpeg_made_for_print_is_copied_in_rgb_with_its_colours():
    print_file = io.BytesIO()
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(print_file, "JPEG", quality=95)
    copy, fmt = clean_copy(print_file.getvalue())
    image = Image.open(io.BytesIO(copy))
    assert (fmt, image.mode) == ("JPEG", "RGB")
    red, green, blue = image.getpixel((10, 10))
    assert red > 200
    assert max(green, blue) < 60


def test_a_transparent_palette_png_keeps_its_palette_and_transparency():
    screenshot = Image.new("P", (64, 48), 0)
    screenshot.putpalette([255, 255, 255, 0, 0, 0] + [0] * 762)
    screenshot.paste(1, (10, 10, 20, 20))
    buffer = io.BytesIO()
    screenshot.save(buffer, "PNG", transparency=0, exif=exif())
    image = Image.open(io.BytesIO(clean_copy(buffer.getvalue())[0]))
    assert (image.mode, image.info) == ("P", {"transparency": 0})
    assert image.convert("RGBA").getpixel((0, 0))[3] == 0
    assert image.convert("RGBA").getpixel((15, 15)) == (0, 0, 0, 255)
