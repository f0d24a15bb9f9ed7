"""Move evidence recorded before 0002 out of MEDIA_ROOT (where /media/ served it to anyone at
a guessable name) into the private storage, under a random name."""

import uuid

from django.db import migrations

KNOWN = {"pdf", "jpg", "png", "webp", "gif"}


def move_evidence(apps, schema_editor):
    from django.core.files.storage import storages

    Measurement = apps.get_model("commitments", "Measurement")
    public, private = storages["default"], storages["private"]
    rows = (
        Measurement._base_manager.exclude(evidence="")
        .exclude(evidence__startswith="evidence/")
        .values_list("pk", "evidence")
    )
    for pk, old in list(rows):
        if not public.exists(old):
            continue
        extension = old.rsplit(".", 1)[-1].lower() if "." in old else ""
        if extension not in KNOWN:
            extension = "bin"
        with public.open(old, "rb") as file:
            new = private.save(f"evidence/{uuid.uuid4().hex}.{extension}", file)
        # A plain update: measurements are append-only for people, this only moves the file.
        Measurement._base_manager.filter(pk=pk).update(evidence=new)
        public.delete(old)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0002_evidence_in_private_storage"),
    ]

    operations = [
        migrations.RunPython(move_evidence, migrations.RunPython.noop),
    ]
