"""Text helpers shared by every app: Vietnamese-aware folding for search and ASCII slugs."""

import re
import unicodedata

from django.utils.text import slugify

# Unicode decomposition leaves these letters whole; Vietnamese readers treat them as d/D.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_SPACES = re.compile(r"\s+")


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
