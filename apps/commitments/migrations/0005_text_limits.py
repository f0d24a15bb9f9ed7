"""Text a visitor reads gets a maximum length its model enforces (validators; the columns keep
their types).

The notes of measurements only gain a validator, which changes nothing in the table: Django
runs no SQL for it (`sqlmigrate commitments 0005` says "no-op"), so SQLite does not rebuild
`commitments_measurement` and its append-only triggers (0004) stay. They are created again at
the end all the same, so that no version of Django rebuilding the table could leave the
measurements unguarded (tests/commitments/test_guards.py checks them).
"""

import importlib

import django.core.validators
from django.db import migrations, models

GUARDS = importlib.import_module("apps.commitments.migrations.0004_measurement_guards")


def create_guards_again(apps, schema_editor):
    GUARDS.drop_guards(apps, schema_editor)
    GUARDS.create_guards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0004_measurement_guards"),
    ]

    operations = [
        migrations.AlterField(
            model_name="commitment",
            name="description",
            field=models.TextField(
                blank=True,
                max_length=5000,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="description",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="description_en",
            field=models.TextField(
                blank=True,
                max_length=5000,
                null=True,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="description",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="description_vi",
            field=models.TextField(
                blank=True,
                max_length=5000,
                null=True,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="description",
            ),
        ),
        migrations.AlterField(
            model_name="measurement",
            name="note",
            field=models.TextField(
                blank=True,
                max_length=2000,
                validators=[django.core.validators.MaxLengthValidator(2000)],
                verbose_name="note",
            ),
        ),
        migrations.AlterField(
            model_name="measurement",
            name="note_en",
            field=models.TextField(
                blank=True,
                max_length=2000,
                null=True,
                validators=[django.core.validators.MaxLengthValidator(2000)],
                verbose_name="note",
            ),
        ),
        migrations.AlterField(
            model_name="measurement",
            name="note_vi",
            field=models.TextField(
                blank=True,
                max_length=2000,
                null=True,
                validators=[django.core.validators.MaxLengthValidator(2000)],
                verbose_name="note",
            ),
        ),
        migrations.RunPython(create_guards_again, migrations.RunPython.noop, elidable=False),
    ]
