"""An entry's file, sent from the private storage to those who judge it, and to nobody else."""

import logging

import mutagen
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


def _blind(file, content_type):
    """The file as a juror may hear it: a song's tags (the artist's name, often the author's)
    are left out of the copy sent; pictures were stored without metadata already."""
    if not (content_type or "").startswith("audio/"):
        return file
    try:
        with file.open("rb") as handle:
            return ContentFile(untagged(handle.read()), name=file.name)
    except FileNotFoundError:
        return file  # send_file answers 404
    except (mutagen.MutagenError, OSError, ValueError):
        logger.warning("Could not remove the tags of %s: sent without them checked", file.name)
        return file
