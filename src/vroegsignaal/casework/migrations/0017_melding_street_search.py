"""An index for Zoeken op straat (casework.search), on PostgreSQL, as intake.0006 has for the
surname: `UPPER(street) LIKE 'STIJNPAD%'` within a municipality uses it whatever the collation;
SQLite searches a municipality's meldingen as they are."""

from django.db import migrations

INDEX = "melding_street_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON casework_melding "
            "(municipality_id, UPPER(street::text) text_pattern_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("casework", "0016_worklist_orders_on_current_round")]

    operations = [migrations.RunPython(create_index, drop_index)]
