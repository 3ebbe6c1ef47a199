"""BSNs encrypted at rest with a keyed hash for look-ups (privacy.bsn): existing rows converted."""

from django.db import migrations, models

import vroegsignaal.privacy.bsn


def encrypt_existing(apps, schema_editor):
    # Here `bsn` is still a plain text column, so the stored value is the BSN itself.
    Signal = apps.get_model("intake", "Signal")
    for pk, bsn in Signal.objects.exclude(bsn="").values_list("pk", "bsn").iterator():
        if len(bsn) <= 9:
            Signal.objects.filter(pk=pk).update(
                bsn=vroegsignaal.privacy.bsn.encrypt(bsn),
                bsn_hash=vroegsignaal.privacy.bsn.bsn_hash(bsn),
            )


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_initial")]

    operations = [
        migrations.AlterField(
            model_name="signal",
            name="bsn",
            field=models.CharField(blank=True, max_length=200, verbose_name="burgerservicenummer"),
        ),
        migrations.AddField(
            model_name="signal",
            name="bsn_hash",
            field=models.CharField(blank=True, db_index=True, default="", max_length=39),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="signal",
            name="bsn",
            field=vroegsignaal.privacy.bsn.EncryptedBsnField(
                blank=True, max_length=200, verbose_name="burgerservicenummer"
            ),
        ),
        migrations.AlterField(
            model_name="signal",
            name="bsn_hash",
            field=vroegsignaal.privacy.bsn.BsnHashField(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                help_text="Om op BSN te zoeken en te vergelijken (privacy.bsn).",
                max_length=39,
                verbose_name="BSN (sleutel-hash)",
            ),
        ),
    ]
