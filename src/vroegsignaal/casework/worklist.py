"""The work queues (werkbakjes): which meldingen a user sees, filtered, in working order, with counts.

Order: highest priority first, then the earliest due date. Every filter is a database filter, so
the worklist stays fast with many meldingen (the page paginates).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from vroegsignaal.casework.access import meldingen_visible_to
from vroegsignaal.casework.deadlines import DeadlineState, WorkingCalendar, closed_day_note
from vroegsignaal.casework.heropaf import (
    awaiting_partner,
    heropaf_due,
    heropaf_term_state,
    partner_answer_due,
)
from vroegsignaal.casework.lifecycle import State, is_open
from vroegsignaal.casework.models import CURRENT_DUE_ON, Melding, MeldingSignal
from vroegsignaal.casework.no_go import why_not_picked_up
from vroegsignaal.casework.out_of_sight import (
    OUT_OF_SIGHT,  # the 'Toegewezen' filter for them; forms and views read it here
    open_out_of_sight,
    out_of_sight,
    with_assignee_out_of_sight,
)
from vroegsignaal.casework.policy import calendar_for
from vroegsignaal.casework.signal_status import not_picked_up
from vroegsignaal.casework.terms import pick_up_state
from vroegsignaal.organisations.models import User

HEROPAF_QUEUE = "heropaf"
SOON_DAYS = 3

FLAG_FIELDS = {
    "crisis": "is_crisis",
    "warme_overdracht": "is_warm_handover",
    "meervoudig": "is_multiple",
    "opeenvolgend": "is_consecutive",
}


@dataclass(frozen=True)
class WorklistFilters:
    """What the user filters on; empty values do not filter."""

    queue: str = ""
    postcode: str = ""
    partner_type: str = ""
    min_amount_cents: int | None = None
    flags: tuple[str, ...] = field(default_factory=tuple)
    deadline: str = ""
    assigned: str = ""

    @property
    def active(self) -> int:
        """How many filters are set (the page says so and shows them unfolded)."""
        values = (self.queue, self.postcode, self.partner_type, self.min_amount_cents)
        chosen = (self.flags, self.deadline, self.assigned)
        return sum(value not in ("", None) for value in values) + sum(bool(c) for c in chosen)


def queue_label(melding: Melding) -> str:
    """The werkbakje the melding page, the search and the worklist name for ``melding``; '' when
    it has none. Matching routes a no-go like any melding (the routing rules give it a werkbakje,
    used only if a later run makes it a go) but closes it at once, so no werkbakje holds it:
    naming the routed one made a caseworker look for it in, say, Crisis. The line says why, as
    the timeline does: the result matching closed it with follows from its signals' statuses
    (``no_go.result_for_statuses``), so it names the BRP, the client list or the policy."""
    if not melding.go and not_picked_up(melding):
        return f"Geen (niet opgepakt{why_not_picked_up(melding.result)})"
    return melding.queue.name if melding.queue else ""


def _deadline_filter(deadline: str, today: date, queue: str = "") -> Q:
    """The first action of the current contact round counts until it is done (the first attempt
    or conversation): round 1's date after matching, or after a heropaf reopening the new
    round's own date (Melding.current_due_on). In the Heropaf queue the term is the heropaf
    date itself, as the melding page and the queue's overdue count have it; it is not overdue
    while a creditor may still answer the heropaf question (``heropaf.awaiting_partner``)."""
    soon = today + timedelta(days=SOON_DAYS)
    due_in = {
        "overdue": {"lt": today},
        "due_soon": {"gte": today, "lte": soon},
        "on_time": {"gt": soon},
    }.get(deadline)
    if due_in is None:
        return Q()
    if queue == HEROPAF_QUEUE:
        heropaf = Q(**{f"heropaf_due_on__{lookup}": day for lookup, day in due_in.items()})
        return heropaf & ~awaiting_partner(today) if deadline == "overdue" else heropaf
    first_round = Q(round_due_on__isnull=True, picked_up_on__isnull=True, due_on__isnull=False)
    first_round &= Q(**{f"due_on__{lookup}": day for lookup, day in due_in.items()})
    later_round = Q(round_due_on__isnull=False, round_picked_up_on__isnull=True)
    later_round &= Q(**{f"round_due_on__{lookup}": day for lookup, day in due_in.items()})
    return first_round | later_round


def _assigned_filter(assigned: str, user: User) -> Q:
    return {
        "mine": Q(assigned_to=user),
        "unassigned": Q(assigned_to__isnull=True),
        OUT_OF_SIGHT: out_of_sight(),
    }.get(assigned, Q())


def _queue_filter(meldingen: QuerySet[Melding], queue: str, today: date) -> QuerySet[Melding]:
    if queue == HEROPAF_QUEUE:
        return heropaf_due(meldingen, today).annotate(answer_due=partner_answer_due())
    open_meldingen = meldingen.exclude(state=State.CLOSED)
    return open_meldingen.filter(queue_id=int(queue)) if queue else open_meldingen


def _with_partner_type(meldingen: QuerySet[Melding], partner_type: str) -> QuerySet[Melding]:
    """Meldingen with a signal of ``partner_type``. On PostgreSQL this reads the partner types
    matching stored on the melding (a JSON containment test, no join to every signal); SQLite
    has no JSON containment, so there the signals are checked."""
    if connection.vendor == "postgresql":
        return meldingen.filter(partner_types__contains=[partner_type])
    return meldingen.filter(
        Exists(
            MeldingSignal.objects.filter(
                melding=OuterRef("pk"), signal__creditor__partner_type=partner_type
            )
        )
    )


def worklist(user: User, filters: WorklistFilters, today: date) -> QuerySet[Melding]:
    """The meldingen ``user`` sees under ``filters``, highest priority and earliest due first."""
    meldingen = _queue_filter(meldingen_visible_to(user), filters.queue, today)
    if filters.postcode:
        meldingen = meldingen.filter(postcode__startswith=filters.postcode.replace(" ", "").upper())
    if filters.partner_type:
        meldingen = _with_partner_type(meldingen, filters.partner_type)
    if filters.min_amount_cents is not None:
        meldingen = meldingen.filter(total_amount_cents__gte=filters.min_amount_cents)
    for flag in filters.flags:
        meldingen = meldingen.filter(**{FLAG_FIELDS[flag]: True})
    meldingen = meldingen.filter(
        _deadline_filter(filters.deadline, today, filters.queue),
        _assigned_filter(filters.assigned, user),
    )
    meldingen = with_assignee_out_of_sight(meldingen)
    return meldingen.select_related("queue", "assigned_to").order_by(
        "-priority_score", CURRENT_DUE_ON.asc(nulls_last=True), "pk"
    )


@dataclass(frozen=True)
class DueDate:
    """The date a worklist row shows and where it stands: the current round's first action,
    or in the Heropaf queue the heropaf date (``until``: the creditors' answer term while the
    heropaf waits for it). ``note``: the day is no working day of the municipality, what it is
    and the last working day before it (QA14 B11)."""

    day: date | None
    state: DeadlineState | None
    until: date | None = None
    note: str = ""


def due_header(queue: str) -> str:
    """The heading of the worklist's date column."""
    return "Heropaf op" if queue == HEROPAF_QUEUE else "Uiterlijk oppakken"


def due_date_of(melding: Melding, queue: str, today: date, calendar: WorkingCalendar) -> DueDate:
    """What the worklist's date column shows for ``melding`` in ``queue``; ``calendar``: the
    working days of its municipality (``calendar_for``), for the note on a day off."""
    if queue == HEROPAF_QUEUE:
        state, until = heropaf_term_state(melding, today, melding.answer_due)
        due = DueDate(melding.heropaf_due_on, state, until)
    else:
        due = DueDate(melding.current_due_on, pick_up_state(melding, today))
    if due.day is None:
        return due
    return DueDate(due.day, due.state, due.until, closed_day_note(due.day, calendar))


class WorklistRow(NamedTuple):
    """One row of the worklist. ``assignable``: the row offers a box to tick for bulk
    assignment; a closed melding (the Heropaf queue holds only those) cannot be assigned
    (``assignment.assign`` refuses it), so ticking it only led to a refusal."""

    melding: Melding
    due: DueDate
    state_label: str
    assignable: bool


def worklist_rows(meldingen: Iterable[Melding], queue: str, today: date) -> list[WorklistRow]:
    """The rows the worklist shows for ``meldingen`` (one page) in ``queue``; the working-day
    calendar read once per municipality (one, for a user of the casework pages)."""
    calendars: dict[int, WorkingCalendar] = {}

    def row(m: Melding) -> WorklistRow:
        if m.municipality_id not in calendars:
            calendars[m.municipality_id] = calendar_for(m.municipality_id)
        due = due_date_of(m, queue, today, calendars[m.municipality_id])
        return WorklistRow(m, due, State(m.state).label, is_open(m.state))

    return [row(m) for m in meldingen]


@dataclass(frozen=True)
class QueueCount:
    """A werkbakje with its open meldingen, how many nobody has yet and how many are overdue."""

    key: str
    name: str
    open: int
    unassigned: int
    overdue: int


def queue_counts(user: User, today: date) -> list[QueueCount]:
    """Every werkbakje of the user's reach with its counts, plus the Heropaf queue."""
    visible = meldingen_visible_to(user)
    rows = (
        visible.exclude(state=State.CLOSED)
        .values("queue_id", "queue__name")
        .annotate(
            open=Count("pk"),
            unassigned=Count("pk", filter=Q(assigned_to__isnull=True)),
            overdue=Count("pk", filter=_deadline_filter("overdue", today)),
        )
        .order_by("queue__name")
    )
    # A no-go is not among these rows: matching routes it to a werkbakje but closes it at once,
    # so the exclude above leaves it out. An open melding without a werkbakje (its werkbakje was
    # deleted in the beheeromgeving) is listed only under "Alle werkbakjes".
    counts = [
        QueueCount(
            str(row["queue_id"]), row["queue__name"], row["open"], row["unassigned"], row["overdue"]
        )
        for row in rows
        if row["queue_id"] is not None
    ]
    # In the Heropaf queue the term is the heropaf date itself: past it, and past the creditors'
    # answer term, the melding page shows the heropaf as 'Verlopen'; the overview counts it so.
    heropaf = heropaf_due(visible, today).aggregate(
        open=Count("pk"),
        unassigned=Count("pk", filter=Q(assigned_to__isnull=True)),
        overdue=Count("pk", filter=_deadline_filter("overdue", today, HEROPAF_QUEUE)),
    )
    counts.append(
        QueueCount(
            HEROPAF_QUEUE, "Heropaf", heropaf["open"], heropaf["unassigned"], heropaf["overdue"]
        )
    )
    return counts


def out_of_sight_count(user: User) -> int:
    """How many open meldingen of ``user``'s reach are assigned to someone who can no longer
    see them: the overview asks to assign them anew."""
    return open_out_of_sight(meldingen_visible_to(user)).count()
