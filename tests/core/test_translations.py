"""Every user-visible string is translated in both catalogues, and the compiled files are fresh."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {lang}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy[:10]}"
    assert len(po.translated_entries()) > 50


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_compiled_catalogue_matches_the_source(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    compiled = polib.mofile(str(folder / "django.mo"))
    source = polib.pofile(str(folder / "django.po"))
    compiled_ids = {(e.msgctxt, e.msgid) for e in compiled if e.msgid}
    source_ids = {(e.msgctxt, e.msgid) for e in source.translated_entries()}
    assert source_ids == compiled_ids, "run `make messages` and commit locale/"
