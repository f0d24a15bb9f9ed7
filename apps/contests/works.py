"""The work sent with an entry, checked by what it contains, never by its name.

``examine(upload, category)`` reads the file once and says what it is: a picture (through
``apps.core.images``: pixel limits, decompression bombs, truncated files; stored as a clean copy
without EXIF or GPS), an audio file (by its signature, then parsed by mutagen), a PDF (by its
signature and its end-of-file marker) or plain UTF-8 text (kept as the entry's text, never as a
file). Anything else, or a kind the category does not take, is refused with a message for the
person sending it.
"""

import io
from dataclasses import dataclass

import mutagen
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from apps.core import images

from .models import FileKind

# The largest upload any category may take: the form refuses more without storing it.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_TEXT_FILE_BYTES = 200 * 1024
# mutagen's class name -> (extension, content type) of the stored file.
AUDIO_TYPES = {
    "MP3": ("mp3", "audio/mpeg"),
    "MP4": ("m4a", "audio/mp4"),
    "OggVorbis": ("ogg", "audio/ogg"),
    "OggOpus": ("opus", "audio/ogg"),
    "WAVE": ("wav", "audio/wav"),
    "FLAC": ("flac", "audio/flac"),
}
IMAGE_TYPES = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "GIF": ("gif", "image/gif"),
}
KIND_NAMES = {
    FileKind.IMAGE: "image",
    FileKind.AUDIO: "audio",
    FileKind.PDF: "pdf",
    FileKind.TEXT: "text",
}


@dataclass
class Work:
    """A checked work: its kind, and either the bytes to store or the text it holds."""

    kind: str
    extension: str = ""
    content_type: str = ""
    data: bytes = b""
    text: str = ""


def accepted_description(category):
    """What ``category`` takes, in words ("an image (JPEG, PNG, WebP) or a PDF")."""
    words = {
        FileKind.IMAGE: _("a picture (JPEG, PNG, WebP or GIF)"),
        FileKind.AUDIO: _("an audio file (MP3, M4A, OGG, WAV or FLAC)"),
        FileKind.PDF: _("a PDF document"),
        FileKind.TEXT: _("a text typed in the box or a plain text file (.txt)"),
    }
    parts = [str(words[kind]) for kind in category.file_kinds()]
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s or %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def too_big(size, limit):
    return ValidationError(
        _("This file is %(size)s; this category takes files up to %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        code="too_big",
    )


IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
AUDIO_SIGNATURES = (b"ID3", b"fLaC", b"OggS")


def _mpeg_frame(head):
    # An MPEG audio frame without a tag starts with 11 set bits.
    return len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0


def sniff(head):
    """The kind of file its first bytes say it is (None when they say nothing we accept)."""
    riff = head[8:12] if head[:4] == b"RIFF" else b""
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(IMAGE_SIGNATURES) or riff == b"WEBP":
        return FileKind.IMAGE
    if head.startswith(AUDIO_SIGNATURES) or riff == b"WAVE" or head[4:8] == b"ftyp":
        return FileKind.AUDIO
    if _mpeg_frame(head):
        return FileKind.AUDIO
    return None


def _text_of(data):
    """The text of a plain UTF-8 text file, or None (binary, another encoding)."""
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return text.replace("\r\n", "\n") if printable >= 0.98 * max(len(text), 1) else None


def _wrong_kind(category, found):
    names = {
        FileKind.IMAGE: _("a picture"),
        FileKind.AUDIO: _("an audio file"),
        FileKind.PDF: _("a PDF document"),
        FileKind.TEXT: _("a text file"),
    }
    return ValidationError(
        _("The category “%(category)s” takes %(accepted)s; this file is %(found)s.")
        % {
            "category": category.name,
            "accepted": accepted_description(category),
            "found": names[found],
        },
        code="wrong_category",
    )


def _not_accepted(category):
    return ValidationError(
        _(
            "We cannot read this file as %(accepted)s, whatever its name says. Send the work as "
            "%(accepted)s."
        )
        % {"accepted": accepted_description(category)},
        code="not_accepted",
    )


def _audio(data, category):
    try:
        audio = mutagen.File(io.BytesIO(data))  # no name: mutagen must judge by content
        if audio is None and data[:1] == b"\xff":
            from mutagen.mp3 import MP3

            audio = MP3(io.BytesIO(data))
    except Exception:  # mutagen raises many kinds of error for what is not audio
        audio = None
    kind = type(audio).__name__ if audio is not None else ""
    length = getattr(getattr(audio, "info", None), "length", 0) or 0
    if kind not in AUDIO_TYPES or length <= 0:
        raise ValidationError(
            _(
                "This audio file is damaged or is not a recording we can play "
                "(MP3, M4A, OGG, WAV or FLAC)."
            ),
            code="bad_audio",
        )
    extension, content_type = AUDIO_TYPES[kind]
    return Work(FileKind.AUDIO, extension, content_type, data)


def _pdf(data):
    # A PDF ends with %%EOF (a few bytes of line endings or padding may follow): a file cut
    # off while uploading lacks it.
    if b"%%EOF" not in data[-1024:]:
        raise ValidationError(
            _("This PDF is damaged or incomplete (perhaps cut off while uploading)."),
            code="damaged_pdf",
        )
    return Work(FileKind.PDF, "pdf", "application/pdf", data)


def _image(data):
    copy, fmt = images.clean_copy(data)  # raises a ValidationError saying what is wrong
    extension, content_type = IMAGE_TYPES[fmt]
    return Work(FileKind.IMAGE, extension, content_type, copy)


def examine(upload, category):
    """Check ``upload`` against ``category``; return a ``Work`` or raise ``ValidationError``."""
    size = getattr(upload, "size", 0) or 0
    limit = min(category.max_file_bytes, MAX_UPLOAD_BYTES)
    if size > limit:
        raise too_big(size, limit)
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_big(len(data), limit)
    found = sniff(data[:16])
    if found is None:
        text = _text_of(data) if size <= MAX_TEXT_FILE_BYTES else None
        if text is None:
            raise _not_accepted(category)
        found = FileKind.TEXT
    accepted = category.file_kinds()
    if found not in accepted:
        raise _wrong_kind(category, found)
    if found == FileKind.TEXT:
        return Work(FileKind.TEXT, text=text.strip())
    if found == FileKind.PDF:
        return _pdf(data)
    if found == FileKind.AUDIO:
        return _audio(data, category)
    return _image(data)
