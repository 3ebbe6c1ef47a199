"""Referrals get the contact round they were made in: the number of heropaf reopenings of their
melding before them, plus one (the rounds are on the timeline as 'reopened' events)."""

from django.db import migrations, models


def set_rounds(apps, schema_editor):
    Referral = apps.get_model("casework", "Referral")
    Event = apps.get_model("casework", "Event")
    changed = []
    for referral in Referral.objects.filter(melding__contact_round__gt=1):
        reopenings = Event.objects.filter(
            melding_id=referral.melding_id, kind="reopened", created_at__lt=referral.created_at
        ).count()
        if reopenings:
            referral.contact_round = 1 + reopenings
            changed.append(referral)
    Referral.objects.bulk_update(changed, ["contact_round"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0012_dutch_field_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="contact_round",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="contactronde"),
        ),
        migrations.RunPython(set_rounds, migrations.RunPython.noop),
    ]
