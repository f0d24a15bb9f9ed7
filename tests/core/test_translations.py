"""Every user-visible string is translated in both catalogues, and the compiled files are fresh."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
LANGS = ["vi", "en"]

# The Makefile's `messages` target, to the letter.
MAKEMESSAGES_ARGS = [
    "makemessages",
    *("-l", "vi", "-l", "en"),
    "--no-obsolete",
    *("--ignore", ".venv/*", "--ignore", "bench/*", "--ignore", "tests/*"),
    *("--ignore", "node_modules/*"),
]
# makemessages runs them all; Django's own error for a missing one names xgettext only.
GETTEXT_TOOLS = ("xgettext", "msgmerge", "msguniq", "msgattrib")
# Top-level entries left out of the scratch tree: ignored by `make messages` anyway,
# or generated (collected static files, uploads, packaging metadata).
NOT_SOURCE = {"locale", "tests", "bench", "node_modules", "var", "media"}
_NOT_COPIED = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules")


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _translation(entry):
    return (entry.msgstr, sorted(entry.msgstr_plural.items()))


def _describe(key):
    msgctxt, msgid, msgid_plural = key
    text = repr(msgid) if not msgid_plural else f"{msgid!r} / {msgid_plural!r}"
    return text if msgctxt is None else f"[{msgctxt}] {text}"


def _listing(keys):
    return "\n".join(f"  {_describe(k)}" for k in sorted(keys, key=repr))


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {lang}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy[:10]}"
    assert len(po.translated_entries()) > 50


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_the_source(lang):
    """Every translated .po entry (plural forms and context included) is in the .mo with the
    same translation, and the .mo holds nothing else: a msgstr edited without compiling fails."""
    folder = LOCALE / lang / "LC_MESSAGES"
    compiled = polib.mofile(str(folder / "django.mo"))
    source = polib.pofile(str(folder / "django.po"))
    hint = f"run `manage.py compilemessages` and commit locale/{lang}/LC_MESSAGES/django.mo"

    assert compiled.metadata.get("Plural-Forms") == source.metadata.get("Plural-Forms"), hint
    expected = {_key(e): _translation(e) for e in source.translated_entries()}
    actual = {_key(e): _translation(e) for e in compiled if e.msgid}

    missing = expected.keys() - actual.keys()
    assert not missing, f"in django.po but not in django.mo ({lang}):\n{_listing(missing)}\n{hint}"
    extra = actual.keys() - expected.keys()
    assert not extra, (
        f"in django.mo but not translated in django.po ({lang}):\n{_listing(extra)}\n{hint}"
    )
    changed = {k for k in expected if expected[k] != actual[k]}
    assert not changed, (
        f"translated differently in django.mo ({lang}):\n{_listing(changed)}\n{hint}"
    )


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """`make messages` run into a scratch copy of locale/: {lang: the .po it would write}.

    makemessages walks the working directory and writes beside the first LOCALE_PATHS entry
    whose parent holds the file, so it runs in a scratch copy of the sources with a copy of
    locale/ and settings naming that copy. A copy, not links: makemessages writes work files
    beside each template it reads, which must never land in the checkout (where another test
    process may be running the same check).
    """
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: install GNU gettext (`make sysdeps`,"
            " or `apt-get install gettext`) to check the catalogues against the sources"
        )
    tree = tmp_path_factory.mktemp("makemessages")
    for entry in ROOT.iterdir():
        if (
            entry.name.startswith(".")
            or entry.name in NOT_SOURCE
            or entry.name.endswith(".egg-info")
        ):
            continue
        if entry.is_dir():
            shutil.copytree(entry, tree / entry.name, ignore=_NOT_COPIED)
        else:
            shutil.copy2(entry, tree / entry.name)
    shutil.copytree(LOCALE, tree / "locale")
    (tree / "makemessages_settings.py").write_text(
        f"from {settings.SETTINGS_MODULE} import *  # noqa: F403\n"
        f"LOCALE_PATHS = [{str(tree / 'locale')!r}]\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "makemessages_settings",
        "PYTHONPATH": os.pathsep.join([str(tree), str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    run = subprocess.run(
        [sys.executable, "-m", "django", *MAKEMESSAGES_ARGS],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, f"makemessages failed:\n{run.stdout}\n{run.stderr}"
    return {
        lang: polib.pofile(str(tree / "locale" / lang / "LC_MESSAGES" / "django.po"))
        for lang in LANGS
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_in_the_sources_is_translated(lang, fresh_catalogues):
    """A new {% translate %} or gettext string that `make messages` would add fails here."""
    committed = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    done = {_key(e) for e in committed.translated_entries()}
    known = {_key(e) for e in committed if not e.obsolete}
    wanted = {_key(e) for e in fresh_catalogues[lang] if not e.obsolete}
    absent = wanted - known
    not_done = (wanted & known) - done
    problems = (
        [f"not in locale/{lang}/LC_MESSAGES/django.po:\n{_listing(absent)}"] if absent else []
    )
    if not_done:
        problems.append(
            f"untranslated or fuzzy in locale/{lang}/LC_MESSAGES/django.po:\n{_listing(not_done)}"
        )
    assert not problems, "\n".join(
        [*problems, "run `make messages`, translate, then compilemessages"]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_has_no_string_the_sources_dropped(lang, fresh_catalogues):
    committed = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    stale = {_key(e) for e in committed if not e.obsolete} - {
        _key(e) for e in fresh_catalogues[lang]
    }
    assert not stale, (
        f"in locale/{lang}/LC_MESSAGES/django.po but no longer in the sources:\n{_listing(stale)}\n"
        "run `make messages` and commit locale/"
    )
