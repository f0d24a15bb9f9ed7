"""Uploaded pictures, checked by their content and stored as their pixels only.

Every app that accepts pictures goes through here. ``check_image()`` refuses what is not a
readable picture of a sensible size (a renamed PDF, a truncated file, a decompression bomb, a
huge upload) with a message for the person uploading it, and ``save_renditions()`` writes WebP
copies with a JPEG fallback for the pages; ``clean_copy()`` keeps a picture at its full size in
its own format (evidence must stay legible). Each decodes the pixels, turns a photo taken
sideways upright and writes the pixels again through ``encode()``, so EXIF data (GPS position,
camera, owner), XMP, ICC profiles, text chunks and comments never reach the public.
``has_metadata()`` tells a stored file that still carries any of them.
"""

import contextlib
import io
import struct
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50-megapixel phone photo; 20,000 x 20,000 px is refused
# A real picture needs bytes for its pixels: a camera JPEG holds 3-20 pixels per byte, a plain
# white JPEG about 64 and a blank screenshot saved as PNG 200-350. More pixels per byte than
# this is one colour blown up to tens of megapixels (7,000 x 7,000 pixels in 47 KB): a
# decompression bomb, costing the server far more to decode than it cost to send.
MAX_PIXELS_PER_BYTE = 1000
# Any picture opened anywhere in the portal: Pillow warns above this many pixels and refuses
# twice as many before decoding (its default, 89 million, is more than any upload may have).
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
WIDTHS = (320, 640, 1280)
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
WEBP_QUALITY = 72
JPEG_QUALITY = 80
# The full-size copy of a picture kept as a record: its own format, and for the lossy ones a
# quality at which small print stays legible (JPEG without colour subsampling, for sharp text).
FULL_SIZE = {
    "JPEG": {"quality": 95, "subsampling": 0},
    "PNG": {},
    "WEBP": {"quality": 95, "method": 4},
    "GIF": {},
}


def check_image(upload, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS):
    """Open ``upload`` as a picture, or raise ``ValidationError`` saying what is wrong with it.

    Returns the picture upright, in RGB and no wider than twice the largest copy the pages
    need, for ``save_renditions()`` (which leaves its metadata out).
    """
    size = getattr(upload, "size", None)
    if size is None or size > max_bytes:
        raise ValidationError(
            _("This file is too large (%(size)s). Photos may be at most %(limit)s.")
            % {"size": filesizeformat(size or 0), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    upload.seek(0)
    largest = 2 * WIDTHS[-1]
    image = open_picture(upload.read(), max_pixels=max_pixels, draft=(largest, largest))
    if image.mode in ("1", "P"):
        image = _flatten(image)  # resizing needs true colours, not palette indexes
    # Shrunk before any conversion multiplies the memory a big picture takes.
    image.thumbnail((largest, image.height), Image.LANCZOS)
    return _flatten(image)


def open_picture(data, *, max_pixels=MAX_PIXELS, draft=None):
    """The picture file ``data`` decoded and upright, or a ``ValidationError``.

    The checks run from the cheapest to the costliest: the header (format and pixel count,
    read without decoding, a decompression bomb refused there), then the file's structure,
    then a decode that fails on a truncated file. A JPEG is decoded at a reduced scale when
    ``draft`` (a width and height) is enough. ``picture.format`` is the format of ``data``;
    its metadata is still in ``picture.info``, for ``encode()`` to leave out.
    """
    not_a_picture = ValidationError(
        _("This file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF photo."),
        code="not_an_image",
    )
    try:
        with warnings.catch_warnings():
            # The exact limit is checked below, with the picture's size in the message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise not_a_picture
            check_pixels(image.width, image.height, len(data), max_pixels)
            image.verify()  # checks the file's structure (PNG chunks and their checksums)
            image = Image.open(io.BytesIO(data))
        if draft and image.format == "JPEG":
            image.draft("RGB", draft)
        image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise too_many_pixels(0, 0, max_pixels) from None
    except UnidentifiedImageError:
        raise not_a_picture from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error):
        raise ValidationError(
            _("This picture is damaged or incomplete (perhaps cut off while uploading)."),
            code="damaged",
        ) from None
    with contextlib.suppress(Exception):  # a broken orientation tag: keep it as stored
        ImageOps.exif_transpose(image, in_place=True)
    return image


def check_pixels(width, height, size, max_pixels=MAX_PIXELS):
    """Refuse a picture of ``width`` x ``height`` pixels in a file of ``size`` bytes that has
    too many pixels, or far more than its size can hold (a decompression bomb)."""
    if width * height > max_pixels:
        raise too_many_pixels(width, height, max_pixels)
    if width * height > MAX_PIXELS_PER_BYTE * max(size, 1):
        raise ValidationError(
            _(
                "This picture claims %(width)s × %(height)s pixels in a file of only %(size)s, "
                "far more than a real photo holds, so it is refused. Upload the photo as it came "
                "from the camera, the phone or the scanner."
            )
            % {"width": width, "height": height, "size": filesizeformat(size)},
            code="pixels_per_byte",
        )


def too_many_pixels(width, height, max_pixels):
    if width and height:
        message = _(
            "This picture is too large (%(width)s × %(height)s pixels). "
            "Photos may have at most %(limit)s million pixels."
        ) % {"width": width, "height": height, "limit": max_pixels // 1_000_000}
    else:
        message = _("This picture is too large. Photos may have at most %(limit)s million pixels.")
        message %= {"limit": max_pixels // 1_000_000}
    return ValidationError(message, code="too_many_pixels")


def _flatten(image):
    """An RGB picture: transparency on white."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


def encode(image, fmt, **options):
    """``image`` written as a ``fmt`` file holding its pixels and nothing else.

    No EXIF (GPS position, camera, owner), XMP, ICC profile, text or comment is written: Pillow
    copies some of them (a comment, an ICC profile) from ``image.info`` unless they are gone.
    """
    info = image.info
    image.info = {k: v for k, v in info.items() if k == "transparency"}
    buffer = io.BytesIO()
    try:
        image.save(buffer, fmt, **options)
    finally:
        image.info = info
    return buffer.getvalue()


def clean_copy(data, *, max_pixels=MAX_PIXELS):
    """The picture file ``data`` at its full size, upright and without metadata, in its own
    format (a GIF keeps its first frame): returns the new file's bytes and its format."""
    image = open_picture(data, max_pixels=max_pixels)
    fmt = image.format
    if image.mode == "CMYK":  # a JPEG made for print: its colours are shown right only in RGB
        image = image.convert("RGB")
    options = dict(FULL_SIZE[fmt])
    if fmt == "WEBP" and b"VP8L" in _riff_chunks(data):
        options = {"lossless": True}  # a lossless WebP (a screenshot) stays lossless
    return encode(image, fmt, **options), fmt


@dataclass
class Renditions:
    """The stored copies of one picture: ``items`` lists width, height, webp and jpeg names."""

    width: int
    height: int
    items: list


def save_renditions(image, prefix, widths=WIDTHS, storage=None):
    """Save ``image`` (from ``check_image``) as WebP and JPEG copies ``widths`` pixels wide.

    A picture is never enlarged: a small one gets a single copy at its own width. Files are
    named ``<prefix>/<random>-<width>.<ext>`` so a new upload never overwrites an old one.
    """
    storage = storage or default_storage
    stem = f"{prefix.strip('/')}/{uuid.uuid4().hex[:12]}"
    targets = sorted({min(w, image.width) for w in widths})
    items = []
    for width in targets:
        height = max(1, round(image.height * width / image.width))
        copy = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        names = {}
        for ext, fmt, options in (
            ("webp", "WEBP", {"quality": WEBP_QUALITY, "method": 4}),
            ("jpg", "JPEG", {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}),
        ):
            content = ContentFile(encode(copy, fmt, **options))
            names[ext] = storage.save(f"{stem}-{width}.{ext}", content)
        items.append(
            {"width": width, "height": height, "webp": names["webp"], "jpeg": names["jpg"]}
        )
    largest = items[-1]
    return Renditions(width=largest["width"], height=largest["height"], items=items)


def delete_renditions(items, storage=None):
    """Remove the stored copies listed in ``items`` (missing files are ignored)."""
    storage = storage or default_storage
    for item in items or []:
        for key in ("webp", "jpeg"):
            name = item.get(key)
            if name:
                storage.delete(name)


# What ``encode()`` writes, and nothing more: anything else in a file is metadata to remove.
PIXEL_INFO = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "dpi",
    "progressive",
    "progression",
    "transparency",
    "version",
    "background",
    "duration",
    "loop",
    "timestamp",
}
PNG_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
WEBP_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
END = {"JPEG": b"\xff\xd9", "GIF": b";"}


def has_metadata(data):
    """Whether the picture file ``data`` holds anything besides its pixels: EXIF (with the
    orientation), XMP, an ICC profile, text, a comment, a thumbnail or data after its end (a
    phone's "motion photo" video). A file that cannot be read counts as having some."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Exception:
        return True
    if set(image.info) - PIXEL_INFO:
        return True
    if image.format == "JPEG":
        # APP0 "JFIF" of 14 bytes is the bare header; any other segment before the pixels
        # (EXIF, XMP, ICC, Photoshop, comment) or a JFIF thumbnail is metadata.
        return any(
            not (marker == "APP0" and body.startswith(b"JFIF\0") and len(body) == 14)
            for marker, body in image.applist
        ) or not data.endswith(END["JPEG"])
    if image.format == "PNG":
        return not _png_chunks(data) <= PNG_CHUNKS
    if image.format == "WEBP":
        return not _riff_chunks(data) <= WEBP_CHUNKS
    return not data.endswith(END.get(image.format, b""))


def _png_chunks(data):
    """The kinds of chunk in a PNG file, with ``b"tail"`` for bytes after its end."""
    kinds, position = set(), 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        kinds.add(kind)
        position += 12 + length
        if kind == b"IEND":
            break
    if position != len(data):
        kinds.add(b"tail")
    return kinds


def _riff_chunks(data):
    """The kinds of chunk in a WebP file, with ``b"tail"`` for bytes after its end."""
    kinds, position = set(), 12
    end = 8 + int.from_bytes(data[4:8], "little")
    while position + 8 <= min(end, len(data)):
        kind, length = struct.unpack("<4sI", data[position : position + 8])
        kinds.add(kind)
        position += 8 + length + (length & 1)
    if end != len(data):
        kinds.add(b"tail")
    return kinds


class Picture:
    """What a ``<picture>`` element needs, built from the stored renditions of a photo."""

    def __init__(self, renditions, alt, width, height, storage=None):
        self.storage = storage or default_storage
        self.items = renditions or []
        self.alt = alt
        self.width = width
        self.height = height

    def __bool__(self):
        return bool(self.items)

    def _srcset(self, key):
        return ", ".join(f"{self.storage.url(i[key])} {i['width']}w" for i in self.items)

    @property
    def webp_srcset(self):
        return self._srcset("webp")

    @property
    def jpeg_srcset(self):
        return self._srcset("jpeg")

    @property
    def src(self):
        """The JPEG copy closest to 640 px, for browsers that ignore ``srcset``."""
        if not self.items:
            return ""
        best = min(self.items, key=lambda i: abs(i["width"] - 640))
        return self.storage.url(best["jpeg"])
