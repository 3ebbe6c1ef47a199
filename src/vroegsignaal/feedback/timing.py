"""When feedback is due, and the municipality's overview of what is due and overdue per creditor.

Go/no-go is due 5 working days and the outcome 28 working days after the matching run that
first matched the signal's period, or after the day the signal was received if that is later
(casework's deadline module counts the days). After a heropaf
reopened a melding, the new outcome is due 28 working days after the creditor's 'no'; after a
no-go was corrected to a go, 28 working days after that correction was released.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.db.models import Min
from django.utils import timezone

from vroegsignaal.casework.deadlines import Term, due_date
from vroegsignaal.casework.policy import calendar_for
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.models import FeedbackKind, HeropafAnswer, HeropafCheck, SignalFeedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.models import MatchingRun
from vroegsignaal.organisations.models import Creditor, Municipality


def run_dates(municipality: Municipality) -> dict[date, date]:
    """Matching period start → the (local) day the first finished run of that period ended."""
    runs = (
        MatchingRun.objects.filter(municipality=municipality, finished_at__isnull=False)
        .values("period_start")
        .annotate(first=Min("finished_at"))
    )
    return {run["period_start"]: timezone.localdate(run["first"]) for run in runs}


def matching_start(
    signal_date: date, received_on: date, matched_on: date, runs: dict[date, date]
) -> date:
    """The day the go/no-go and outcome terms of a signal start: the run of its period, else
    the matching date of its melding; never before the day the signal was received, since a
    signal delivered after its period's first run is matched by a later one (the creditor's
    list names that day as the last for its go/no-go)."""
    return max(runs.get(signal_date.replace(day=1)) or matched_on, received_on)


@dataclass
class Tally:
    """Open items of one kind, and how many of them are past their due date."""

    open: int = 0
    overdue: int = 0

    def add(self, due: date, today: date) -> None:
        """Count one open item due on ``due`` (the due date itself is still on time)."""
        self.open += 1
        if today > due:
            self.overdue += 1


@dataclass
class CreditorTiming:
    """What one creditor is still owed by one municipality."""

    creditor: Creditor
    go_no_go: Tally = field(default_factory=Tally)
    outcome: Tally = field(default_factory=Tally)
    heropaf: Tally = field(default_factory=Tally)


def _reopened_on(municipality: Municipality) -> dict[tuple[int, int], date]:
    # A 'no' to the heropaf check of round n starts round n + 1 of that melding.
    answers = HeropafCheck.objects.filter(
        melding__municipality=municipality, answer=HeropafAnswer.NO
    ).values_list("melding_id", "contact_round", "answered_at")
    return {(m, r + 1): timezone.localdate(at) for m, r, at in answers}


def _released(municipality: Municipality) -> tuple[dict[int, bool], set[tuple[int, int]]]:
    """Signal → picked up, for its current go/no-go; (signal, round) for released outcomes."""
    go_no_go, outcomes = {}, set()
    for signal_id, kind, round_, picked_up in (
        SignalFeedback.objects.filter(signal__municipality=municipality)
        .order_by("released_at", "id")  # a correction overwrites what it corrects
        .values_list("signal_id", "kind", "contact_round", "content__picked_up")
    ):
        if kind == FeedbackKind.GO_NO_GO:
            go_no_go[signal_id] = bool(picked_up)
        else:
            outcomes.add((signal_id, round_))
    return go_no_go, outcomes


def _corrected_to_go_on(municipality: Municipality) -> dict[int, date]:
    # A no-go corrected to a go (a re-run of matching) starts the outcome term on the day the
    # creditor was told: until then the municipality had no melding to work.
    corrections = SignalFeedback.objects.filter(
        signal__municipality=municipality,
        kind=FeedbackKind.GO_NO_GO,
        corrects__isnull=False,
        content__picked_up=True,
    ).values_list("signal_id", "release__released_on")
    return dict(corrections)


def _matched_signals(municipality: Municipality):
    # Plain values, not model instances: a municipality has thousands of signals and the
    # overview needs seven columns of each. Building a Signal, its link and its Melding per row
    # took most of the page (7 s on the demo under load).
    return (
        Signal.objects.filter(municipality=municipality, melding_link__isnull=False)
        .exclude(status=Signaalstatus.NOG_NIET_OPGEPAKT)
        .values_list(
            "pk",
            "creditor_id",
            "signal_date",
            "received_at",
            "melding_link__melding_id",
            "melding_link__melding__matched_on",
            "melding_link__melding__contact_round",
        )
    )


def overview(municipality: Municipality, today: date) -> list[CreditorTiming]:
    """Per creditor: go/no-go, outcomes and heropaf answers still open and overdue, by name."""
    runs = run_dates(municipality)
    calendar = calendar_for(municipality)

    # Thousands of signals share a few dozen start days: each due date is counted once.
    @cache
    def due(term: Term, start: date) -> date:
        return due_date(term, start, calendar)

    creditors = Creditor.objects.in_bulk()  # a few dozen partners
    rows: dict[int, CreditorTiming] = {}

    def row(creditor_id: int) -> CreditorTiming:
        if creditor_id not in rows:
            rows[creditor_id] = CreditorTiming(creditors[creditor_id])
        return rows[creditor_id]

    go_no_go, outcomes = _released(municipality)
    reopened = _reopened_on(municipality)
    corrected = _corrected_to_go_on(municipality)
    for (
        signal_id,
        creditor_id,
        signal_date,
        received_at,
        melding_id,
        matched_on,
        contact_round,
    ) in _matched_signals(municipality):
        start = matching_start(signal_date, timezone.localdate(received_at), matched_on, runs)
        if signal_id not in go_no_go:
            row(creditor_id).go_no_go.add(due(Term.GO_NO_GO, start), today)
            continue
        if go_no_go[signal_id] and (signal_id, contact_round) not in outcomes:
            start = corrected.get(signal_id, start)
            start = reopened.get((melding_id, contact_round), start)
            row(creditor_id).outcome.add(due(Term.OUTCOME_FEEDBACK, start), today)
    for creditor_id, answer_due_on in HeropafCheck.objects.filter(
        melding__municipality=municipality, answer="", asked_on__lte=today
    ).values_list("creditor_id", "answer_due_on"):
        row(creditor_id).heropaf.add(answer_due_on, today)
    # casefold: 'Zorgverzekeraar' before 'ZorgZeker', as a reader expects.
    return sorted(rows.values(), key=lambda timing: timing.creditor.name.casefold())
