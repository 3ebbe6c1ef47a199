"""Dutch wording of a released feedback item, for the portal pages."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from vroegsignaal.casework.deadlines import GO_NO_GO_WORKING_DAYS
from vroegsignaal.casework.models import Cause
from vroegsignaal.dutch_numbers import counted
from vroegsignaal.dutch_text import after_colon
from vroegsignaal.feedback.permitted import Perspective, own_customer_number

# In place of the klantnummer of a signal whose personal data were erased after the retention
# term (the list, the signal page, the download and the heropaf questions say the same).
CUSTOMER_NUMBER_REMOVED = "verwijderd na bewaartermijn"


def customer_number_text(customer_number: str) -> str:
    """The klantnummer as the creditor delivered it, or why it is no longer there."""
    return own_customer_number(customer_number) or CUSTOMER_NUMBER_REMOVED


def go_no_go_text(item: dict) -> str:
    """'Opgepakt', or 'Niet opgepakt' with the reason where one may be given: 'Niet opgepakt:
    inwoner is overleden' (the DDAS label goes on after the colon, in lower case)."""
    if item["picked_up"]:
        return "Opgepakt"
    if item["reason"]:
        return f"Niet opgepakt: {after_colon(item['reason'].removeprefix('Niet opgepakt: '))}"
    return "Niet opgepakt"


def corrected_on(item: dict | None) -> date | None:
    """The day a go/no-go was released as a correction of an earlier one; None for a first."""
    if not item or item["corrects"] is None:
        return None
    return timezone.localdate(item["released_at"])


def no_outcome_text(go: dict | None) -> str:
    """What the creditor reads while there is no outcome, after the current go/no-go.

    A go/no-go corrected to 'niet opgepakt' says so: the creditor was told a go before. One
    corrected to 'opgepakt' says the outcome follows after all: it was told none would.
    """
    if go and not go["picked_up"]:
        why = "bij nader inzien niet opgepakt" if go["corrects"] else "niet opgepakt"
        return f"Er komt geen uitkomst: het signaal is {why}."
    if go and go["corrects"]:
        return (
            "De gemeente heeft het signaal alsnog opgepakt; de uitkomst volgt als de melding "
            "is afgerond."
        )
    return "De uitkomst is nog niet bekend."


def awaiting_text(received_on: date, go_no_go_due: date | None, today: date) -> str:
    """Where a signal without feedback stands: 'Ontvangen op 27-11-2026; gematcht, wacht op
    vrijgave; go/no-go uiterlijk 04-12-2026', '(te laat)' after that day. Before matching
    there is no run to count from, so no day is promised."""
    received = f"Ontvangen op {received_on:%d-%m-%Y}"
    if go_no_go_due is None:
        return (
            f"{received}; nog niet gematcht; de go/no-go volgt uiterlijk "
            f"{GO_NO_GO_WORKING_DAYS} werkdagen na de matching"
        )
    late = " (te laat)" if today > go_no_go_due else ""
    return (
        f"{received}; gematcht, wacht op vrijgave; go/no-go uiterlijk {go_no_go_due:%d-%m-%Y}{late}"
    )


def known_text(item: dict) -> str | None:
    """Whether the resident is known to debt help; None when the agreement does not share it."""
    if item["known_to_debt_help"] is None:
        return None
    return "Ja" if item["known_to_debt_help"] else "Nee"


# The creditor hears the global cause as a category (domain.md, step 8). The caseworker's label
# "Ingrijpende gebeurtenis (scheiding, ziekte, overlijden)" lists personal circumstances, which
# the creditor is told are not shared; it gets the category alone.
_CAUSE_FOR_CREDITOR = {Cause.LIFE_EVENT: "Ingrijpende gebeurtenis"}


def cause_text(cause: str | None) -> str:
    """The global cause as the creditor sees it."""
    if not cause:
        return "Onbekend"
    return _CAUSE_FOR_CREDITOR.get(cause, Cause(cause).label)


# The outcome's day, under one name on the list, the signal page and in the download ("Bekend
# sinds", next to "Al bekend bij schuldhulp", read as known to debt help since that day).
OUTCOME_DATE_LABEL = "Datum uitkomst"
# When the latest item about a signal reached the creditor, on the list and in the download.
LAST_RELEASED_LABEL = "Laatst vrijgegeven op"
# The municipality of the signal, which fed back: on the list, the signal page and the download.
MUNICIPALITY_LABEL = "Gemeente"


CONTACT_LABEL = "Contact met de klant"
# The facts of an outcome that only a conversation gives, in the order portal and download show
# them (after the date and the contact). Whether help was accepted is not told (since
# 27-11-2026, QA12 B14; `permitted.WITHDRAWN_FIELDS`), also not of an outcome told before.
CONVERSATION_LABELS = (
    "Globale oorzaak",
    "Afspraak over de lopende betalingen",
    "Perspectief",
)
WITHOUT_CONTACT = (
    "Zonder contact weet de gemeente niet wat de oorzaak van de achterstand is en hoe het "
    "ervoor staat."
)


def had_no_contact(item: dict) -> bool:
    """The outcome says the municipality did not reach the customer. An outcome released
    before contact was told (November 2026) has no ``contact_made`` and says nothing either way."""
    return item.get("contact_made") is False


def contact_text(item: dict) -> str | None:
    """'Ja, ...', or 'Nee, geen contact gekregen (3 pogingen)'; None for an outcome released
    before contact was told."""
    if item.get("contact_made") is None:
        return None
    if item["contact_made"]:
        return "Ja, de gemeente heeft contact gehad met de klant"
    if not item["contact_attempts"]:
        return "Nee, geen contact gehad"
    return f"Nee, geen contact gekregen ({counted(item['contact_attempts'], 'poging', 'pogingen')})"


def outcome_facts(item: dict) -> dict[str, str | None]:
    """The outcome by label, in the order the portal shows it; None for what does not apply.

    Without contact nobody could ask about cause or perspective: what is unknown for
    that reason is None (left out on the page, empty in the download) rather than 'Onbekend',
    which reads as not filled in yet. The contact is None for an outcome told before it was.
    """

    def label(choices, value) -> str:
        return choices(value).label if value else "Onbekend"

    facts = {
        OUTCOME_DATE_LABEL: date.fromisoformat(item["outcome_date"]).strftime("%d-%m-%Y"),
        CONTACT_LABEL: contact_text(item),
        "Globale oorzaak": cause_text(item["cause"]),
        "Afspraak over de lopende betalingen": item["ongoing_payments"] or "Geen afspraak",
        "Perspectief": label(Perspective, item["perspective"]),
    }
    if had_no_contact(item):
        unknown = ("Onbekend", "Geen afspraak", Perspective.UNKNOWN.label)
        facts.update({key: None for key in CONVERSATION_LABELS if facts[key] in unknown})
    return facts


def outcome_rows(item: dict) -> list[tuple[str, str]]:
    """The outcome as (label, value) pairs, in the order the portal shows them; what does not
    apply is left out."""
    return [(label, value) for label, value in outcome_facts(item).items() if value is not None]
