"""A melding reopened by the heropaf keeps its new round's first action on the melding, so the
werkbakje list can show, filter and count it. Meldingen reopened before this migration get it
the way the melding page computed it: the policy's first-action days (default 14 calendar days)
from the last reopening on the timeline, met by the round's first attempt or conversation."""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

DEFAULT_FIRST_ACTION_DAYS = 14  # CaseworkPolicy.first_action_days' default


def set_round_first_actions(apps, schema_editor):
    Melding = apps.get_model("casework", "Melding")
    Event = apps.get_model("casework", "Event")
    CaseworkPolicy = apps.get_model("casework", "CaseworkPolicy")
    ContactAttempt = apps.get_model("casework", "ContactAttempt")
    Conversation = apps.get_model("casework", "Conversation")
    days = dict(CaseworkPolicy.objects.values_list("municipality_id", "first_action_days"))
    changed = []
    for melding in Melding.objects.filter(contact_round__gt=1).only(
        "id", "municipality_id", "contact_round"
    ):
        reopened = Event.objects.filter(melding_id=melding.pk, kind="reopened")
        moment = reopened.order_by("-created_at", "-id").values_list("created_at", flat=True)
        if not moment:
            continue
        started = timezone.localdate(moment[0])
        first_action = days.get(melding.municipality_id, DEFAULT_FIRST_ACTION_DAYS)
        melding.round_due_on = started + dt.timedelta(days=first_action)
        this_round = {"melding_id": melding.pk, "contact_round": melding.contact_round}
        done = [
            *ContactAttempt.objects.filter(**this_round).values_list("attempted_on", flat=True),
            *Conversation.objects.filter(**this_round).values_list("held_on", flat=True),
        ]
        melding.round_picked_up_on = min(done, default=None)
        changed.append(melding)
    Melding.objects.bulk_update(changed, ["round_due_on", "round_picked_up_on"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0013_referral_contact_round"),
    ]

    operations = [
        migrations.AddField(
            model_name="melding",
            name="round_due_on",
            field=models.DateField(
                blank=True,
                help_text="Na heropenen door de heropaf: de eerste actie van de nieuwe contactronde.",
                null=True,
                verbose_name="uiterlijk oppakken in deze contactronde",
            ),
        ),
        migrations.AddField(
            model_name="melding",
            name="round_picked_up_on",
            field=models.DateField(
                blank=True,
                help_text="Na heropenen door de heropaf: de eerste contactpoging of het eerste "
                "gesprek van de nieuwe contactronde.",
                null=True,
                verbose_name="opgepakt in deze contactronde",
            ),
        ),
        migrations.RunPython(set_round_first_actions, migrations.RunPython.noop),
    ]
