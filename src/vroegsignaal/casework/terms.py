"""The deadlines of one melding, each with its state, from the pure ``deadlines`` module.

First action (policy, from the matching date) until the first contact attempt; the crisis term
(3 working days from acceptance, or from the melding when not yet accepted) or the statutory
four weeks from acceptance until the first conversation; and the heropaf date when planned.
Closing stops the terms not yet done (lapsed or missed, never overdue); a melding closed as not
picked up has no terms at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vroegsignaal.casework.deadlines import (
    DEFAULT_CALENDAR,
    DeadlineState,
    Term,
    WorkingCalendar,
    deadline_state,
    due_date,
)
from vroegsignaal.casework.models import CaseworkPolicy, Melding
from vroegsignaal.casework.signal_status import not_picked_up


@dataclass(frozen=True)
class MeldingDeadline:
    """One term of a melding: what it is, when it ends and where it stands."""

    term: Term
    due: date
    state: DeadlineState


def melding_deadlines(
    melding: Melding,
    today: date,
    policy: CaseworkPolicy,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> list[MeldingDeadline]:
    """Every term that applies to ``melding`` as seen on ``today``."""
    if not_picked_up(melding):
        return []
    terms = policy.deadline_policy()
    closed_on = _closed_on(melding)

    def deadline(term: Term, start: date, done_on: date | None) -> MeldingDeadline:
        due = due_date(term, start, calendar, terms)
        state = deadline_state(due, today, done_on, closed_on=closed_on)
        return MeldingDeadline(term, due, state)

    picked_up = melding.picked_up_on
    result = [
        deadline(Term.FIRST_ACTION, melding.matched_on, picked_up),
        deadline(Term.FIRST_ACTION_LIMIT, melding.matched_on, picked_up),
    ]
    conversation = melding.first_conversation_on
    if melding.is_crisis:
        start = melding.accepted_on or melding.matched_on
        result.append(deadline(Term.CRISIS_CONVERSATION, start, conversation))
    elif melding.accepted_on:
        result.append(deadline(Term.FIRST_CONVERSATION, melding.accepted_on, conversation))
    if melding.heropaf_due_on:
        state = deadline_state(melding.heropaf_due_on, today)
        result.append(MeldingDeadline(Term.HEROPAF, melding.heropaf_due_on, state))
    return result


def _closed_on(melding: Melding) -> date | None:
    return melding.closed_on if melding.state == "closed" else None


def pick_up_state(melding: Melding, today: date) -> DeadlineState | None:
    """The state of the due date matching set for picking the melding up (None without one)."""
    if melding.due_on is None or not_picked_up(melding):
        return None
    return deadline_state(
        melding.due_on, today, melding.picked_up_on, closed_on=_closed_on(melding)
    )
