"""The reason of a herhaalde melding, 'Eerder gemeld door dezelfde schuldeiser op 03-02-2025
(melding 14296)', named the earlier melding by its database number; users know it by its
kenmerk. Stored reasons now name it as the matching does: '(melding VS-14296)'. Reversed, they
name the number again."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace

from vroegsignaal.matching.engine.vocabulary import REFERENCE_PREFIX

BY_NUMBER = "(melding "
BY_KENMERK = f"(melding {REFERENCE_PREFIX}"


def _rewrite(apps, old: str, new: str) -> None:
    """Replace `old` by `new` in each stored reason with `old` followed by a number and ')':
    one UPDATE in the database, not a row per signal through Python."""
    Signal = apps.get_model("intake", "Signal")
    Signal.objects.filter(status_reason__regex=rf"{_escaped(old)}[0-9]+\)").update(
        status_reason=Replace("status_reason", Value(old), Value(new))
    )


def _escaped(text: str) -> str:
    # The same escape works in Python's re (SQLite) and in PostgreSQL's regular expressions.
    return text.replace("(", r"\(")


def name_the_kenmerk(apps, schema_editor):
    _rewrite(apps, BY_NUMBER, BY_KENMERK)


def name_the_number(apps, schema_editor):
    _rewrite(apps, BY_KENMERK, BY_NUMBER)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0008_brp_reason_names_the_municipality"),
        ("intake", "0012_signal_brp_name"),
    ]

    operations = [migrations.RunPython(name_the_kenmerk, name_the_number)]
