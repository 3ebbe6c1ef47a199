"""Delivery reports get notices per row (DeliveryNotice: a value not taken over, the row itself
processed) and count the rows that repeated an earlier row of the same file (repeated_count; they
are left out of the download of rejected rows).

Only health insurers deliver a BSN (intake.validation.BSN_PARTNER_TYPES). Until now a BSN from
any partner was stored; those of the other partners are dropped here, with their hash."""

import django.db.models.deletion
from django.db import migrations, models

# The rule as it stood when this migration was written (intake.validation.BSN_PARTNER_TYPES).
_HEALTH_INSURER = "Zorg"


def drop_bsns_of_other_partners(apps, schema_editor):
    Signal = apps.get_model("intake", "Signal")
    Signal.objects.exclude(creditor__partner_type=_HEALTH_INSURER).exclude(bsn="").update(
        bsn="", bsn_hash=""
    )


class Migration(migrations.Migration):
    dependencies = [("intake", "0010_signal_surname_search_key")]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="repeated_count",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Geweigerde rijen met het klantnummer en de signaaldatum van een eerdere rij in hetzelfde bestand. Ze staan niet in de download van geweigerde rijen: opnieuw aangeleverd zouden ze het signaal van de eerdere rij vervangen.",
                verbose_name="herhaald",
            ),
        ),
        migrations.CreateModel(
            name="DeliveryNotice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("row", models.PositiveIntegerField(verbose_name="rij")),
                ("field", models.CharField(blank=True, max_length=50, verbose_name="veld")),
                ("message", models.CharField(max_length=300, verbose_name="melding")),
                (
                    "delivery",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notices",
                        to="intake.delivery",
                        verbose_name="aanlevering",
                    ),
                ),
            ],
            options={
                "verbose_name": "opmerking",
                "verbose_name_plural": "opmerkingen",
                "ordering": ["row", "id"],
                "abstract": False,
            },
        ),
        migrations.RunPython(drop_bsns_of_other_partners, migrations.RunPython.noop),
    ]
