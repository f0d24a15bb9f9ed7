"""The PostgreSQL extensions the site-wide search needs (nothing on SQLite).

``unaccent`` folds model texts in the database as ``apps.core.text.fold`` does in Python
(``apps.core.search.Folded``); ``pg_trgm`` finds near matches (a typo) and indexes the folded
``search_text`` columns. Both are trusted extensions: a role that may create a database may
create them.
"""

from django.db import migrations


def create_extensions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_outbox_and_language_of_emails")]

    operations = [
        migrations.RunPython(create_extensions, migrations.RunPython.noop, elidable=False)
    ]
