"""Zoeken and the privacy pages find a surname whatever its accents ('Noellering' finds
Noëllering): signals keep a folded copy of the surname (vroegsignaal.search_keys), filled here
for the signals already there. Its index replaces the one of 0006 on UPPER(surname), under the
same name."""

from django.db import migrations, models

import vroegsignaal.search_keys
from vroegsignaal.search_keys import dropping_postgresql_index, filling_search_keys


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0009_dutch_field_labels"),
        ("organisations", "0006_column_mapping_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="signal",
            name="surname_search",
            field=vroegsignaal.search_keys.SearchKeyField(
                blank=True,
                default="",
                editable=False,
                max_length=120,
                source="surname",
                verbose_name="zoeksleutel achternaam",
            ),
        ),
        filling_search_keys("intake", "Signal", "surname_search"),
        dropping_postgresql_index(
            "signal_surname_search",
            "intake_signal (municipality_id, UPPER(surname::text) text_pattern_ops)",
        ),
        migrations.AddIndex(
            model_name="signal",
            index=models.Index(
                fields=["municipality", "surname_search"],
                name="signal_surname_search",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ),
    ]
