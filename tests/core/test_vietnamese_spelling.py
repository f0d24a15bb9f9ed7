"""One tone-mark convention in every Vietnamese text a visitor reads: the modern one.

In the open syllables oa, oe and uy the mark sits on the first vowel: hóa, hòa, họa, tọa,
khỏe, thủy, lũy (never hoá, hoà, hoạ, toạ, khoẻ, thuỷ, luỹ). Closed syllables (hoàn, toán,
xoắn) and qu + y (quý, quỳ) are the same in both conventions and never flagged.
"""

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_LETTER = r"[^\W\d_]"
# A vowel carrying the mark after o / u, at the end of the syllable (no letter follows),
# u not preceded by q (quý is a different syllable: qu + ý).
OLD_STYLE = re.compile(
    rf"{_LETTER}*(?:[oO][áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸ]|(?<![qQ])[uU][ýỳỷỹỵÝỲỶỸỴ])(?!{_LETTER})"
)


def old_style_words(text):
    return [match.group() for match in OLD_STYLE.finditer(unicodedata.normalize("NFC", text))]


def _po_msgstrs(path):
    """The translations of a .po file (msgstr lines and their continuations), by line number."""
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("msgstr"):
            inside = True
        elif not line.startswith('"'):
            inside = False
        if inside:
            yield number, line


def _lines(path):
    yield from enumerate(path.read_text(encoding="utf-8").splitlines(), 1)


def visitor_texts():
    """(file, line number, line) for every text in Vietnamese that a visitor can read."""
    yield from (
        ("locale/vi/LC_MESSAGES/django.po", n, line)
        for n, line in _po_msgstrs(ROOT / "locale/vi/LC_MESSAGES/django.po")
    )
    sources = [
        *sorted(ROOT.glob("apps/*/demo.py")),
        *sorted(ROOT.glob("fixtures/**/*.json")),
        *sorted(ROOT.glob("templates/**/*.html")),
        *sorted(ROOT.glob("templates/**/*.txt")),
    ]
    for path in sources:
        for number, line in _lines(path):
            yield str(path.relative_to(ROOT)), number, line


@pytest.mark.parametrize("word", ["hoá", "hoà", "Hoạ", "toạ", "khoẻ", "thuỷ", "luỹ", "Uỷ", "tuỳ"])
def test_an_old_style_tone_mark_is_found(word):
    assert old_style_words(f"Văn {word}, rồi") == [word]


def test_an_old_style_mark_written_with_combining_accents_is_found():
    assert old_style_words(unicodedata.normalize("NFD", "văn hoá")) == ["hoá"]


@pytest.mark.parametrize(
    "text",
    ["hoàn thành", "quý", "Quỳnh", "toán học", "khuya", "văn hóa", "hòa bình", "thủy", "oằn"],
)
def test_modern_placements_and_closed_syllables_are_not_flagged(text):
    assert old_style_words(text) == []


def test_every_vietnamese_text_a_visitor_reads_puts_the_tone_mark_the_modern_way():
    found = [
        f"{path}:{number}: {', '.join(words)}"
        for path, number, line in visitor_texts()
        if (words := old_style_words(line))
    ]
    assert not found, "Old-style tone marks (write hóa, hòa, khỏe, thủy…):\n" + "\n".join(found)
