"""Evidence files are checked by what they contain, never by their name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_EVIDENCE_MB = 10
MAX_EVIDENCE_BYTES = MAX_EVIDENCE_MB * 1024 * 1024
MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# The content type an evidence file is served with, by the extension its content earned.
EVIDENCE_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
}

NOT_EVIDENCE = _(
    "The evidence must be a PDF document or a photo (JPEG, PNG or WebP). This file is neither, "
    "whatever its name says."
)


def evidence_extension(file):
    """The extension that matches the file's content ("pdf", "jpg", …), or a ValidationError.

    The size is checked first so a huge upload is refused before it is read.
    """
    size = getattr(file, "size", None) or 0
    if size > MAX_EVIDENCE_BYTES:
        megabytes = round(size / (1024 * 1024))
        raise ValidationError(
            _("The evidence file is %(size)s MB; files up to %(limit)s MB are accepted."),
            code="too_big",
            params={"size": megabytes, "limit": MAX_EVIDENCE_MB},
        )
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head == b"%PDF-":
        return "pdf"
    try:
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except Exception as exc:  # Pillow raises many kinds of error for a file that is not an image
        raise ValidationError(NOT_EVIDENCE, code="not_evidence") from exc
    finally:
        file.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(NOT_EVIDENCE, code="not_evidence")
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("The photo is too large (%(pixels)s megapixels); up to 40 megapixels are accepted."),
            code="too_many_pixels",
            params={"pixels": round(width * height / 1_000_000)},
        )
    return IMAGE_FORMATS[image_format]


def validate_evidence(file):
    evidence_extension(file)
