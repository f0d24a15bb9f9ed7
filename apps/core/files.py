"""Sending a stored file (evidence, a report) after the view has checked who may see it."""

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control

# An uploaded file is never a page of the portal: a polyglot (a "PDF" or "image" that is also
# HTML) opened at its address runs no script and reads nothing of the portal's origin.
UPLOAD_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def send_file(file, *, content_type, filename, attachment=False, public=False):
    """A response streaming ``file`` (a FieldFile) with headers safe for uploaded content.

    ``nosniff`` stops a browser from guessing another type; the sandboxing policy keeps any
    content from acting as a page of the portal; PDFs are downloaded (a browser's PDF viewer
    does not run in a sandboxed document). ``public=False`` (anything only some people may
    see) keeps it out of every shared cache. A file missing from the storage is a 404.
    """
    attachment = attachment or content_type == "application/pdf"
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=attachment, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = UPLOAD_CSP
    if not public:
        patch_cache_control(response, private=True, no_store=True)
    return response
