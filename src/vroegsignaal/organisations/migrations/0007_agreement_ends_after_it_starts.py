"""A convenant's 'geldig tot en met' is not before its 'geldig vanaf' (agreement_rules).

A convenant saved before with its end before its start is the legal basis for taking in
signals, so the migration does not guess its dates: it stops, naming the convenanten, and the
beheerder (who knows the agreement) corrects them in the beheeromgeving before migrating again.
"""

from django.db import migrations, models


def refuse_reversed_periods(apps, schema_editor):
    Agreement = apps.get_model("organisations", "Agreement")
    reversed_periods = Agreement.objects.filter(valid_to__lt=models.F("valid_from")).order_by("pk")
    found = [
        f"agreement {a.pk} (creditor {a.creditor_id}, municipality {a.municipality_id}: "
        f"{a.valid_from} to {a.valid_to})"
        for a in reversed_periods
    ]
    if found:
        raise RuntimeError(
            "Cannot add the constraint agreement_ends_after_it_starts: these agreements end "
            f"before they start: {', '.join(found)}. Correct their dates (or delete them) in "
            "the admin, Vastelastenpartners, before migrating again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0006_column_mapping_help_text"),
    ]

    operations = [
        migrations.RunPython(refuse_reversed_periods, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_to__isnull", True),
                    ("valid_to__gte", models.F("valid_from")),
                    _connector="OR",
                ),
                name="agreement_ends_after_it_starts",
                violation_error_message="Geldig tot en met ligt vóór geldig vanaf.",
            ),
        ),
    ]
