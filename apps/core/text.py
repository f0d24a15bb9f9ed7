"""Text helpers shared by every app: Vietnamese-aware folding for search, ASCII slugs and
CSV cells that spreadsheets do not run as formulas."""

import re
import unicodedata

from django.utils.text import slugify

# Unicode decomposition leaves these letters whole; Vietnamese readers treat them as d/D.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_SPACES = re.compile(r"\s+")
# Bidirectional controls: they can make text read differently from what it holds
# ("Trojan Source"); public text never needs them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def drop_controls(text):
    """``text`` without control or format characters (a NUL, a bidirectional control, …),
    spaces kept: for text read from a query string and shown back or searched for."""
    return "".join(ch for ch in text if ch == " " or unicodedata.category(ch)[0] != "C")


def strip_bidi(text):
    """``text`` without bidirectional control characters (U+202A–202E, U+2066–2069)."""
    return BIDI_CONTROLS.sub("", text)


def fold(text):
    """Lower-case ``text`` and strip its diacritics, so ``Chiềng Đen`` becomes ``chieng den``.

    The same folding is applied to the stored text and to the visitor's query, so a search
    typed without diacritics (or in capitals) finds the accented name.
    """
    if not text:
        return ""
    text = str(text).translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def slugify_vi(text, max_length=80):
    """An ASCII slug in which đ/Đ become d (``Chiềng Đen`` -> ``chieng-den``)."""
    slug = slugify(fold(text))
    return slug[:max_length].strip("-")


# A spreadsheet reads a cell that starts with one of these as a formula (or, for tab and
# carriage return, may strip it and read what follows as one).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` for a CSV cell that a spreadsheet will show as text, never run as a formula.

    A string that starts with =, +, -, @, a tab or a carriage return gets a leading
    apostrophe (``=HYPERLINK(…)`` becomes ``'=HYPERLINK(…)``); anything else is returned as it
    is. Use it for free text (titles, notes), not for numbers: ``-5`` would become text.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return f"'{value}"
    return value
