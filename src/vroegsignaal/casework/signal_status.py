"""How the statuses of a melding's signals follow the casework (DDAS EnumSignaalstatus).

Only statuses casework decides are changed: a signal that matching already marked (for example
as herhaalde melding) keeps that status.
"""

from __future__ import annotations

from django.db.models import Q

from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.ddas import Eindresultaat, Signaalstatus
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.engine.classify import BRP_CHECK_BY_HAND

# The statuses casework decides: a signal the matching did not pick up has another (its
# reason), stays on the melding page with it, and no letter is written about it.
CASEWORK_STATUSES = (Signaalstatus.NOG_NIET_OPGEPAKT, Signaalstatus.OPGEPAKT)


def status_for_result(result: Eindresultaat) -> Signaalstatus:
    """The signal status a result implies: the same-named status ('Niet opgepakt: ...',
    overleden, geen inwoner, al bekend), otherwise 'Opgepakt'."""
    try:
        return Signaalstatus(str(result))
    except ValueError:
        return Signaalstatus.OPGEPAKT


def not_picked_up(melding: Melding) -> bool:
    """Whether ``melding`` was closed as not picked up before anyone picked it up: a no-go closed
    by matching, or closed with a 'Niet opgepakt' reason (overleden, geen inwoner, ...). No term
    ran for it, and no outcome goes to the creditor, so no heropaf follows."""
    return (
        melding.state == "closed"
        and melding.picked_up_on is None
        and status_for_result(melding.result) != Signaalstatus.OPGEPAKT
    )


# The end results that close a melding as not picked up: 'Niet opgepakt: ...', overleden, geen
# inwoner (meer), al bekend (every result whose signal status is not 'Opgepakt').
NOT_PICKED_UP_RESULTS = frozenset(
    result for result in Eindresultaat if status_for_result(result) != Signaalstatus.OPGEPAKT
)


def not_picked_up_q(prefix: str = "") -> Q:
    """``not_picked_up`` as a condition on the meldingen reached through ``prefix``."""
    return Q(**{
        prefix + "state": "closed", prefix + "picked_up_on__isnull": True,
        prefix + "result__in": [str(result) for result in NOT_PICKED_UP_RESULTS],
    })  # fmt: skip


# Closed in the first contact round with one of these results, the creditor hears it as it
# hears the BRP check of the matching (see ``no_longer_resident_or_died_in_first_round``); the
# words say why, on the melding page and in the refusal to plan a heropaf.
_TOLD_AS_NOT_PICKED_UP = {
    Eindresultaat.GEEN_INWONER: "de persoon geen inwoner (meer) is",
    Eindresultaat.OVERLEDEN: "de inwoner is overleden",
}


def no_longer_resident_or_died_in_first_round(melding: Melding) -> bool:
    """Whether ``melding`` was closed in its first contact round as 'Persoon is geen inwoner
    (meer)' or 'Inwoner is overleden', also after it was picked up (a missed home visit: the
    neighbours say she moved, or died).

    The creditor hears it as it hears the BRP check of the matching: a go/no-go correction to
    'niet opgepakt' with that reason, not an outcome, and no heropaf follows: nobody to follow
    up six months later (terugkoppeling.md). After a heropaf it is the new round's outcome."""
    return melding.contact_round == 1 and melding.result in _TOLD_AS_NOT_PICKED_UP


def no_longer_resident_or_died_in_first_round_q(prefix: str = "") -> Q:
    """``no_longer_resident_or_died_in_first_round`` as a condition on the meldingen reached
    through ``prefix`` (e.g. ``"signal__melding_link__melding__"``)."""
    return Q(**{prefix + "contact_round": 1, prefix + "result__in": list(_TOLD_AS_NOT_PICKED_UP)})


def confirmed_not_resident_q(prefix: str = "") -> Q:
    """The signals (reached through ``prefix``, e.g. ``"signal__"``) a caseworker confirmed as
    'geen inwoner (meer)' one by one (``casework.not_resident``): that status on a signal whose
    BRP note asked for the check (matching never gives such a signal that status itself), in a
    melding not closed as such. The creditor hears it as a go/no-go correction, as for the
    whole melding in its first round (``no_longer_resident_or_died_in_first_round``); a new
    matching run keeps it (``matching.adapter.period_signals``)."""
    confirmed = {
        prefix + "status": Signaalstatus.GEEN_INWONER,
        prefix + "brp_note__endswith": BRP_CHECK_BY_HAND,
    }
    return Q(**confirmed) & ~Q(
        **{prefix + "melding_link__melding__result": Eindresultaat.GEEN_INWONER}
    )


def why_told_as_not_picked_up(melding: Melding) -> str:
    """Why the creditor hears only 'niet opgepakt' for ``melding`` ('de inwoner is
    overleden'), or '' when the rule above does not apply."""
    if not no_longer_resident_or_died_in_first_round(melding):
        return ""
    return _TOLD_AS_NOT_PICKED_UP[melding.result]


def why_nobody_to_follow_up(melding: Melding) -> str:
    """Why no heropaf follows ``melding`` in whatever round it closed as 'Persoon is geen
    inwoner (meer)' or 'Inwoner is overleden' ('de inwoner is overleden'), or ''. After a
    heropaf the creditor hears it as the new round's outcome, but there is nobody left to
    follow up six months later."""
    return _TOLD_AS_NOT_PICKED_UP.get(melding.result, "")


def set_signal_statuses(melding: Melding, status: Signaalstatus) -> int:
    """Give the melding's signals whose status casework decides ``status``; returns how many."""
    # The melding's signal ids come from the link table's melding index; filtering through the
    # reverse relation instead makes PostgreSQL join intake_signal to itself for the UPDATE.
    signal_ids = MeldingSignal.objects.filter(melding=melding).values("signal_id")
    return Signal.objects.filter(id__in=signal_ids, status__in=CASEWORK_STATUSES).update(
        status=status
    )


def pick_up_changes(melding: Melding, on, *, help_accepted: bool) -> dict:
    """What the first contact attempt or conversation sets on the melding: the DDAS 'datum
    opgepakt' (round 1), the first action of a later contact round, and, when the resident
    accepts help, the acceptance date (start of the terms; a conversation held before it no
    longer counts as the first conversation)."""
    changes = {}
    if melding.picked_up_on is None:
        changes["picked_up_on"] = on
    if melding.round_due_on is not None and (
        melding.round_picked_up_on is None or on < melding.round_picked_up_on
    ):
        # A round after a heropaf reopening: its first action is done (casework.terms).
        changes["round_picked_up_on"] = on
    if help_accepted and melding.accepted_on is None:
        changes["accepted_on"] = on
        earlier = melding.first_conversation_on
        if earlier is not None and earlier < on:
            # The conversation term runs from acceptance (Wgs art. 4): a conversation before
            # it, in which help was declined, does not meet it; the next conversation will.
            changes["first_conversation_on"] = None
    return changes


def chain_fact_changes(
    melding: Melding, on, *, reached: bool, attempted: bool = False, accepted: bool = False
) -> dict:
    """What an attempt (``attempted``) or a conversation on ``on`` adds to the melding's chain
    facts: the earliest attempt, the earliest contact (``reached``) and help accepted in a
    conversation (``accepted``). They span every contact round; the monitoring counts them."""
    changes = {}
    if attempted and (melding.first_attempt_on is None or on < melding.first_attempt_on):
        changes["first_attempt_on"] = on
    if reached and (melding.first_contact_on is None or on < melding.first_contact_on):
        changes["first_contact_on"] = on
    if accepted and not melding.accepted_in_conversation:
        changes["accepted_in_conversation"] = True
    return changes


def follow_pick_up(melding: Melding, changes: dict) -> None:
    """When ``changes`` picked the melding up, its signals become 'Opgepakt'."""
    if "picked_up_on" in changes:
        set_signal_statuses(melding, Signaalstatus.OPGEPAKT)
