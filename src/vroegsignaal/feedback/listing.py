"""The creditor's list of signals with released feedback: filtered, summarised, downloaded.

Collection staff look up one customer (by klantnummer) or take everything released since their
last look into their own system (a CSV or Excel file with one row per signal). Every value comes
from `permitted.feedback_item`, so the list, the download and the API show the same facts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.timezone import localtime

from vroegsignaal.feedback import display
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.permitted import feedback_item
from vroegsignaal.intake.models import Signal

DOWNLOAD_HEADER = [
    "Klantnummer",
    "Signaaldatum",
    "Go/no-go",
    "Al bekend bij schuldhulp",
    display.OUTCOME_DATE_LABEL,
    "Hulp geaccepteerd",
    "Globale oorzaak",
    "Afspraak over de lopende betalingen",
    "Perspectief",
    "Laatst vrijgegeven op",
    "Go/no-go gecorrigeerd op",  # last, so a file read by column position keeps its columns
]


@dataclass(frozen=True)
class FeedbackFilters:
    """Empty values do not filter. `released_from`: feedback released on or after that day."""

    customer_number: str = ""
    released_from: date | None = None


def signals_with_feedback(user, filters: FeedbackFilters = FeedbackFilters()) -> QuerySet[Signal]:
    """The user's creditor's signals with released feedback, newest signal first."""
    feedback = SignalFeedback.objects.filter(creditor_id=user.creditor_id)
    if filters.released_from is not None:
        feedback = feedback.filter(released_at__date__gte=filters.released_from)
    signals = Signal.objects.filter(
        creditor_id=user.creditor_id, pk__in=feedback.values("signal_id")
    )
    if filters.customer_number:
        signals = signals.filter(customer_number__iexact=filters.customer_number.strip())
    return signals.order_by("-signal_date", "-id")


def summaries(user, signals: list[Signal] | QuerySet[Signal]) -> list[dict]:
    """Per signal: its latest go/no-go (a correction replaces what it corrects) and latest
    outcome, in the words of display.py.

    `signals` is a page (a list) or, for a download, the whole query: as a query it is a
    subquery, not tens of thousands of ids in one statement (SQLite allows 32,766)."""
    latest: dict[int, dict] = defaultdict(dict)
    feedback = SignalFeedback.objects.filter(
        creditor_id=user.creditor_id, signal__in=signals
    ).select_related("signal")  # in order of release: the last of a kind is its latest
    for item in map(feedback_item, feedback):
        latest[item["signal_id"]][item["kind"]] = item
    return [_summary(signal, latest[signal.pk]) for signal in signals]


def _summary(signal: Signal, items: dict) -> dict:
    go = items.get(FeedbackKind.GO_NO_GO)
    outcome = items.get(FeedbackKind.OUTCOME)
    return {
        "signal": signal,
        "go_no_go": display.go_no_go_text(go) if go else None,
        "corrected_on": display.corrected_on(go),
        "known": display.known_text(go) if go else None,
        "outcome": display.outcome_rows(outcome) if outcome else None,
        "no_outcome_expected": no_outcome_expected(go),
        "released_at": max((item["released_at"] for item in items.values()), default=None),
    }


def no_outcome_expected(go: dict | None) -> bool:
    """A signal that was not picked up gets no outcome; one without go/no-go may still."""
    return bool(go) and not go["picked_up"]


def download_rows(rows: list[dict]) -> list[list]:
    """One row per signal under `DOWNLOAD_HEADER` (texts as the portal shows them)."""
    table = []
    for row in rows:
        if row["outcome"]:
            outcome_values = [value for _, value in row["outcome"]]  # in DOWNLOAD_HEADER order
        else:
            empty = "Geen (niet opgepakt)" if row["no_outcome_expected"] else "Nog niet bekend"
            outcome_values = [empty, "", "", "", ""]
        released, corrected = row["released_at"], row["corrected_on"]
        table.append([
            row["signal"].customer_number,
            row["signal"].signal_date.strftime("%d-%m-%Y"),
            row["go_no_go"] or "Nog niet bekend",
            row["known"] or "Niet gedeeld",
            *outcome_values,
            localtime(released).strftime("%d-%m-%Y %H:%M") if released else "",
            corrected.strftime("%d-%m-%Y") if corrected else "",
        ])  # fmt: skip
    return table
