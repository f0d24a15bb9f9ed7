"""Measurements are append-only in the database too, whatever code runs the SQL.

`Measurement.save()` and its QuerySet refuse edits and deletions, but a raw UPDATE, a
`_base_manager` update or a future bug would not go through them. These triggers refuse, on
SQLite and PostgreSQL alike:

- any change to what was recorded (the commitment, date, value, notes, evidence, who recorded it
  and when, what it corrects and why);
- a change of the review (status, approved by, approved at) once the figure is no longer
  pending: a figure is approved or rejected once;
- deleting a row.

PostgreSQL's TRUNCATE (what `manage.py flush` and the test database's reset run) is left alone;
on SQLite a flush is a DELETE, so the tests' flush lifts and restores the triggers
(tests/conftest.py). A later migration that makes SQLite rebuild the table (most changes to a
field) drops its triggers: create them again there (tests/commitments/test_guards.py fails
until then).
"""

from django.db import migrations

TABLE = "commitments_measurement"
RECORDED = (
    "id",
    "commitment_id",
    "valid_on",
    "value",
    "note",
    "note_vi",
    "note_en",
    "evidence",
    "recorded_by_id",
    "recorded_at",
    "corrects_id",
    "correction_reason",
)
REVIEW = ("status", "approved_by_id", "approved_at")
REWRITE = "Measurements are append-only: record a correction instead."
REVIEWED = "Only a pending measurement can be approved or rejected."
DELETE = "Measurements are append-only: they are never deleted."


def _changed(columns, distinct):
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in columns)


SQLITE_CREATE = [
    f"""
    CREATE TRIGGER {TABLE}_update_guard
    BEFORE UPDATE ON {TABLE}
    FOR EACH ROW
    BEGIN
        SELECT RAISE(ABORT, '{REWRITE}')
        WHERE {_changed(RECORDED, "IS NOT")};
        SELECT RAISE(ABORT, '{REVIEWED}')
        WHERE OLD.status IS NOT 'pending' AND ({_changed(REVIEW, "IS NOT")});
    END
    """,
    f"""
    CREATE TRIGGER {TABLE}_delete_guard
    BEFORE DELETE ON {TABLE}
    FOR EACH ROW
    BEGIN
        SELECT RAISE(ABORT, '{DELETE}');
    END
    """,
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_update_guard",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete_guard",
]

POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION '{DELETE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF {_changed(RECORDED, "IS DISTINCT FROM")} THEN
            RAISE EXCEPTION '{REWRITE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status <> 'pending' AND ({_changed(REVIEW, "IS DISTINCT FROM")}) THEN
            RAISE EXCEPTION '{REVIEWED}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$
    """,
    f"""
    CREATE TRIGGER {TABLE}_update_guard BEFORE UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_guard()
    """,
    f"""
    CREATE TRIGGER {TABLE}_delete_guard BEFORE DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_guard()
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_update_guard ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete_guard ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_guard()",
]

# vendor -> (statements that create the guards, statements that drop them)
GUARDS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
}


def _run(schema_editor, which):
    # Other databases are not supported by the portal; the model's own checks still hold there.
    statements = GUARDS.get(schema_editor.connection.vendor)
    if statements:
        for sql in statements[which]:
            schema_editor.execute(sql, params=None)


def create_guards(apps, schema_editor):
    _run(schema_editor, 0)


def drop_guards(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0003_move_existing_evidence")]

    operations = [migrations.RunPython(create_guards, drop_guards, elidable=False)]
