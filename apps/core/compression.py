"""Compressed bodies: which encoding a client accepts, and the gzip and Brotli bodies themselves.

Used by the page cache (variants built once when a page is stored), by the middleware that
compresses uncached responses, and by published files (variants built with the file).
"""

import gzip
import hashlib

import brotli
from django.utils.text import compress_string

# Preferred first when a client accepts several at the same quality.
ENCODINGS = ("br", "gzip")
# Below this a compressed body saves less than the headers it costs.
MIN_SIZE = 1024
# Text only: images, PDFs, spreadsheets and archives are compressed already.
TEXT_TYPES = (
    "text/",
    "application/json",
    "application/geo+json",
    "application/javascript",
    "application/xml",
    "application/xhtml+xml",
    "application/manifest+json",
    "image/svg+xml",
)
# The identity body is acceptable unless refused: ranked below any encoding the client names.
_IDENTITY_DEFAULT = 0.001


def _quality(params):
    """The q-value of one ``Accept-Encoding`` item's parameters, or raise ValueError."""
    quality = 1.0
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            quality = float(value.strip())
            if not 0 <= quality <= 1:
                raise ValueError(value)
    return quality


def accepted_qualities(header):
    """``{coding: q}`` from an ``Accept-Encoding`` header; raises ValueError when malformed."""
    qualities = {}
    for item in header.split(","):
        coding, *params = item.split(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        if not all(c.isalnum() or c in "-_.*" for c in coding):
            raise ValueError(coding)
        qualities[coding] = _quality(params)
    return qualities


def choose_encoding(header, available=ENCODINGS):
    """The encoding to send for an ``Accept-Encoding`` header: "br", "gzip" or "" (identity).

    The highest q-value wins, ties going to Brotli, then gzip, then identity; ``q=0`` refuses
    a coding; ``*`` stands for any coding not named. A malformed header gets identity, which
    every client can read.
    """
    if not header:
        return ""
    try:
        qualities = accepted_qualities(header)
    except ValueError:
        return ""
    anything = qualities.get("*")

    def quality(coding):
        if coding in qualities:
            return qualities[coding]
        if anything is not None:
            return anything
        return _IDENTITY_DEFAULT if coding == "identity" else 0

    offered = [coding for coding in ENCODINGS if coding in available]
    ranked = [(quality(coding), -rank, coding) for rank, coding in enumerate(offered)]
    ranked.append((quality("identity"), -len(offered), ""))
    best_quality, _, best = max(ranked)
    return best if best_quality > 0 else ""


def is_compressible(content_type, size):
    """A text body of at least MIN_SIZE bytes."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return size >= MIN_SIZE and kind.startswith(TEXT_TYPES)


def gzip_body(body):
    """gzip at the highest level, with no timestamp: the same body always gives the same bytes."""
    return gzip.compress(body, compresslevel=9, mtime=0)


def brotli_body(body, quality=11):
    return brotli.compress(body, mode=brotli.MODE_TEXT, quality=quality)


# Brotli's best quality costs about 3 s a megabyte: files larger than this (open data at a
# hundred times the demo, several megabytes) are compressed at BIG_BROTLI_QUALITY, within a few
# per cent of the size in a fraction of the time.
BIG_BODY = 512 * 1024
BIG_BROTLI_QUALITY = 7


def variants(body, brotli_quality=11):
    """The compressed bodies of ``body`` by encoding, each kept only when it is smaller."""
    if len(body) > BIG_BODY:
        brotli_quality = min(brotli_quality, BIG_BROTLI_QUALITY)
    built = {"gzip": gzip_body(body), "br": brotli_body(body, brotli_quality)}
    return {coding: data for coding, data in built.items() if len(data) < len(body)}


def on_the_fly_gzip(body):
    """gzip for a response built for one request (possibly holding a person's data).

    Django's own: random bytes in the gzip header make the length differ from one response to
    the next (the "Heal the Breach" mitigation of BREACH, as in Django's GZipMiddleware).
    """
    return compress_string(body, max_random_bytes=100)


def weak_etag(body):
    """One validator for every encoding of the same content (a 304 holds whichever was sent)."""
    digest = hashlib.sha256(body).hexdigest()[:32]
    return f'W/"{digest}"'
