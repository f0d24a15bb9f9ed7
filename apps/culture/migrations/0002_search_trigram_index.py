"""A trigram index on the clubs' folded search text, on PostgreSQL only (as spaces' 0002):
the site-wide search's word match and near match (pg_trgm) both use it."""

from django.db import migrations

INDEX = "culture_club_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON culture_club USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("culture", "0001_clubs_join_requests_and_dances")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
