"""A trigram index on the folded search text, on PostgreSQL only.

`search_text LIKE '%word%'` (what the list's search runs) can use a pg_trgm GIN index; SQLite
has no such index and scans the (small) table instead.
"""

from django.db import migrations

INDEX = "spaces_learningspace_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON spaces_learningspace "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
