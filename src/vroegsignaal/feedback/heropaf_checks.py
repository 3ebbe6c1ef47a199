"""Heropaf checks: months after the outcome, each creditor is asked whether payments are regular.

The check becomes visible to the creditor on the melding's heropaf date (casework's
``schedule_heropaf`` computes it from the feedback date and the municipality's policy). The
creditor has ``ANSWER_WORKING_DAYS`` to answer; after that an unanswered check shows as overdue
on the municipality's overview. A 'no' reopens the melding for a new contact round through
casework's ``reopen_by_heropaf``, also after a caseworker closed the heropaf without that
answer; when every creditor of the melding said 'yes', the heropaf is completed through
``complete_heropaf``. An answer that decides nothing any more lands in the timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from vroegsignaal.casework import events
from vroegsignaal.casework.deadlines import WorkingCalendar, add_working_days
from vroegsignaal.casework.heropaf import (
    answers_show_payments,
    complete_heropaf,
    reopen_by_heropaf,
)
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.policy import calendar_for
from vroegsignaal.feedback.models import HeropafAnswer, HeropafCheck
from vroegsignaal.organisations.models import ApiKey, Creditor, User

# Agreed with the creditors in the feedback protocol; see docs/terugkoppeling.md.
ANSWER_WORKING_DAYS = 10


# The texts portal and API both give; each names the field as the portal's form labels it.
CHOOSE_YES_OR_NO = "Antwoord: kies 'ja' of 'nee'."
NEGATIVE_AMOUNT = "Bedrag nog open: het bedrag mag niet negatief zijn."
ALREADY_ANSWERED = "Deze heropafvraag is al beantwoord; het antwoord blijft staan."


class HeropafAnswerError(Exception):
    """An answer that cannot be accepted; the message is Dutch and names the field."""


class AlreadyAnswered(HeropafAnswerError):
    """The check has an answer: it is given once, and stands."""

    def __init__(self) -> None:
        super().__init__(ALREADY_ANSWERED)


def plan_checks(
    melding: Melding,
    creditors: Iterable[Creditor],
    asked_on: date,
    calendar: WorkingCalendar | None = None,
) -> None:
    """Ask each creditor of ``melding`` on ``asked_on`` (its heropaf date); safe to repeat.
    The answer term counts the municipality's working days, as the other agreed terms do
    (``calendar``: its ``calendar_for``, read once per municipality by a release)."""
    calendar = calendar or calendar_for(melding.municipality_id)
    answer_due_on = add_working_days(asked_on, ANSWER_WORKING_DAYS, calendar)
    for creditor in creditors:
        HeropafCheck.objects.get_or_create(
            melding=melding,
            creditor=creditor,
            contact_round=melding.contact_round,
            defaults={
                "asked_on": asked_on,
                "answer_due_on": answer_due_on,
            },
        )


def visible_checks(creditor: Creditor, today: date) -> QuerySet[HeropafCheck]:
    """The creditor's checks whose heropaf date has come (answered or not), oldest first."""
    return HeropafCheck.objects.filter(creditor=creditor, asked_on__lte=today)


def open_checks(creditor: Creditor, today: date) -> QuerySet[HeropafCheck]:
    """The creditor's checks that await an answer."""
    return visible_checks(creditor, today).filter(answer="")


def answer_check(
    check: HeropafCheck,
    answer: str,
    amount_open_cents: int | None = None,
    *,
    user: User | None = None,
    api_key: ApiKey | None = None,
    today: date | None = None,
) -> HeropafCheck:
    """Store the creditor's answer once; 'no' reopens the melding, all 'yes' completes it.

    ``user`` is the creditor's staff member, ``api_key`` the key of the creditor's system.
    """
    today = today or timezone.localdate()
    _validate(check, answer, amount_open_cents, today)
    with transaction.atomic():
        locked = HeropafCheck.objects.select_for_update().get(pk=check.pk)
        if locked.answer:
            raise AlreadyAnswered
        locked.answer = answer
        locked.amount_open_cents = amount_open_cents
        locked.answered_at = timezone.now()
        locked.answered_by = user
        locked.answered_by_api_key = api_key
        locked.save()
        _follow_up(locked, today)
    return locked


def _validate(check: HeropafCheck, answer: str, amount: int | None, today: date) -> None:
    if check.asked_on > today:
        raise HeropafAnswerError("Deze heropafvraag staat nog niet open.")
    if answer not in HeropafAnswer.values:
        raise HeropafAnswerError(CHOOSE_YES_OR_NO)
    if amount is not None and amount < 0:
        raise HeropafAnswerError(NEGATIVE_AMOUNT)


def _follow_up(check: HeropafCheck, today: date) -> None:
    """What the answer does to the melding; an answer never vanishes (QA15 B1)."""
    melding = Melding.objects.select_for_update().get(pk=check.melding_id)
    if melding.state != State.CLOSED or melding.contact_round != check.contact_round:
        # An earlier 'nee' of another creditor already reopened the melding for a new round:
        # the answer is told in the timeline, for the caseworker of that round.
        _late(melding, check)
        return
    if melding.heropaf_due_on is None:
        # The caseworker closed this round's heropaf without this answer. A 'nee' reopens it
        # all the same: a signal of a crisis means eviction or disconnection is near, and
        # domain.md step 9 says the team visits again. A 'ja' is told in the timeline.
        if check.answer == HeropafAnswer.NO:
            _reopen(melding, check, today)
        else:
            _late(melding, check)
        return
    if check.answer == HeropafAnswer.NO:
        # The system reopens it on the partner's answer; the partner's staff member did not
        # decide about the melding (the answer itself records who gave it).
        _reopen(melding, check, today)
        return
    if answers_show_payments(melding):
        complete_heropaf(melding, None, melding.version, by_partners=True)


def _reopen(melding: Melding, check: HeropafCheck, today: date) -> None:
    reopen_by_heropaf(
        melding, None, melding.version, today, check.creditor.name, check.amount_open_cents
    )


def _late(melding: Melding, check: HeropafCheck) -> None:
    events.heropaf_late_answer(
        melding,
        check.creditor.name,
        check.get_answer_display(),
        check.amount_open_cents,
        check.contact_round,
    )


def overdue(today: date) -> QuerySet[HeropafCheck]:
    """Checks nobody answered within the term: what the overview counts and lists, and what a
    release reminds the creditor of."""
    return HeropafCheck.objects.filter(answer="", answer_due_on__lt=today)


def unanswered_overdue(municipality_id: int, today: date) -> QuerySet[HeropafCheck]:
    """Checks of the municipality that nobody answered within the term."""
    return overdue(today).filter(melding__municipality_id=municipality_id)
