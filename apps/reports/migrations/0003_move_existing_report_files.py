"""Move report files written before 0002 out of MEDIA_ROOT (served to anyone at /media/) into
the private storage, under the same names."""

from django.db import migrations

FIELDS = ("pdf", "data_csv", "data_xlsx")


def move_files(apps, schema_editor):
    from django.core.files.storage import storages

    ProgressReport = apps.get_model("reports", "ProgressReport")
    public, private = storages["default"], storages["private"]
    for row in ProgressReport._base_manager.values(*FIELDS):
        for name in (row[field] for field in FIELDS):
            if name and public.exists(name) and not private.exists(name):
                with public.open(name, "rb") as file:
                    private.save(name, file)
                public.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_reports_in_private_storage"),
    ]

    operations = [
        migrations.RunPython(move_files, migrations.RunPython.noop),
    ]
