"""Erase the personal data of a melding and the casework recorded on it (called by retention).

Kept, so monitoring and the DDAS export give the same figures: municipality, periods, flags,
partner types, amounts, dates, state, result, the resident's satisfaction cijfer (a number
from 1 to 10 identifies no one), queue, the kinds of contact attempts, referrals and budget
lines, the conversation's answers, cause, life domains and voorzieningencheck.
Replaced: the address by its PC4 and a keyed hash of the address key (privacy.pseudonyms), which
also replaces the address inside the melding key and the person keys. Blanked: street (with
its search key), city, house number and suffix, and every free text a caseworker typed (notes,
plan agreements, budget descriptions), also where an event repeats it.
The melding's signals are erased by intake.erasure; letters by letters.erasure.
"""

from __future__ import annotations

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
from vroegsignaal.privacy.pseudonyms import address_pseudonym

# Events whose details repeat a caseworker's free text, and the keys that hold it (the inzage
# review reads them too: privacy.inzage_free_texts).
EVENT_TEXT = {
    EventKind.BUDGET_LINE: ("description",),
    EventKind.REFERRAL: ("other",),
    EventKind.HANDOVER_MOVED: ("other",),
    EventKind.SIGNAL_NOT_RESIDENT: ("other",),
}


def is_erased(melding: Melding) -> bool:
    """True once `erase_melding` ran on it (its address key is a pseudonym)."""
    return melding.address_erased


@transaction.atomic
def erase_melding(melding: Melding) -> None:
    """Erase `melding`'s address and the free texts recorded on it; running it again is a no-op."""
    if is_erased(melding):
        return
    _erase_address(melding)
    ContactAttempt.objects.filter(melding=melding).update(note="")
    Conversation.objects.filter(melding=melding).update(note="")
    Referral.objects.filter(melding=melding).update(note="")
    BudgetLine.objects.filter(melding=melding).update(description="")
    NotResidentConfirmation.objects.filter(melding=melding).update(note="")
    for plan in Plan.objects.filter(melding=melding):
        plan.note = ""
        plan.ongoing_payments = dict.fromkeys(plan.ongoing_payments, "")
        plan.save(update_fields=["note", "ongoing_payments"])
    _erase_event_texts(melding)


def _erase_address(melding: Melding) -> None:
    old_key = melding.key
    pseudonym = address_pseudonym(melding.address_key)
    # Matching keys a melding 'code|period|address key': only the address part changes.
    if old_key.endswith(melding.address_key):
        melding.key = old_key.removesuffix(melding.address_key) + pseudonym
    melding.address_key = pseudonym
    melding.postcode = melding.postcode[:4]
    melding.house_number = 0
    melding.house_letter = ""
    melding.house_number_addition = ""
    melding.street = ""
    melding.city = ""
    # street_search is folded from the blanked street as it is saved.
    melding.save(
        update_fields=["key", "address_key", "postcode", "house_number", "house_letter",
                       "house_number_addition", "street", "street_search", "city"]
    )  # fmt: skip
    links = list(MeldingSignal.objects.filter(melding=melding))
    for link in links:
        # A person key is the melding key plus a signal id (matching.engine.run).
        if link.person_key.startswith(old_key):
            link.person_key = melding.key + link.person_key.removeprefix(old_key)
    update_rows(MeldingSignal, links, ["person_key"])


def _erase_event_texts(melding: Melding) -> None:
    events = list(Event.objects.filter(melding=melding, kind__in=list(EVENT_TEXT)))
    for event in events:
        for key in EVENT_TEXT[EventKind(event.kind)]:
            if key in event.details:
                event.details[key] = ""
    update_rows(Event, events, ["details"])
