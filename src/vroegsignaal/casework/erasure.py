"""Erase the personal data of a melding and the casework recorded on it (called by retention).

Kept, so monitoring and the DDAS export give the same figures: municipality, periods, flags,
partner types, amounts, dates, state, result, the resident's satisfaction cijfer (a number
from 1 to 10 identifies no one), queue, the kinds of contact attempts, referrals and budget
lines, the conversation's answers, cause, life domains and voorzieningencheck.
Replaced: the address by its PC4 and a keyed hash of the address key (privacy.pseudonyms), which
also replaces the address inside the melding key and the person keys. Blanked: street (with
its search key), city, house number and suffix, and every free text a caseworker typed (notes,
plan agreements, budget descriptions), also where an event repeats it.
The melding's signals are erased by intake.erasure; letters by letters.erasure; feedback by
feedback.erasure. Each erases a batch of meldingen with one statement per table.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from vroegsignaal.bulk_rows import update_rows
from vroegsignaal.casework.models import (
    BudgetLine,
    ContactAttempt,
    Conversation,
    Event,
    EventKind,
    Melding,
    MeldingSignal,
    NotResidentConfirmation,
    Plan,
    Referral,
)
from vroegsignaal.privacy.pseudonyms import PREFIX, address_pseudonym
from vroegsignaal.search_keys import street_key

# Events whose details repeat a caseworker's free text, and the keys that hold it (the inzage
# review reads them too: privacy.inzage_free_texts).
EVENT_TEXT = {
    EventKind.BUDGET_LINE: ("description",),
    EventKind.REFERRAL: ("other",),
    EventKind.HANDOVER_MOVED: ("other",),
    EventKind.SIGNAL_NOT_RESIDENT: ("other",),
}
_ADDRESS_FIELDS = [
    "key", "address_key", "postcode", "house_number", "house_letter", "house_number_addition",
    "street", "street_search", "city",
]  # fmt: skip


def is_erased(melding: Melding) -> bool:
    """True once `erase_meldingen` ran on it (its address key is a pseudonym)."""
    return melding.address_erased


def erase_melding(melding: Melding) -> None:
    """Erase one melding (see `erase_meldingen`) and read it back; running it again is a no-op."""
    erase_meldingen([melding.pk])
    melding.refresh_from_db()


@transaction.atomic
def erase_meldingen(ids: Iterable[int]) -> int:
    """Erase the address and the free texts of the meldingen with these ids that are not erased
    yet, and return how many. One statement per table for all of them (retention passes a batch
    of a few hundred ids): a night that erases thousands of meldingen no longer runs several
    queries per melding. Running it again is a no-op."""
    meldingen = list(
        Melding.objects.filter(pk__in=list(ids))
        .exclude(address_key__startswith=PREFIX)
        .only("key", "address_key", "postcode")
    )
    if not meldingen:
        return 0
    ids = [melding.pk for melding in meldingen]
    _erase_addresses(meldingen)
    for model in (ContactAttempt, Conversation, Referral, NotResidentConfirmation):
        model.objects.filter(melding_id__in=ids).update(note="")
    BudgetLine.objects.filter(melding_id__in=ids).update(description="")
    plans = list(Plan.objects.filter(melding_id__in=ids).only("ongoing_payments"))
    for plan in plans:
        plan.note = ""
        plan.ongoing_payments = dict.fromkeys(plan.ongoing_payments, "")
    update_rows(Plan, plans, ["note", "ongoing_payments"])
    _erase_event_texts(ids)
    return len(meldingen)


def _erase_addresses(meldingen: list[Melding]) -> None:
    """The address becomes its PC4 and a pseudonym of its key, also inside the melding key and
    the person keys; the rest of it is blanked."""
    old_keys = {}
    for melding in meldingen:
        old_keys[melding.pk] = melding.key
        pseudonym = address_pseudonym(melding.address_key)
        # Matching keys a melding 'code|period|address key': only the address part changes.
        if melding.key.endswith(melding.address_key):
            melding.key = melding.key.removesuffix(melding.address_key) + pseudonym
        melding.address_key = pseudonym
        melding.postcode = melding.postcode[:4]
        melding.house_number = 0
        melding.house_letter = ""
        melding.house_number_addition = ""
        melding.street = ""
        melding.street_search = street_key("")  # as a save folds it from the blanked street
        melding.city = ""
    update_rows(Melding, meldingen, _ADDRESS_FIELDS)
    new_keys = {melding.pk: melding.key for melding in meldingen}
    links = list(
        MeldingSignal.objects.filter(melding_id__in=new_keys).only("melding", "person_key")
    )
    for link in links:
        # A person key is the melding key plus a signal id (matching.engine.run).
        old_key = old_keys[link.melding_id]
        if link.person_key.startswith(old_key):
            link.person_key = new_keys[link.melding_id] + link.person_key.removeprefix(old_key)
    update_rows(MeldingSignal, links, ["person_key"])


def _erase_event_texts(melding_ids: list[int]) -> None:
    events = list(
        Event.objects.filter(melding_id__in=melding_ids, kind__in=list(EVENT_TEXT)).only(
            "kind", "details"
        )
    )
    for event in events:
        for key in EVENT_TEXT[EventKind(event.kind)]:
            if key in event.details:
                event.details[key] = ""
    update_rows(Event, events, ["details"])
