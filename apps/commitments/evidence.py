"""Evidence files are checked by what they contain, never by their name, and a picture is kept
as a full-size copy of its pixels only (no GPS position, camera or owner's name)."""

import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from apps.core import images
from apps.core.storage import overwrite

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

    The size is checked first so a huge upload is refused before it is read, and a picture's
    pixels from its header, before anything decodes them.
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
        with warnings.catch_warnings():
            # The exact limit is checked below, with the photo's size in the message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
    except Image.DecompressionBombError:  # far too many pixels for Pillow even to open it
        raise images.too_many_pixels(0, 0, MAX_PIXELS) from None
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
    images.check_pixels(width, height, size, MAX_PIXELS)
    return IMAGE_FORMATS[image_format]


def validate_evidence(file):
    evidence_extension(file)


class CleanEvidence(ContentFile):
    """A picture ``clean_evidence()`` re-encoded: ready to be stored as it is."""


def clean_evidence(file):
    """The file to keep as evidence, named ``evidence.<extension of its content>``.

    A PDF is kept as it is; a picture is decoded and written again at its full size and in its
    own format (a GIF keeps its first frame), upright and without metadata, through the same
    code as the photos of the pages (``apps.core.images``). Raises a ValidationError for a file
    that is not acceptable evidence.
    """
    extension = evidence_extension(file)
    if extension == "pdf":
        file.name = "evidence.pdf"
        return file
    file.seek(0)
    content, image_format = images.clean_copy(file.read(), max_pixels=MAX_PIXELS)
    return CleanEvidence(content, name=f"evidence.{IMAGE_FORMATS[image_format]}")


def clean_stored_evidence(storage, name):
    """Re-encode the stored evidence picture ``name`` without its metadata, keeping its name.

    Measurements are append-only (the database refuses a new file name), so the new content
    replaces the old under the same name, whose extension still matches it. Returns what
    happened, ``"rewritten"``, ``"clean"`` (nothing to remove), ``"not a picture"`` (a PDF),
    ``"missing"`` or ``"refused"``, and for the last two the reason.
    """
    extension = name.rsplit(".", 1)[-1].lower()
    if extension not in IMAGE_FORMATS.values():
        return "not a picture", ""
    if not storage.exists(name):
        return "missing", "the file is not in the storage"
    with storage.open(name, "rb") as stored:
        data = stored.read()
    try:
        if evidence_extension(ContentFile(data)) != extension:
            return "refused", f"its content is not what its name (.{extension}) says"
        if not images.has_metadata(data):
            return "clean", ""
        content, _format = images.clean_copy(data, max_pixels=MAX_PIXELS)
    except ValidationError as error:
        return "refused", " ".join(str(message) for message in error.messages)
    overwrite(storage, name, content)
    return "rewritten", ""
