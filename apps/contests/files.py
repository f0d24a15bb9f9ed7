"""An entry's file, sent from the private storage to those who judge it, and to nobody else."""

import io
import logging

import pypdf
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.core.files import send_file
from apps.core.permissions import can_change

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


class NotBlinded(Exception):
    """The file could not be stripped of what may name its author."""


@never_cache
@login_required
def entry_file(request, slug, code):
    """The work of entry ``code``: for content staff and the jurors (and chair) of its contest.

    Anyone else, signed in or not, gets the same 404 as for an entry that does not exist. The
    file is named after the reference code, never after its author or the upload's own name,
    and goes out with ``nosniff`` and a sandboxing policy (``files.send_file``). A juror gets
    it without the tags or metadata that may name its author; when they cannot be removed,
    the juror gets a notice instead and staff a warning in the log (staff, who see the
    authors anyway, get the file as it came).
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
    try:
        sent = _blind(entry.file, content_type)
    except NotBlinded:
        if not can_change(request.user, entry.contest):
            return HttpResponse(
                _(
                    "This file could not be prepared for a blind review (its author's name may "
                    "be in it). The contest's staff have been told."
                ),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        sent = entry.file
    return send_file(
        sent,
        content_type=content_type or "application/octet-stream",
        attachment=content_type is None,
        filename=f"{entry.code}.{extension if content_type else 'bin'}",
    )


def _strip_names(obj):
    """Remove from one PDF object what may name a person: XMP and application data on any
    dictionary or stream (pictures and drawings carry their own), a comment's author."""
    if not isinstance(obj, pypdf.generic.DictionaryObject):
        return
    for key in ("/Metadata", "/PieceInfo"):
        obj.pop(pypdf.generic.NameObject(key), None)
    if obj.get("/Type") == "/Annot" and obj.get("/Subtype") != "/Widget":
        obj.pop(pypdf.generic.NameObject("/T"), None)  # a form field's /T is its name: kept


def without_metadata(data):
    """The PDF ``data`` without what names its author: the document information (Author,
    Creator, Title: a word processor fills them from the account's name), the XMP metadata
    of the document, its pages and its pictures, the names on comments, and embedded files
    (an office suite may embed the source document, with its author). The pages' content is
    untouched. A PDF locked with an empty password (a common "permissions only" setting) is
    opened; anything else that fails raises."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("the PDF needs a password")
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.metadata = None
    root = writer.root_object
    root.pop(pypdf.generic.NameObject("/AF"), None)
    names = root.get("/Names")
    if names is not None:
        names.get_object().pop(pypdf.generic.NameObject("/EmbeddedFiles"), None)
    _strip_names(root)
    for page in writer.pages:
        _strip_names(page)
        for annotation in page.get("/Annots") or []:
            _strip_names(annotation.get_object())
    for obj in writer._objects:  # every object, pictures and drawings included
        _strip_names(obj)
    # Drop what nothing refers to any more; a pass drops one link of a chain (a file
    # specification, then the file it held), so until a pass drops nothing.
    while True:
        before = sum(obj is not None for obj in writer._objects)
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        if sum(obj is not None for obj in writer._objects) == before:
            break
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blind(file, content_type):
    """The file as a juror may read it: a song's tags (the artist's name, often the
    author's) and a PDF's metadata (its author's name) are left out of the copy sent;
    pictures were stored without metadata already. The stored entry stays as it came.
    Raises ``NotBlinded`` when they cannot be removed."""
    content_type = content_type or ""
    if content_type.startswith("audio/"):
        strip = untagged
    elif content_type == "application/pdf":
        strip = without_metadata
    else:
        return file
    try:
        with file.open("rb") as handle:
            return ContentFile(strip(handle.read()), name=file.name)
    except FileNotFoundError:
        return file  # send_file answers 404
    except Exception as error:  # a damaged or unusual file: never sent to a juror as it is
        logger.warning(
            "Could not remove the metadata of %s (%s: %s): not sent to the jury",
            file.name,
            error.__class__.__name__,
            error,
        )
        raise NotBlinded from error
