"""The one place that decides which facts about a signal a creditor may learn (domain.md, step 8).

Go/no-go: whether the signal was picked up; the reason only for the four statuses the standard
feeds back (onterecht signaal, herhaalde melding, geen inwoner (meer), overleden); for 'andere
reden' nothing but 'not picked up'; 'known to debt help' only where the agreement allows it.
Outcome: whether the municipality had contact with the resident and after how many attempts
(the standard's contactpogingen, 'bereikt'; never how, when or by whom), the global cause,
the agreement on this creditor's ongoing payments, the perspective and the date. Never notes,
life domains, the budget, the free-text status reason, the result, whether the resident
accepted help (told until 27-11-2026, QA12 B14), names of caseworkers or any other personal
detail: those are simply not read here.

Release stores what these functions return; ``feedback_item`` is what portal and API show.
"""

from __future__ import annotations

from datetime import date

from django.db import models

from vroegsignaal.casework.contact import reached_in_current_round, unsuccessful_attempts
from vroegsignaal.casework.models import ContactAttempt, Conversation, Melding, Plan, YesNoUnknown
from vroegsignaal.casework.payments import agreement_with
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.organisations.models import Agreement, Creditor
from vroegsignaal.privacy.pseudonyms import is_pseudonym

REASONS_FED_BACK = frozenset(
    {
        Signaalstatus.ONTERECHT,
        Signaalstatus.HERHAALDE_MELDING,
        Signaalstatus.GEEN_INWONER,
        Signaalstatus.OVERLEDEN,
    }
)


class Perspective(models.TextChoices):
    ARREARS_ONLY = "alleen_achterstand", "Alleen een betalingsachterstand"
    PROBLEMATIC_DEBTS = "problematische_schulden", "Problematische schulden"
    UNKNOWN = "onbekend", "Onbekend"


_PERSPECTIVE_BY_DEBTS = {
    YesNoUnknown.YES: Perspective.PROBLEMATIC_DEBTS,
    YesNoUnknown.NO: Perspective.ARREARS_ONLY,
}

ENVELOPE_FIELDS = (
    "id",
    "signal_id",
    "customer_number",
    "customer_number_removed",
    "signal_date",
    "kind",
    "contact_round",
    "released_at",
    "corrects",
)
GO_NO_GO_FIELDS = ("picked_up", "reason", "known_to_debt_help")
# Told until 27-11-2026, though domain.md (step 8) does not list it: whether the resident
# accepted help concerns the resident, not the arrears. The API keeps the key for the systems
# built on it, always null; outcomes released before still store it and are never modified,
# so it is never read from what is stored.
WITHDRAWN_FIELDS = ("help_accepted",)
# contact_* last: added in November 2026, after systems were built on the others.
OUTCOME_FIELDS = (
    "cause",
    "ongoing_payments",
    "perspective",
    "outcome_date",
    "contact_made",
    "contact_attempts",
)
# The municipality of the creditor's own signal: the one that feeds back (QA14 B12). The creditor
# delivered the address, so this tells it nothing about the resident it did not know. Last: added
# after systems were built on the others.
MUNICIPALITY_FIELDS = ("municipality_code", "municipality_name")
FEEDBACK_FIELDS = (
    ENVELOPE_FIELDS + GO_NO_GO_FIELDS + WITHDRAWN_FIELDS + OUTCOME_FIELDS + MUNICIPALITY_FIELDS
)
_CONTENT_FIELDS = {FeedbackKind.GO_NO_GO: GO_NO_GO_FIELDS, FeedbackKind.OUTCOME: OUTCOME_FIELDS}


def go_no_go(status: str, share_known_client_status: bool) -> dict:
    """What the creditor may learn from a signal's status once matching has decided it.

    ``share_known_client_status`` is the agreement's setting; without it 'al bekend bij
    schuldhulpverlening' is told exactly like 'andere reden': not picked up, no reason.
    """
    known = status == Signaalstatus.AL_BEKEND
    reason = None
    if status in REASONS_FED_BACK or (known and share_known_client_status):
        reason = str(status)
    return {
        "picked_up": status == Signaalstatus.OPGEPAKT,
        "reason": reason,
        "known_to_debt_help": known if share_known_client_status else None,
    }


def may_learn_known_status(creditor_id: int) -> bool:
    """Whether any agreement of the creditor, of any period, lets the municipality say that a
    resident is known to debt help; without one the creditor is never told, for any signal."""
    return Agreement.objects.filter(
        creditor_id=creditor_id, share_known_client_status=True
    ).exists()


def reached_among(meldings: list[Melding]) -> set[int]:
    """The ids of ``meldings`` whose resident was reached in the current contact round, in
    casework's one meaning of reached: one query for a whole release."""
    return set(
        Melding.objects.filter(pk__in=[melding.pk for melding in meldings])
        .filter(reached_in_current_round())
        .values_list("pk", flat=True)
    )


def contact_in_round(melding: Melding, reached: bool, attempts: list[ContactAttempt]) -> dict:
    """Whether the municipality had contact with the resident in the melding's current contact
    round (``reached``, from ``reached_among``) and how many attempts it made in it
    (``attempts``, the round's; a card left after a missed visit belongs to that visit). The
    creditor decides on it whether to resume collection; the resident's inzage promises that
    the creditor hears it."""
    failed = unsuccessful_attempts(attempts, melding.contact_round)
    return {
        "contact_made": reached,
        "contact_attempts": failed + sum(attempt.reached for attempt in attempts),
    }


def outcome(
    creditor: Creditor,
    outcome_date: date,
    conversation: Conversation | None,
    plan: Plan | None,
    contact: dict,
) -> dict:
    """What the creditor may learn from the casework of a closed melding; ``contact`` is
    ``contact_in_round`` of the melding.

    Only this creditor's own line of the agreements on ongoing payments is passed on, found by
    its id (never its name, which can change or be shared). Whether help was accepted is not
    passed on (``WITHDRAWN_FIELDS``).
    """
    payments = agreement_with(plan, creditor) if plan else ""
    debts = plan.problematic_debts if plan else YesNoUnknown.UNKNOWN
    return {
        "cause": conversation.cause if conversation else None,
        "ongoing_payments": payments or None,
        "perspective": _asked(
            str(_PERSPECTIVE_BY_DEBTS.get(debts, Perspective.UNKNOWN)), contact["contact_made"]
        ),
        "outcome_date": outcome_date.isoformat(),
        "contact_made": contact["contact_made"],
        "contact_attempts": contact["contact_attempts"],
    }


def _asked(perspective: str | None, contact_made: bool | None) -> str | None:
    """The perspective, or None when the municipality had no contact: nobody asked, so it is
    left out like the cause (portal, download and API alike), not 'onbekend',
    which says the caseworker asked and could not tell."""
    return None if contact_made is False else perspective


def own_customer_number(customer_number: str) -> str | None:
    """The creditor's klantnummer of a signal; None once the retention job has replaced it by a
    keyed hash (intake.erasure), which means nothing to the creditor and is never shown."""
    return None if is_pseudonym(customer_number) else customer_number


def feedback_item(feedback: SignalFeedback) -> dict:
    """The released feedback as portal and API show it: exactly ``FEEDBACK_FIELDS``.

    The stored content is filtered again by kind, so a stray key can never reach a creditor,
    nor the answer about help that outcomes released before 27-11-2026 still hold
    (``WITHDRAWN_FIELDS``: always None).
    Callers read ``feedback.signal`` with its municipality (select_related): a list of
    items must not ask for each one's municipality apart.
    After the retention term a signal keeps only a keyed hash of its klantnummer
    (intake.erasure), which means nothing to the creditor: ``customer_number`` is then None and
    ``customer_number_removed`` True.
    """
    allowed = _CONTENT_FIELDS[FeedbackKind(feedback.kind)]
    item = dict.fromkeys(GO_NO_GO_FIELDS + WITHDRAWN_FIELDS + OUTCOME_FIELDS)
    item.update({key: feedback.content.get(key) for key in allowed})
    signal = feedback.signal
    customer_number = own_customer_number(signal.customer_number)
    item.update(
        id=feedback.pk,
        signal_id=signal.pk,
        customer_number=customer_number,
        customer_number_removed=customer_number is None,
        signal_date=signal.signal_date.isoformat(),
        kind=feedback.kind,
        contact_round=feedback.contact_round,
        released_at=feedback.released_at,
        corrects=feedback.corrects_id,
        municipality_code=signal.municipality.code,
        municipality_name=signal.municipality.name,
    )
    # Outcomes released before 27 November 2026 stored 'onbekend' without contact.
    item["perspective"] = _asked(item["perspective"], item["contact_made"])
    return item
