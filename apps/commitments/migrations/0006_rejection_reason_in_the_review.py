"""The reason for a rejection, part of the review: set in the one review UPDATE, then fixed.

The append-only triggers of 0004 are replaced by the same triggers with `rejection_reason`
among the review columns: it may change while the figure is pending (in the review itself)
and never once it is approved or rejected. Adding the column makes SQLite rebuild the table,
which drops its triggers: they are dropped first and created again after (and the reverse
puts back those of 0004). This module has the interface of 0004 (TABLE, GUARDS,
create_guards, drop_guards): tests/conftest.py restores these guards after a flush.
"""

import importlib

from django.db import migrations, models

BEFORE = importlib.import_module("apps.commitments.migrations.0004_measurement_guards")

TABLE = BEFORE.TABLE
RECORDED = BEFORE.RECORDED
REVIEW = (*BEFORE.REVIEW, "rejection_reason")
_changed = BEFORE._changed

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER {TABLE}_update_guard
    BEFORE UPDATE ON {TABLE}
    FOR EACH ROW
    BEGIN
        SELECT RAISE(ABORT, '{BEFORE.REWRITE}')
        WHERE {_changed(RECORDED, "IS NOT")};
        SELECT RAISE(ABORT, '{BEFORE.REVIEWED}')
        WHERE OLD.status IS NOT 'pending' AND ({_changed(REVIEW, "IS NOT")});
    END
    """,
    BEFORE.SQLITE_CREATE[1],  # the delete guard, unchanged
]

POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION '{BEFORE.DELETE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF {_changed(RECORDED, "IS DISTINCT FROM")} THEN
            RAISE EXCEPTION '{BEFORE.REWRITE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status <> 'pending' AND ({_changed(REVIEW, "IS DISTINCT FROM")}) THEN
            RAISE EXCEPTION '{BEFORE.REVIEWED}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$
    """,
    *BEFORE.POSTGRESQL_CREATE[1:],  # the triggers calling it, unchanged
]

# vendor -> (statements that create the guards, statements that drop them)
GUARDS = {
    "sqlite": (SQLITE_CREATE, BEFORE.SQLITE_DROP),
    "postgresql": (POSTGRESQL_CREATE, BEFORE.POSTGRESQL_DROP),
}


def _run(schema_editor, which):
    statements = GUARDS.get(schema_editor.connection.vendor)
    if statements:
        for sql in statements[which]:
            schema_editor.execute(sql, params=None)


def create_guards(apps, schema_editor):
    _run(schema_editor, 0)


def drop_guards(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0005_text_limits"),
    ]

    operations = [
        migrations.RunPython(BEFORE.drop_guards, BEFORE.create_guards, elidable=False),
        migrations.AddField(
            model_name="measurement",
            name="rejection_reason",
            field=models.CharField(
                blank=True, max_length=500, verbose_name="reason for the rejection"
            ),
        ),
        migrations.RunPython(create_guards, drop_guards, elidable=False),
    ]
