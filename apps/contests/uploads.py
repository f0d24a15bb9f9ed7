"""An upload handler that stops a file at the contest's size limit without storing the rest.

A 200 MB upload is read and thrown away past the limit (nothing reaches the disk or the
memory), the other fields of the form are still parsed, and the page answers with the form as
it was typed and a clear message: the connection is never cut under the sender's feet.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload

# Beyond this a request is abuse, not a mistake: it is cut off without being read.
ABSOLUTE_LIMIT = 1024 * 1024 * 1024


class SizeLimitHandler(FileUploadHandler):
    """Skips any uploaded file larger than ``limit`` bytes and remembers which fields it skipped
    (``too_big``: field name -> the request's whole length, to say roughly how large it was)."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        self.too_big = {}
        self.request_length = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length or 0
        if self.request_length > ABSOLUTE_LIMIT:
            raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_big[self.field_name] = max(self.request_length, start + len(raw_data))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) keeps the file
