"""A signal joined to an earlier melding as herhaalde melding got a person key of its own (the
engine links persons only within one run), so the melding page and the letters counted its
resident twice or more (QA9 B2: Y. Meis twice on VS-20511, J.H.T. van de Plas three times on
melding 888 of the demo). Since then a run gives it the person of the customer's earliest
signal in that melding (`matching.joined_repeats`); this migration does the same for stored
links, and for the signals the engine had linked to it in its run. Reversing leaves them be:
the old keys said nothing a caseworker needs."""

from django.db import migrations

BATCH = 1000


def take_the_earlier_person(apps, schema_editor):
    MeldingSignal = apps.get_model("casework", "MeldingSignal")
    meldingen = list(
        MeldingSignal.objects.filter(attached_as_repeat=True)
        .values_list("melding_id", flat=True)
        .distinct()
        .order_by("melding_id")
    )
    for start in range(0, len(meldingen), BATCH):
        links = list(
            MeldingSignal.objects.filter(melding_id__in=meldingen[start : start + BATCH])
            .select_related("signal")
            .order_by("signal__signal_date", "signal_id")
        )
        MeldingSignal.objects.bulk_update(_retaken(links), ["person_key"], batch_size=BATCH)


def _retaken(links) -> list:
    """The joined links whose person key changes to that of the earlier signal of their
    creditor and customer in the same melding (links in signal-date order)."""

    def customer(link):
        return link.melding_id, link.signal.creditor_id, link.signal.customer_number

    def own_person(link):
        return link.melding_id, link.person_key or f"signal {link.signal_id}"

    earliest = {}
    for link in links:
        if not link.attached_as_repeat and link.person_key:
            earliest.setdefault(customer(link), link.person_key)
    taken = {}
    for link in links:
        if link.attached_as_repeat and customer(link) in earliest:
            taken.setdefault(own_person(link), earliest[customer(link)])
    changed = []
    for link in links:
        new_key = taken.get(own_person(link)) if link.attached_as_repeat else None
        if new_key and new_key != link.person_key:
            link.person_key = new_key
            changed.append(link)
    return changed


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0009_repeat_reason_names_the_kenmerk"),
        ("casework", "0025_event_kind_repeat_joined"),
    ]

    operations = [migrations.RunPython(take_the_earlier_person, migrations.RunPython.noop)]
