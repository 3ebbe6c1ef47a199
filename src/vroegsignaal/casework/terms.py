"""The deadlines of one melding, each with its state, from the pure ``deadlines`` module.

First action until the melding is picked up: the werkbakje's term that matching set (`due_on`,
the date the werkbakje list shows), else the policy's days from the matching date (for a crisis
signal 3 working days: the municipality's own urgency); the statutory term for the first
conversation, 3 working days (crisis) or four weeks, from the acceptance of help only (Wgs art.
4): a melding closed without acceptance shows it as never begun, not missed or late; and the
heropaf date when planned.
A melding reopened by the heropaf (contact round 2 or later) is a visit again about the same
signals: reopening clears the acceptance, so a conversation term runs only from a new one, and
the first action and its limit are the policy's days from the reopening (the werkbakje's date
after matching belongs to round 1), met by the first attempt or conversation of the round
(`round_due_on` and `round_picked_up_on`, stored so the werkbakje list shows the same date).
A no-go that a later run of the period picked up again runs both first-action terms from
that run, as matching set its `due_on`: nobody could work on it while it was closed.
Closing stops the terms not yet done (lapsed or missed, never overdue); a melding closed as not
picked up has no terms at all.
A due date on a day the municipality does not work keeps its day (docs/termijnen.md) and carries
a note naming the day and the last working day before it (`MeldingDeadline.due_note`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.utils import timezone

from vroegsignaal.casework.deadlines import (
    CRISIS_FIRST_ACTION,
    DEFAULT_CALENDAR,
    DeadlinePolicy,
    DeadlineState,
    Term,
    WorkingCalendar,
    closed_day_note,
    conversation_term,
    deadline_state,
    due_date,
)
from vroegsignaal.casework.heropaf import answer_due_of, heropaf_term_state
from vroegsignaal.casework.models import CaseworkPolicy, EventKind, Melding
from vroegsignaal.casework.signal_status import not_picked_up


@dataclass(frozen=True)
class MeldingDeadline:
    """One term of a melding: what it is, when it ends and where it stands; ``basis`` says
    where it runs from when that differs from the term's usual basis (a new contact round)."""

    term: Term
    # None for a term that never began (``DeadlineState.NO_HELP_ACCEPTED``).
    due: date | None
    state: DeadlineState
    basis: str = ""
    # The creditors' answer term while the heropaf waits for it.
    until: date | None = None
    # A due date on a day the municipality does not work: what the day is and the last working
    # day before it ('Eerste Kerstdag; laatste werkdag ervoor 24-12-2026', QA14 B11).
    due_note: str = ""

    @property
    def description(self) -> str:
        """The basis the page shows."""
        return self.basis or self.term.basis


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

    def deadline(term: Term, start: date, done_on: date | None, basis: str = "") -> MeldingDeadline:
        due = due_date(term, start, calendar, terms)
        state = deadline_state(due, today, done_on, closed_on=closed_on)
        return MeldingDeadline(term, due, state, basis)

    reopened_on = round_started_on(melding)
    if reopened_on is not None:
        # A new round after the heropaf: its first action is the date the reopening stored
        # (the policy's days from it; the werkbakje list shows the same), met by the round's
        # first attempt or conversation; the werkbakje's date after matching was round 1's.
        done = melding.round_picked_up_on
        since = f"na het heropenen door de heropaf op {reopened_on:%d-%m-%Y} (beleid gemeente)"
        round_ = f"Contactronde {melding.contact_round}"
        first_action = f"{round_}: {terms.first_action_days} kalenderdagen {since}"
        due = melding.round_due_on or due_date(Term.FIRST_ACTION, reopened_on, calendar, terms)
        result = [
            MeldingDeadline(Term.FIRST_ACTION, due,
                            deadline_state(due, today, done, closed_on=closed_on), first_action),
            deadline(Term.FIRST_ACTION_LIMIT, reopened_on, done,
                     f"{round_}: {terms.first_action_limit_days} kalenderdagen {since}"),
        ]  # fmt: skip
    else:
        picked_up = melding.picked_up_on
        start, first_basis, limit_basis = _first_round_start(melding, terms)
        if melding.due_on is not None:
            # The werkbakje's term as matching set it (a crisis: 3 working days) is the date
            # the werkbakje list shows; the policy's general days only serve a melding without.
            state = pick_up_state(melding, today)
            first_action = MeldingDeadline(Term.FIRST_ACTION, melding.due_on, state, first_basis)
        else:
            first_action = deadline(Term.FIRST_ACTION, start, picked_up, first_basis)
        result = [first_action, deadline(Term.FIRST_ACTION_LIMIT, start, picked_up, limit_basis)]
    term = conversation_term(melding.is_crisis)
    if melding.accepted_on is not None:
        result.append(deadline(term, melding.accepted_on, melding.first_conversation_on))
    elif closed_on is not None:
        # Wgs art. 4 counts from the request for help: without one the term never began, so a
        # conversation in which help was declined is not 'late' (QA10 B4).
        result.append(MeldingDeadline(term, None, DeadlineState.NO_HELP_ACCEPTED))
    if melding.heropaf_due_on:
        state, until = heropaf_term_state(melding, today, answer_due_of(melding))
        result.append(MeldingDeadline(Term.HEROPAF, melding.heropaf_due_on, state, until=until))
    return [_with_due_note(deadline, calendar) for deadline in result]


def _with_due_note(deadline: MeldingDeadline, calendar: WorkingCalendar) -> MeldingDeadline:
    """``deadline`` with the note its due date needs in ``calendar`` (none on a working day)."""
    if deadline.due is None:
        return deadline
    return replace(deadline, due_note=closed_day_note(deadline.due, calendar))


def _first_round_start(melding: Melding, terms: DeadlinePolicy) -> tuple[date, str, str]:
    """The day round 1's first action and its limit run from, with their bases when these
    differ from the terms' own: the matching date, or for a no-go that a later run picked up
    again that run's date, as its ``due_on`` (nobody could work on it while it was closed;
    QA11 finding 3)."""
    again_on = picked_up_again_on(melding)
    if again_on is None:
        return melding.matched_on, "", ""
    since = f"na het opnieuw oppakken door de matching op {again_on:%d-%m-%Y} (beleid gemeente)"
    return (
        again_on,
        f"Termijn van het werkbakje {since}; {CRISIS_FIRST_ACTION}",
        f"{terms.first_action_limit_days} kalenderdagen {since}",
    )


def round_started_on(melding: Melding) -> date | None:
    """The day the current contact round began: the last reopening by a heropaf (its event on
    the timeline); None in the first round."""
    if melding.contact_round <= 1 or melding.pk is None:
        return None
    reopened = melding.events.filter(kind=EventKind.REOPENED).values_list("created_at", flat=True)
    moment = reopened.order_by("-created_at", "-id").first()
    return None if moment is None else timezone.localdate(moment)


def picked_up_again_on(melding: Melding) -> date | None:
    """The matching date of the run that made a go of ``melding`` after matching had closed
    it as a no-go (the last such run: its event on the timeline); None for a melding never
    picked up that way. Events written before the run's date was kept give the day they were
    written, the run's day unless the run was given another."""
    if melding.pk is None:
        return None
    picked_up = melding.events.filter(kind=EventKind.PICKED_UP_AFTER_REMATCH)
    event = picked_up.order_by("-created_at", "-id").values_list("details", "created_at").first()
    if event is None:
        return None
    details, created_at = event
    on = details.get("on")
    return date.fromisoformat(on) if on else timezone.localdate(created_at)


def _closed_on(melding: Melding) -> date | None:
    return melding.closed_on if melding.state == "closed" else None


def pick_up_state(melding: Melding, today: date) -> DeadlineState | None:
    """The state of the current contact round's first action: the date matching set for picking
    the melding up, or a reopened melding's own (``Melding.current_due_on``); None without one."""
    due = melding.current_due_on
    if due is None or not_picked_up(melding):
        return None
    return deadline_state(due, today, melding.current_picked_up_on, closed_on=_closed_on(melding))
