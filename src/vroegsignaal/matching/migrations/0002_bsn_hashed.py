"""Client list and BRP extract keep a keyed hash of the BSN instead of the BSN (privacy.bsn)."""

from django.db import migrations, models

from vroegsignaal.privacy.bsn import bsn_hash

HELP = "privacy.bsn.bsn_hash van het BSN: vergelijkbaar, maar het BSN zelf staat er niet."


def hash_existing(apps, schema_editor):
    for name in ("KnownClient", "ResidentRecord"):
        model = apps.get_model("matching", name)
        # A hash has 39 digits, a BSN 9: only plain BSNs are converted, so this can run twice.
        for pk, bsn in model.objects.exclude(bsn="").values_list("pk", "bsn").iterator():
            if len(bsn) <= 9:
                model.objects.filter(pk=pk).update(bsn=bsn_hash(bsn))


def _field():
    return models.CharField(
        blank=True, help_text=HELP, max_length=39, verbose_name="BSN (sleutel-hash)"
    )


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="knownclient", name="bsn", field=_field()),
        migrations.AlterField(model_name="residentrecord", name="bsn", field=_field()),
        migrations.RunPython(hash_existing, migrations.RunPython.noop),
    ]
