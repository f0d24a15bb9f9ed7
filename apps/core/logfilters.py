"""Logging filters: client mistakes are warnings of one line, not errors with a traceback."""

import logging


class ClientErrorFilter(logging.Filter):
    """For ``django.security``: a rejected Host header or a request with too many fields is
    the client's doing (scanners send thousands): log it as one WARNING line, so that real
    errors stand out."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
