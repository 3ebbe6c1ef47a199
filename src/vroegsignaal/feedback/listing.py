"""The creditor's list of signals with released feedback: filtered, summarised, downloaded.

Collection staff look up one customer (by klantnummer), list one municipality's feedback (a
creditor with convenanten in several), or take everything released since their last look into
their own system (a CSV or Excel file with one row per signal). A search on a
klantnummer also finds the creditor's own signals nothing was released about yet, with where
they stand (received, matched, the last day for the go/no-go). Every value comes
from `permitted.feedback_item`, so the list, the download and the API show the same facts.

A signal erased after its retention term keeps only a keyed hash of its klantnummer
(intake.erasure). The list shows "verwijderd na bewaartermijn" instead, and the search still
finds it: the typed klantnummer is hashed with the same key and compared.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from vroegsignaal.casework.deadlines import Term, WorkingCalendar, due_date
from vroegsignaal.casework.policy import calendar_for
from vroegsignaal.feedback import display, timing
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.permitted import feedback_item
from vroegsignaal.intake.erasure import customer_pseudonym
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Agreement, Municipality

# No longer told (since 27-11-2026, QA12 B14; `permitted.WITHDRAWN_FIELDS`), but the column
# stays, always empty, so that an import by column order keeps reading the columns after it.
WITHDRAWN_COLUMNS = ["Hulp geaccepteerd"]
DOWNLOAD_HEADER = [
    "Klantnummer",
    "Signaaldatum",
    "Go/no-go",
    "Al bekend bij schuldhulp",
    display.OUTCOME_DATE_LABEL,
    *WITHDRAWN_COLUMNS,
    "Globale oorzaak",
    "Afspraak over de lopende betalingen",
    "Perspectief",
    display.LAST_RELEASED_LABEL,
    "Go/no-go gecorrigeerd op",
    # New columns go last, so a file read by column position keeps its columns.
    display.CONTACT_LABEL,
    display.MUNICIPALITY_LABEL,
]


# What the list, the signal page and the download read of a signal: a whole Signal has some
# forty columns, and a download builds thousands.
_LISTED_FIELDS = (
    "id",
    "creditor_id",
    "customer_number",
    "signal_date",
    "municipality__code",
    "municipality__name",
)


@dataclass(frozen=True)
class FeedbackFilters:
    """Empty values do not filter. `released_from`: feedback released on or after that day;
    `municipality_id`: one of `own_municipalities` (the form offers no other)."""

    customer_number: str = ""
    released_from: date | None = None
    municipality_id: int | None = None


def own_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities the user's creditor has a convenant (of any period) or signals with,
    by name: what the filter offers. Both are the creditor's own knowledge (it delivered the
    addresses), so the list tells it nothing about other creditors or about residents; a
    convenant deleted in the beheeromgeving leaves its signals' municipality in the list."""
    creditor_id = user.creditor_id
    return Municipality.objects.filter(
        Q(pk__in=Agreement.objects.filter(creditor_id=creditor_id).values("municipality_id"))
        | Q(pk__in=Signal.objects.filter(creditor_id=creditor_id).values("municipality_id"))
    ).order_by("name", "code")


def _own_signals(user, filters: FeedbackFilters) -> QuerySet[Signal]:
    """The user's creditor's signals, those with the typed klantnummer and of the chosen
    municipality if the filters say so."""
    signals = Signal.objects.filter(creditor_id=user.creditor_id)
    if filters.municipality_id is not None:
        signals = signals.filter(municipality_id=filters.municipality_id)
    if filters.customer_number:
        typed = filters.customer_number.strip()
        # The creditor typed its own number, so comparing its keyed hash tells it nothing new;
        # the hash is exact, as the klantnummer was delivered (capitals count).
        signals = signals.filter(
            Q(customer_number__iexact=typed)
            | Q(customer_number=customer_pseudonym(user.creditor_id, typed))
        )
    return signals


def _released_to(user) -> QuerySet[SignalFeedback]:
    return SignalFeedback.objects.filter(creditor_id=user.creditor_id)


def signals_with_feedback(user, filters: FeedbackFilters = FeedbackFilters()) -> QuerySet[Signal]:
    """The user's creditor's signals with released feedback, newest signal first."""
    feedback = _released_to(user)
    if filters.released_from is not None:
        feedback = feedback.filter(released_at__date__gte=filters.released_from)
    signals = _own_signals(user, filters).filter(pk__in=feedback.values("signal_id"))
    # The municipality comes in the same query: the list and the download name it per row.
    return (
        signals.select_related("municipality").only(*_LISTED_FIELDS).order_by("-signal_date", "-id")
    )


def signals_awaiting_feedback(user, filters: FeedbackFilters) -> list[Signal]:
    """The creditor's own signals with the searched klantnummer that nothing was released
    about yet, newest first: a signal delivered today must not look like a number never
    delivered. Only for a search on a klantnummer alone: the list and its download are of
    released feedback, and "released from" cannot hold for what was not released."""
    if not filters.customer_number or filters.released_from is not None:
        return []
    signals = _own_signals(user, filters).exclude(pk__in=_released_to(user).values("signal_id"))
    return list(
        signals.select_related("municipality", "melding_link__melding").order_by(
            "-signal_date", "-id"
        )
    )


def awaiting_rows(signals: list[Signal], today: date) -> list[dict]:
    """Per signal without feedback: its klantnummer and where it stands, in words
    (``display.awaiting_text``), with the last day for its go/no-go once it is matched: the
    term the municipality's overview counts (``timing``)."""
    runs: dict[int, dict] = {}
    calendars: dict[int, WorkingCalendar] = {}
    rows = []
    for signal in signals:
        received_on = timezone.localdate(signal.received_at)
        link = getattr(signal, "melding_link", None)
        due = None
        if link is not None:
            if signal.municipality_id not in runs:
                runs[signal.municipality_id] = timing.run_dates(signal.municipality)
                calendars[signal.municipality_id] = calendar_for(signal.municipality_id)
            start = timing.matching_start(
                signal.signal_date, received_on, link.melding.matched_on,
                runs[signal.municipality_id],
            )  # fmt: skip
            due = due_date(Term.GO_NO_GO, start, calendars[signal.municipality_id])
        rows.append({
            "signal": signal,
            "customer_number": display.customer_number_text(signal.customer_number),
            "state": display.awaiting_text(received_on, due, today),
        })  # fmt: skip
    return rows


def summaries(user, signals: list[Signal] | QuerySet[Signal]) -> list[dict]:
    """Per signal: its latest go/no-go (a correction replaces what it corrects) and latest
    outcome, in the words of display.py.

    `signals` is a page (a list) or, for a download, the whole query: as a query it is a
    subquery, not tens of thousands of ids in one statement (SQLite allows 32,766)."""
    listed = list(signals)
    by_id = {signal.pk: signal for signal in listed}
    latest: dict[int, dict] = defaultdict(dict)
    feedback = SignalFeedback.objects.filter(creditor_id=user.creditor_id, signal__in=signals)
    for released in feedback:  # in order of release: the last of a kind is its latest
        released.signal = by_id[released.signal_id]  # read once above, not again per item
        item = feedback_item(released)
        latest[item["signal_id"]][item["kind"]] = item
    return [_summary(signal, latest[signal.pk]) for signal in listed]


def _summary(signal: Signal, items: dict) -> dict:
    go = items.get(FeedbackKind.GO_NO_GO)
    outcome = items.get(FeedbackKind.OUTCOME)
    return {
        "signal": signal,
        "customer_number": display.customer_number_text(signal.customer_number),
        "municipality": signal.municipality.name,
        "go_no_go": display.go_no_go_text(go) if go else None,
        "corrected_on": display.corrected_on(go),
        "known": display.known_text(go) if go else None,
        "outcome": display.outcome_rows(outcome) if outcome else None,
        "outcome_facts": display.outcome_facts(outcome) if outcome else None,
        "no_contact": display.had_no_contact(outcome) if outcome else False,
        "outcome_date": date.fromisoformat(outcome["outcome_date"]) if outcome else None,
        "no_outcome_expected": no_outcome_expected(go),
        "released_at": max((item["released_at"] for item in items.values()), default=None),
    }


def no_outcome_expected(go: dict | None) -> bool:
    """A signal that was not picked up gets no outcome; one without go/no-go may still."""
    return bool(go) and not go["picked_up"]


def download_rows(rows: list[dict]) -> list[list]:
    """One row per signal under `DOWNLOAD_HEADER`: texts as the portal shows them, days and
    moments as dates (web.downloads writes them as Dutch text or as Excel date cells). The
    columns are the same for every partner ('Al bekend bij schuldhulp' reads 'Niet gedeeld'
    where no agreement shares it, where the list leaves the column out), so that a partner's
    import by column order keeps working when an agreement changes."""
    table = []
    withdrawn = [""] * len(WITHDRAWN_COLUMNS)
    for row in rows:
        facts = row["outcome_facts"]
        if facts:
            # In DOWNLOAD_HEADER order, the date first; what does not apply is left empty.
            told = [facts[label] or "" for label in display.CONVERSATION_LABELS]
            outcome_values = [row["outcome_date"], *withdrawn, *told]
            contact = facts[display.CONTACT_LABEL] or ""
        else:
            empty = "Geen (niet opgepakt)" if row["no_outcome_expected"] else "Nog niet bekend"
            outcome_values, contact = [empty, "", "", "", ""], ""
        table.append([
            row["customer_number"],
            row["signal"].signal_date,
            row["go_no_go"] or "Nog niet bekend",
            row["known"] or "Niet gedeeld",
            *outcome_values,
            row["released_at"],
            row["corrected_on"],
            contact,
            row["municipality"],
        ])  # fmt: skip
    return table
