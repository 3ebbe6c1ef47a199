"""Heropaf: some months after the creditor was informed, check whether payments are regular.

Only the feedback release calls ``schedule_heropaf``: it is what informs the creditor, and it
asks each creditor the heropaf question at the same time (domain.md step 9, terugkoppeling.md).
No person plans one by hand, so the melding never claims a creditor was informed when no release
did. From the heropaf date the melding is in the Heropaf queue; the answers complete it or reopen
it, and a caseworker may decide from that date on (``check_heropaf_decidable``): payments are
regular again (``complete_heropaf``, only when every asked creditor said 'ja':
``answers_show_payments``), not (``reopen_by_heropaf``, a new contact round), or closed without
that answer (``close_heropaf_unanswered``): the timeline then says nobody established it, and a
'nee' that still comes reopens the melding (feedback's ``answer_check``; QA15 B1).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from vroegsignaal.casework import events
from vroegsignaal.casework.deadlines import (
    DeadlineState,
    Term,
    WorkingCalendar,
    deadline_state,
    due_date,
)
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.policy import calendar_for, policy_for
from vroegsignaal.casework.signal_status import (
    not_picked_up,
    why_nobody_to_follow_up,
    why_told_as_not_picked_up,
)
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.organisations.models import User


def heropaf_applies(melding: Melding) -> bool:
    """A heropaf follows the outcome told to the creditor: only for a closed, picked-up melding
    whose resident is still there to follow up (not closed as 'geen inwoner (meer)' or
    'overleden', in any round)."""
    return (
        melding.state == State.CLOSED
        and not not_picked_up(melding)
        and not why_nobody_to_follow_up(melding)
    )


def check_heropaf_applies(melding: Melding) -> None:
    """Raise, with the reason in Dutch, when ``melding`` gets no heropaf (``heropaf_applies``)."""
    if melding.state != State.CLOSED:
        raise CaseworkError(
            "Sluit de melding eerst af: de heropaf volgt op de uitkomst aan de signaalpartner."
        )
    if not_picked_up(melding):
        raise CaseworkError("Deze melding is niet opgepakt; er volgt geen heropaf.")
    if why := why_told_as_not_picked_up(melding):
        raise CaseworkError(
            f"De signaalpartner hoort alleen dat het signaal niet is opgepakt, omdat {why}; "
            "er volgt geen heropaf."
        )
    if why := why_nobody_to_follow_up(melding):
        raise CaseworkError(
            f"De uitkomst gaat naar de signaalpartners, maar er volgt geen heropaf, omdat {why}."
        )


def schedule_heropaf(
    melding: Melding, feedback_date: date, calendar: WorkingCalendar | None = None
) -> date:
    """Record that the feedback release informed the creditor on ``feedback_date`` and plan
    the heropaf (the release's only; see the module docstring).

    Only a closed melding that was picked up gets a heropaf. The heropaf date is the
    municipality's heropaf term (default 6 months) after the feedback.
    """
    check_heropaf_applies(melding)
    terms = policy_for(melding.municipality).deadline_policy()
    # On a day the municipality works: not on its own closed days either (``calendar``: its
    # ``calendar_for``, which a release of many meldingen reads once per municipality).
    calendar = calendar or calendar_for(melding.municipality_id)
    due = due_date(Term.HEROPAF, feedback_date, calendar, terms)
    with transaction.atomic():
        update_melding(melding, melding.version, feedback_on=feedback_date, heropaf_due_on=due)
        events.heropaf_scheduled(melding, None, feedback_date, due)
    return due


def heropaf_due(meldingen: QuerySet[Melding], today: date) -> QuerySet[Melding]:
    """The closed meldingen whose heropaf date has come: the Heropaf queue."""
    return meldingen.filter(state=State.CLOSED, heropaf_due_on__lte=today)


def _unanswered_checks() -> QuerySet:
    # The feedback app's HeropafCheck, reached through the relation: casework does not import
    # feedback (feedback calls casework).
    checks = Melding._meta.get_field("heropaf_checks").related_model.objects
    return checks.filter(melding=OuterRef("pk"), contact_round=OuterRef("contact_round"), answer="")


def partner_answer_due() -> Subquery:
    """An annotation: the last day a creditor may still answer the current round's heropaf
    question (None when every asked creditor answered, or none was asked)."""
    latest = _unanswered_checks().order_by("-answer_due_on").values("answer_due_on")[:1]
    return Subquery(latest)


def awaiting_partner(today: date) -> Q:
    """A condition on meldingen: a creditor may still answer the heropaf question on ``today``,
    so the heropaf is not overdue yet."""
    return Q(Exists(_unanswered_checks().filter(answer_due_on__gte=today)))


def heropaf_term_state(
    melding: Melding, today: date, answer_due: date | None
) -> tuple[DeadlineState, date | None]:
    """Where the heropaf of ``melding`` stands on ``today``, and until when the creditors may
    answer when that is what it waits for. From the heropaf date the creditors have their
    answer term (``answer_due``, ``partner_answer_due``); only after it is the heropaf overdue."""
    due = melding.heropaf_due_on
    if answer_due is not None and due <= today <= answer_due:
        return DeadlineState.AWAITING_PARTNER, answer_due
    return deadline_state(due, today), None


def answer_due_of(melding: Melding) -> date | None:
    """``partner_answer_due`` of one melding."""
    return Melding.objects.filter(pk=melding.pk).values_list(partner_answer_due(), flat=True)[0]


def _check_planned(melding: Melding) -> None:
    if melding.heropaf_due_on is None:
        raise CaseworkError("Voor deze melding is geen heropaf gepland.")


def heropaf_decidable(melding: Melding, today: date) -> bool:
    """Whether a caseworker may decide the planned heropaf of ``melding`` on ``today``: from
    the heropaf date, when the creditors are asked. (Before it, only the creditors' answers
    decide; every answer in decides by itself.)"""
    return melding.heropaf_due_on is not None and today >= melding.heropaf_due_on


def check_heropaf_decidable(melding: Melding, today: date) -> None:
    """Raise, in Dutch, when a caseworker may not decide the heropaf yet (``heropaf_decidable``):
    before the heropaf date no creditor has been asked whether the payments run again."""
    _check_planned(melding)
    if not heropaf_decidable(melding, today):
        raise CaseworkError(
            f"De heropaf is gepland op {melding.heropaf_due_on:%d-%m-%Y}. Pas vanaf die datum "
            "krijgen de signaalpartners de vraag of de betalingen weer lopen; afronden of "
            "heropenen kan vanaf dan."
        )


def _round_checks(melding: Melding) -> QuerySet:
    return melding.heropaf_checks.filter(contact_round=melding.contact_round)


def answers_show_payments(melding: Melding) -> bool:
    """Whether the answers of the current round support 'Betalingen lopen weer': at least one
    signal partner was asked, and every one asked said 'ja'."""
    checks = _round_checks(melding)
    return checks.exists() and not checks.exclude(answer="ja").exists()


def not_answered(melding: Melding) -> list[str]:
    """The signal partners asked in the current round that gave no answer, by name."""
    names = _round_checks(melding).filter(answer="").values_list("creditor__name", flat=True)
    return sorted(names)


def complete_heropaf(
    melding: Melding,
    by: User | None,
    expected_version: int,
    by_partners: bool = False,
    today: date | None = None,
) -> Melding:
    """The creditor reports regular payments: the heropaf is done, the melding stays closed.
    ``by`` is the caseworker who decided (only from the heropaf date,
    ``check_heropaf_decidable``), or None when every signal partner answered 'ja'
    (``by_partners``)."""
    _check_planned(melding)
    if by is not None:
        check_heropaf_decidable(melding, today or timezone.localdate())
        if not answers_show_payments(melding):
            raise CaseworkError(
                "'Betalingen lopen weer' kan alleen als elke gevraagde signaalpartner 'ja' "
                "antwoordde. Kies 'Heropaf afronden zonder antwoord van de signaalpartner' of "
                "heropen de melding."
            )
    with transaction.atomic():
        update_melding(melding, expected_version, heropaf_due_on=None)
        events.heropaf_done(melding, by, by_partners)
    return melding


def close_heropaf_unanswered(
    melding: Melding, by: User, expected_version: int, today: date | None = None
) -> Melding:
    """The caseworker closes the heropaf (from its date) without every signal partner's answer:
    the melding stays closed and leaves the Heropaf queue, but nobody established that payments
    run again, so the timeline and the monitoring say 'zonder antwoord'. The questions stay
    open: a 'nee' that still comes reopens the melding (feedback's ``answer_check``)."""
    _check_planned(melding)
    check_heropaf_decidable(melding, today or timezone.localdate())
    with transaction.atomic():
        update_melding(melding, expected_version, heropaf_due_on=None)
        events.heropaf_unanswered(melding, by, not_answered(melding))
    return melding


def reopen_by_heropaf(
    melding: Melding,
    by: User | None,
    expected_version: int | None = None,
    today: date | None = None,
    answered_by: str = "",
    amount_open_cents: int | None = None,
) -> Melding:
    """Payments are not regular: reopen the closed melding for a new contact round.

    The previous result stays as its round's ``RoundResult`` (and with the acceptance and
    conversation date in the timeline and records); the melding itself starts afresh so the
    terms of the new round apply: no result, closing date or cijfer until the new round closes,
    and its own first action, the policy's days from today (round 1's due_on, picked_up_on and
    first_closed_on stay as they were).
    ``by`` is the caseworker who decided (only from the heropaf date,
    ``check_heropaf_decidable``), or None when a signal partner's answer (``answered_by``)
    reopened it: that may come after the heropaf was closed without it, so then no heropaf
    needs to be planned still. ``amount_open_cents`` is what that partner said is still open:
    the timeline names it for the new home visit (QA15 B3).
    """
    if by is not None:
        _check_planned(melding)
        check_heropaf_decidable(melding, today or timezone.localdate())
    version = melding.version if expected_version is None else expected_version
    new_round = melding.contact_round + 1
    terms = policy_for(melding.municipality).deadline_policy()
    changes = {
        "contact_round": new_round,
        "round_due_on": due_date(Term.FIRST_ACTION, today or timezone.localdate(), policy=terms),
        "round_picked_up_on": None,
        "result": "",
        "closed_on": None,
        "satisfaction": None,
        "heropaf_due_on": None,
        "accepted_on": None,
        "first_conversation_on": None,
    }
    with transaction.atomic():
        states = update_melding(melding, version, State.REOPENED, **changes)
        events.reopened(melding, by, new_round, states, answered_by, amount_open_cents)
    return melding
