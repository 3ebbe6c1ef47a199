"""An index for Zoeken op achternaam (casework.search), on PostgreSQL.

The search asks for a municipality's signals whose surname starts with a text, case-insensitive
(`UPPER(surname) LIKE 'BERG%'`). `text_pattern_ops` lets that prefix use the index whatever the
database's collation; SQLite has no operator classes and searches a municipality's signals as
they are, which is fast enough at a municipality's size.
"""

from django.db import migrations

INDEX = "signal_surname_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON intake_signal "
            "(municipality_id, UPPER(surname::text) text_pattern_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("intake", "0005_ddas_choice_labels")]

    operations = [migrations.RunPython(create_index, drop_index)]
