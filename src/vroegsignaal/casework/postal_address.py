"""Whether a letter can be sent to a melding's address.

straat and woonplaats are optional in a delivery (aanleverformaat.md), and the matching takes
them from the signals that have them (`matching.services._address_details`). Without them a
letter would be addressed '5A' above '7421 CD' (QA14 B13): the melding page says so, and the
letters that go by post are refused with the same words (`letters.services`). A card, left at
the door, is made without the incomplete address; its preview says where the address would be
why no letter goes by post (`card_preview_notice`), and the letter page says it once, above the
kinds it cannot offer (`SEE_ABOVE`).
"""

from __future__ import annotations

from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding
from vroegsignaal.dutch_text import listed


def missing_for_post(melding: Melding) -> list[str]:
    """The parts of the address a letter needs and the melding lacks: 'straat', 'woonplaats'.
    None of an address erased after the retention term: no letter goes there anyway."""
    if melding.address_erased:
        return []
    return [part for part, value in (("straat", melding.street), ("woonplaats", melding.city))
            if not value]  # fmt: skip


def why_no_letter(melding: Melding) -> str:
    """Why no letter can be sent to ``melding``'s address, and what to do; '' when one can."""
    missing = missing_for_post(melding)
    if not missing:
        return ""
    parts = listed(f"de {part}" for part in missing)
    verb, them = ("ontbreekt", "die") if len(missing) == 1 else ("ontbreken", "ze")
    return (
        f"Geen brief mogelijk: van het adres {verb} {parts}; de signaalpartners leverden {them} "
        "niet aan. Neem op een andere manier contact op (huisbezoek, telefoon), of vraag via het "
        f"meldpunt de signaalpartner het signaal opnieuw aan te leveren met {parts}: na opnieuw "
        "matchen staat het adres compleet op de melding."
    )


def open_melding_warning(melding: Melding) -> str:
    """The warning the melding page and the letter page show: `why_no_letter` while the
    melding is open (a closed one gets no letter anyway)."""
    return "" if melding.state == State.CLOSED else why_no_letter(melding)


# What the letter page says under each letter by post it cannot offer: the reason stands above.
SEE_ABOVE = "Er is geen volledig adres voor de post (zie hierboven)."


def card_preview_notice(melding: Melding) -> str:
    """What the preview of a card for ``melding`` shows below the name, where a letter has its
    address: why no letter goes by post and what to do; '' when the address is complete."""
    why = why_no_letter(melding)
    if not why:
        return ""
    return (
        f"Alleen in dit voorbeeld, niet op het kaartje: {why} Een kaartje laat u aan de deur "
        "achter; het noemt daarom alleen de naam, zonder onvolledig adres."
    )
