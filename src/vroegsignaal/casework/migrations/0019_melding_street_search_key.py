"""Zoeken finds a street whatever its accents ('Cobelstraat' finds Cöbelstraat): meldingen
keep a folded copy of the street (vroegsignaal.search_keys), filled here for the meldingen
already there. Its index replaces the one of 0017 on UPPER(street), under the same name."""

from django.conf import settings
from django.db import migrations, models

import vroegsignaal.search_keys
from vroegsignaal.search_keys import dropping_postgresql_index, filling_search_keys


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0018_contact_attempt_moment"),
        ("organisations", "0006_column_mapping_help_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="melding",
            name="street_search",
            field=vroegsignaal.search_keys.SearchKeyField(
                blank=True,
                default="",
                editable=False,
                max_length=120,
                source="street",
                verbose_name="zoeksleutel straat",
            ),
        ),
        filling_search_keys("casework", "Melding", "street_search"),
        dropping_postgresql_index(
            "melding_street_search",
            "casework_melding (municipality_id, UPPER(street::text) text_pattern_ops)",
        ),
        migrations.AddIndex(
            model_name="melding",
            index=models.Index(
                fields=["municipality", "street_search"],
                name="melding_street_search",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ),
    ]
