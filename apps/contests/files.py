"""An entry's file, sent from the private storage to those who judge it, and to nobody else."""

import io
import logging

import mutagen
import pypdf
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from apps.core.files import send_file

from .announce import untagged
from .jury import can_see_entry
from .models import Entry
from .works import AUDIO_TYPES, IMAGE_TYPES

logger = logging.getLogger(__name__)

# The content type a stored file is sent with, by the extension its content earned when it
# was received (``works.examine``): never by what the sender called it.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    **dict(IMAGE_TYPES.values()),
    **dict(AUDIO_TYPES.values()),
}


@never_cache
@login_required
def entry_file(request, slug, code):
    """The work of entry ``code``: for content staff and the jurors (and chair) of its contest.

    Anyone else, signed in or not, gets the same 404 as for an entry that does not exist. The
    file is named after the reference code, never after its author or the upload's own name,
    and goes out with ``nosniff`` and a sandboxing policy (``files.send_file``).
    """
    entry = get_object_or_404(
        Entry.objects.select_related("contest").only("pk", "code", "file", "contest"),
        contest__slug=slug,
        code=code,
    )
    if not entry.file or not can_see_entry(request.user, entry):
        raise Http404
    extension = entry.file.name.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(extension)
    return send_file(
        _blind(entry.file, content_type),
        content_type=content_type or "application/octet-stream",
        attachment=content_type is None,
        filename=f"{entry.code}.{extension if content_type else 'bin'}",
    )


def without_metadata(data):
    """The PDF ``data`` without what names its author: the document information (Author,
    Creator, Title: a word processor fills them from the account's name), the XMP metadata
    of the document and its pages, and the names on comments. The pages are untouched."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.metadata = None
    writer.root_object.pop(pypdf.generic.NameObject("/Metadata"), None)
    for page in writer.pages:
        page.pop(pypdf.generic.NameObject("/Metadata"), None)
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            for key in ("/T", "/Metadata"):
                annotation.pop(pypdf.generic.NameObject(key), None)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blind(file, content_type):
    """The file as a juror may read it: a song's tags (the artist's name, often the
    author's) and a PDF's metadata (its author's name) are left out of the copy sent;
    pictures were stored without metadata already. The stored entry stays as it came."""
    content_type = content_type or ""
    if content_type.startswith("audio/"):
        strip, errors = untagged, (mutagen.MutagenError, OSError, ValueError)
    elif content_type == "application/pdf":
        strip, errors = without_metadata, (pypdf.errors.PyPdfError, OSError, ValueError)
    else:
        return file
    try:
        with file.open("rb") as handle:
            return ContentFile(strip(handle.read()), name=file.name)
    except FileNotFoundError:
        return file  # send_file answers 404
    except errors:
        logger.warning("Could not remove the metadata of %s: sent as it came", file.name)
        return file
