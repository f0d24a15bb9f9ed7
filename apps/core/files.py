"""Sending a stored file (evidence, a report) after the view has checked who may see it."""

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control


def send_file(file, *, content_type, filename, attachment=False, public=False):
    """A response streaming ``file`` (a FieldFile) with headers safe for uploaded content.

    ``nosniff`` stops a browser from guessing another type; ``public=False`` (anything only
    some people may see) keeps it out of every shared cache. A file missing from the storage
    is a 404, not an error.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=attachment, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        patch_cache_control(response, private=True, no_store=True)
    return response
