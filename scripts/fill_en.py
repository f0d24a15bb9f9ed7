"""Fill the English catalogue: the source strings are English, so each msgstr is its msgid.

Run after `make messages`; the Vietnamese catalogue is translated by hand.
"""

from pathlib import Path

import polib

path = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
po = polib.pofile(str(path))
for entry in po:
    # A fuzzy entry holds makemessages' guess from a similar string: replace it, never keep it.
    fuzzy = "fuzzy" in entry.flags
    if entry.msgid_plural:
        if fuzzy or not all(entry.msgstr_plural.values()):
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    elif fuzzy or not entry.msgstr:
        entry.msgstr = entry.msgid
    if fuzzy:
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
po.save()
print(f"{path}: {len(po.translated_entries())} entries")
