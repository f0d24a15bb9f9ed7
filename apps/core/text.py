"""Text helpers shared by every app: Vietnamese-aware folding for search, ASCII slugs and
CSV cells that spreadsheets do not run as formulas."""

import functools
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


# Vietnamese alphabetical order. The alphabet (TCVN 5712:1993 and CLDR's Vietnamese collation,
# which PostgreSQL's ICU collation `vi-x-icu` follows) puts the letters with a breve,
# circumflex, horn or stroke after their base letter: a ă â b c d đ e ê g h i k l m n o ô ơ p q
# r s t u ư v x y (f j w z, found in foreign names, where English has them). Tones are a second
# key, compared only between names with the same letters, in the standard order: ngang (no
# mark), huyền (grave), hỏi (hook above), ngã (tilde), sắc (acute), nặng (dot below). So
# "Ba" < "Bà" < "Bả" < "Bã" < "Bá" < "Bạ" < "Bác" < "Bắc" < "Bân".
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make another letter of the alphabet (a + breve = ă), not a tone.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_SEPARATORS = re.compile(r"[\W_]+")
_NUMBERS = re.compile(r"\d+")
# A name's key is three strings that compare as the standard says, character by character:
# letters (a space or punctuation before a number, a number before a letter, a Latin letter
# before any other script, as ICU does), then tones, then case. Each is made by one
# str.translate() over the name (fast enough to sort 11,000 names in a few milliseconds):
# spaces and numbers are first written as private-use marks that the tables turn into keys.
_SEPARATOR, _NUMBER, _DIGITS = 0xE001, 0xE002, 0xE030


def _number(match):
    digits = match.group().lstrip("0") or "0"  # by value: the longer number is the larger
    return chr(_NUMBER) + chr(_DIGITS + len(digits)) + digits.translate(_DIGIT_MARKS)


_DIGIT_MARKS = {ord(d): chr(_DIGITS + 0x100 + int(d)) for d in "0123456789"}


def _letter(char):
    """(primary, tone, case) of one character; a letter of another script is its own key."""
    code = ord(char)
    if code in (_SEPARATOR, _NUMBER):
        return chr(code - 0xE000), "", ""
    if _DIGITS <= code < _DIGITS + 0x200:
        return chr(0x30 + (code - _DIGITS) % 0x100), "", ""
    decomposed = unicodedata.normalize("NFD", char.translate({0xD0: "Đ", 0xF0: "đ"}))
    base, marks = decomposed[0], decomposed[1:]
    lower = base.lower()
    tone = 0
    for mark in marks:
        if (lower, mark) in _LETTER_MARKS:
            lower = _LETTER_MARKS[lower, mark]
        elif mark in _TONES:
            tone = _TONES[mark]
    rank = _LETTER_RANK.get(lower)
    primary = chr(0x41 + rank) if rank is not None else chr(0x100 + ord(lower))
    return primary, chr(0x30 + tone), "1" if base != base.lower() else "0"


class _Table(dict):
    """A str.translate() table filled on first use of each character."""

    def __init__(self, part):
        super().__init__()
        self.part = part

    def __missing__(self, code):
        value = self[code] = _letter(chr(code))[self.part]
        return value


_PRIMARY, _TONE, _CASE = _Table(0), _Table(1), _Table(2)


@functools.lru_cache(maxsize=65536)  # names change seldom; lists are sorted again often
def vi_sort_key(name):
    """A key that sorts names in Vietnamese alphabetical order (``sorted(names, key=…)``).

    Letters first (ă after a, đ after d, …), then the tones in the standard order, then
    lower case before upper case. Numbers compare by value, so "Tổ 2" comes before "Tổ 10".
    """
    text = _SEPARATORS.sub(chr(_SEPARATOR), unicodedata.normalize("NFC", str(name or "")).strip())
    if any(char.isdigit() for char in text):
        text = _NUMBERS.sub(_number, text)
    return text.translate(_PRIMARY), text.translate(_TONE), text.translate(_CASE)
