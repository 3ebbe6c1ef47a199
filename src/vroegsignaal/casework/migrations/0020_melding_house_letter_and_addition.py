"""A melding keeps its huisletter and huisnummertoevoeging apart, as its signals do, so every page
writes 93 with addition 2 as '93-2' (vroegsignaal.addresses), not '932'. `house_suffix` held them
glued ('B2'), which cannot be split back for sure; the existing meldingen take the two parts from
their first signal at the address, or, when no signal holds them any more, from the address
key's suffix read as intake reads a house number cell ('B2' is letter B and addition 2)."""

from django.db import migrations, models
from django.db.models.functions import Concat

from vroegsignaal.addresses import address_suffix
from vroegsignaal.intake.parsing import MAX_ADDITION_LENGTH, parse_house_number

_BATCH = 1000


def _split(house_number: int, suffix: str) -> tuple[str, str]:
    try:
        # Apart: glued, 93 with suffix 2 would read as house 932.
        _, letter, addition = parse_house_number(f"{house_number} {suffix}")
    except ValueError:
        return "", suffix[:MAX_ADDITION_LENGTH]
    return letter, addition


def _parts_from_signals(MeldingSignal, melding_ids) -> dict[int, list[tuple[str, str]]]:
    """Per melding: the (letter, addition) of its signals, in the order they came in."""
    parts: dict[int, list[tuple[str, str]]] = {}
    rows = (
        MeldingSignal.objects.filter(melding_id__in=melding_ids)
        .order_by("signal_id")
        .values_list("melding_id", "signal__house_letter", "signal__house_number_addition")
    )
    for melding_id, letter, addition in rows:
        parts.setdefault(melding_id, []).append((letter, addition))
    return parts


def fill_letter_and_addition(apps, schema_editor):
    Melding = apps.get_model("casework", "Melding")
    MeldingSignal = apps.get_model("casework", "MeldingSignal")
    # Only a real address key with a suffix ('7514BN|93|2'); an erased melding's is a pseudonym.
    with_suffix = list(
        Melding.objects.filter(address_key__contains="|")
        .exclude(address_key__endswith="|")
        .only("id", "address_key", "house_number")
    )
    for start in range(0, len(with_suffix), _BATCH):
        batch = with_suffix[start : start + _BATCH]
        signal_parts = _parts_from_signals(MeldingSignal, [m.pk for m in batch])
        for melding in batch:
            suffix = melding.address_key.rsplit("|", 1)[1]
            same = [p for p in signal_parts.get(melding.pk, []) if address_suffix(*p) == suffix]
            letter, addition = same[0] if same else _split(melding.house_number, suffix)
            melding.house_letter, melding.house_number_addition = letter, addition
        Melding.objects.bulk_update(batch, ["house_letter", "house_number_addition"])


def glue_letter_and_addition(apps, schema_editor):
    Melding = apps.get_model("casework", "Melding")
    Melding.objects.update(house_suffix=Concat("house_letter", "house_number_addition"))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0019_melding_street_search_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="melding",
            name="house_letter",
            field=models.CharField(blank=True, max_length=1, verbose_name="huisletter"),
        ),
        migrations.AddField(
            model_name="melding",
            name="house_number_addition",
            field=models.CharField(blank=True, max_length=10, verbose_name="huisnummertoevoeging"),
        ),
        migrations.RunPython(fill_letter_and_addition, glue_letter_and_addition),
        migrations.RemoveField(
            model_name="melding",
            name="house_suffix",
        ),
    ]
