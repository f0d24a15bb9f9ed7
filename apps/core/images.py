"""Uploaded photos, checked by their content and published in the sizes the pages need.

Every app that accepts pictures goes through here: ``check_image()`` refuses what is not a
readable picture of a sensible size (a renamed PDF, a truncated file, a decompression bomb, a
huge upload) with a message for the person uploading it, and ``save_renditions()`` writes WebP
copies with a JPEG fallback through Django's storage. The copies are re-encoded from the pixels
only, so EXIF data (GPS position, camera, owner) never reaches the public.
"""

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
WIDTHS = (320, 640, 1280)
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
WEBP_QUALITY = 72
JPEG_QUALITY = 80


def check_image(upload, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS):
    """Open ``upload`` as a picture, or raise ``ValidationError`` saying what is wrong with it.

    The checks run from the cheapest to the costliest: the file size, then the header (format
    and pixel count, read without decoding), then a full decode that fails on a truncated file.
    Returns the decoded picture, upright (EXIF orientation applied), without any metadata.
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
    not_a_picture = ValidationError(
        _("This file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF photo."),
        code="not_an_image",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            upload.seek(0)
            data = upload.read()
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise not_a_picture
            if image.width * image.height > max_pixels:
                raise _too_many_pixels(image.width, image.height, max_pixels)
            image.verify()  # checks the file's structure (PNG chunks and their checksums)
            image = Image.open(io.BytesIO(data))
            if image.format == "JPEG":
                # Decode big JPEGs at a reduced scale: enough for the largest copy, less memory.
                image.draft("RGB", (WIDTHS[-1] * 2, WIDTHS[-1] * 2))
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(0, 0, max_pixels) from None
        except UnidentifiedImageError:
            raise not_a_picture from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error):
            raise ValidationError(
                _("This picture is damaged or incomplete (perhaps cut off while uploading)."),
                code="damaged",
            ) from None
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:  # a broken orientation tag: keep the picture as stored
        image = image.copy()
    image = _flatten(image)
    image.info = {}
    return image


def _too_many_pixels(width, height, max_pixels):
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
    """An RGB picture: the first frame of an animation, transparency on white."""
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


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
            buffer = io.BytesIO()
            copy.save(buffer, fmt, **options)
            names[ext] = storage.save(f"{stem}-{width}.{ext}", ContentFile(buffer.getvalue()))
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
