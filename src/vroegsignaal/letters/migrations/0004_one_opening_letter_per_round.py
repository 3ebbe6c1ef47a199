"""One letter that opens a contact round per melding and round: the first letter's constraint
now covers the heropaf letter as well (`kinds.OPENING_LETTERS`).

Before the letter page withheld kinds that do not fit (commit 280e10e), a melding could get the
heropaf letter twice in one round, or a first letter and a heropaf letter in round 2. Such rows
record letters that really went out (each with its contact attempt), so the migration does not
delete or change them: it stops, naming the meldingen, and someone who knows the cases decides.
The demo makes no letters, so its data cannot hold them.
"""

from django.db import migrations, models
from django.db.models import Count

OPENING_LETTERS = ["eerste_brief", "heropaf"]


def refuse_second_opening_letters(apps, schema_editor):
    SentLetter = apps.get_model("letters", "SentLetter")
    twice = (
        SentLetter.objects.filter(kind__in=OPENING_LETTERS)
        .values("melding_id", "contact_round")
        .annotate(letters=Count("pk"))
        .filter(letters__gt=1)
        .order_by("melding_id", "contact_round")
    )
    found = [f"melding {row['melding_id']} round {row['contact_round']}" for row in twice]
    if found:
        raise RuntimeError(
            "Cannot add the constraint one_opening_letter_per_round: these meldingen have more "
            "than one opening letter (first letter or heropaf letter) in one contact round: "
            f"{', '.join(found)}. They record letters that were sent; decide per melding which "
            "SentLetter row to keep before migrating again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0003_dutch_field_labels"),
    ]

    operations = [
        migrations.RunPython(refuse_second_opening_letters, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="sentletter",
            name="one_first_letter_per_round",
        ),
        migrations.AddConstraint(
            model_name="sentletter",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind__in", ("eerste_brief", "heropaf"))),
                fields=("melding", "contact_round"),
                name="one_opening_letter_per_round",
            ),
        ),
    ]
