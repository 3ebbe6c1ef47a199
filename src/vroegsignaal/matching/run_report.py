"""What a matching run changed, for the meldpunt to open from the matching page (QA9 B7).

Seven lists: the new meldingen to pick up (crisis first), the meldingen an earlier run closed
as no-go that this run picks up again (with why: `matching.rematch`), the signals joined to an
earlier melding as herhaalde melding (with the melding they joined), the meldingen the run
closed as no-go per result, the signals delivered late (added to a melding an earlier run
made), the signals in a melding their creditor corrected since the previous run, with what
changed (`matching.corrections`, QA14 B2), and the signals that went to the melding of their
new address, with the melding they left and whether it was dropped (`matching.moved_signals`).
A rerun that changes nothing has seven empty lists.

The run stores per list its count and at most `SHOWN` ids in `MatchingRun.summary["changes"]`:
a national run makes tens of thousands of meldingen, and the write stays one JSON value per
run (docs/performance.md, database write). The page reads the rows of those ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from vroegsignaal import kenmerk
from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.casework.no_go import RematchReason
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.corrections import described
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.corrections import Corrected
from vroegsignaal.matching.models import MatchingRun

SHOWN = 50


def _capped(items: list) -> dict:
    return {"count": len(items), "shown": items[:SHOWN]}


def corrected_recorded(corrected: list[Corrected]) -> dict:
    """The corrected signals as a run stores them: [signal id, melding id, changes]."""
    return _capped([[row.signal_id, row.melding_id, row.changes] for row in corrected])


def recorded(
    result,
    melding_ids: dict[str, int],
    created: set[str],
    new_links: list[MeldingSignal],
    closed_no_go: dict[int, str],
    reopened: dict[int, list[RematchReason]],
    corrected: list[Corrected],
    moved: list[list],
) -> dict:
    """The run's changes as stored: ``created`` the melding keys it made, ``new_links`` the
    signal links it made, ``closed_no_go`` melding id -> result of those it closed as no-go,
    ``reopened`` melding id -> why of those it picked up again, ``corrected`` the signals in a
    melding corrected since the previous run, ``moved`` the signals at a new address
    (`moved_signals.settled`)."""
    to_pick_up = result.meldingen.filter(pl.col("melding_key").is_in(list(created)) & pl.col("go"))
    crisis_first = to_pick_up.sort(
        ["crisis", "priority_score", "melding_key"], descending=[True, True, False]
    )
    made = {melding_ids[key] for key in created}
    joined = [[link.signal_id, link.melding_id] for link in new_links if link.attached_as_repeat]
    late = [
        [link.signal_id, link.melding_id]
        for link in new_links
        if not link.attached_as_repeat and link.melding_id not in made
    ]
    by_result: dict[str, list[int]] = {}
    for melding_id, result_text in sorted(closed_no_go.items()):
        by_result.setdefault(result_text, []).append(melding_id)
    return {
        "new": {
            "count": to_pick_up.height,
            "shown": [melding_ids[key] for key in crisis_first["melding_key"].head(SHOWN)],
        },
        "reopened": _capped([[pk, [str(why) for why in reopened[pk]]] for pk in sorted(reopened)]),
        "joined": _capped(sorted(joined)),
        "no_go": {text: _capped(ids) for text, ids in sorted(by_result.items())},
        "late": _capped(sorted(late)),
        "corrected": corrected_recorded(corrected),
        "moved": _capped(moved),
    }


@dataclass(frozen=True)
class Listed:
    """One list of the page: how many there were, and the rows shown (at most `SHOWN`)."""

    count: int
    rows: list

    @property
    def more(self) -> int:
        """How many the page does not show ('en nog 12')."""
        return self.count - len(self.rows)


@dataclass(frozen=True)
class JoinedSignal:
    signal: Signal
    melding_id: int


@dataclass(frozen=True)
class CorrectedSignal:
    signal: Signal
    melding_id: int
    changes: dict

    @property
    def what(self) -> str:
        """'bedrag € 450,00 → € 455,00; crisissignaal nee → ja', as the timeline says it."""
        return described(self.changes)


@dataclass(frozen=True)
class MovedSignal:
    signal: Signal
    left_id: int
    joined_id: int
    dropped: bool

    @property
    def left_reference(self) -> str:
        """The kenmerk of the melding left: a dropped one has no page to link to."""
        return kenmerk.of(self.left_id)


@dataclass(frozen=True)
class ReopenedMelding:
    melding: Melding
    reasons: list[str]

    @property
    def why(self) -> str:
        """'beleid gewijzigd en BRP-uittreksel bijgewerkt', as the timeline names them; empty
        when the run could not tell (`matching.rematch`)."""
        return listed(RematchReason(reason).label for reason in self.reasons)


@dataclass(frozen=True)
class RunChanges:
    new: Listed
    # None: the run is from before runs stored the meldingen they picked up again.
    reopened: Listed | None
    joined: Listed
    no_go: list[tuple[str, Listed]]
    late: Listed
    # None: the run is from before runs stored the signals corrected since the previous one.
    corrected: Listed | None
    # None: the run is from before runs stored the signals that went to another address.
    moved: Listed | None

    @property
    def no_go_count(self) -> int:
        return sum(part.count for _, part in self.no_go)

    @property
    def shown(self) -> list[Melding | Signal]:
        """Every melding and signal the page shows, for the audit log."""
        reopened = [row.melding for row in self.reopened.rows] if self.reopened else []
        meldingen = [
            *self.new.rows, *reopened, *(m for _, part in self.no_go for m in part.rows)
        ]  # fmt: skip
        corrected = self.corrected.rows if self.corrected else []
        moved = self.moved.rows if self.moved else []
        signals = [*self.joined.rows, *self.late.rows, *corrected, *moved]
        return [*meldingen, *(row.signal for row in signals)]


# What a run without signals stores: it changed nothing.
NO_CHANGES = {
    "new": _capped([]),
    "reopened": _capped([]),
    "joined": _capped([]),
    "no_go": {},
    "late": _capped([]),
    "corrected": _capped([]),
    "moved": _capped([]),
}


def has_changes(run: MatchingRun) -> bool:
    """Whether ``run`` stored its changes (runs from before 27 November 2026 did not)."""
    return "changes" in (run.summary or {})


def changes_of(run: MatchingRun) -> RunChanges:
    """The lists of the run's result page, read from the ids the run stored."""
    stored = run.summary["changes"]
    no_go_ids = (pk for part in stored["no_go"].values() for pk in part["shown"])
    reopened = stored.get("reopened")
    reopened_ids = [pk for pk, _ in reopened["shown"]] if reopened else []
    melding_ids = [*stored["new"]["shown"], *reopened_ids, *no_go_ids]
    meldingen = Melding.objects.select_related("queue").in_bulk(melding_ids)
    corrected = stored.get("corrected")
    moved = stored.get("moved")
    pairs = [*stored["joined"]["shown"], *stored["late"]["shown"]]
    signal_ids = [pk for pk, _ in pairs] + [
        row[0] for part in (corrected, moved) for row in (part or {}).get("shown", [])
    ]
    signals = Signal.objects.select_related("creditor").in_bulk(signal_ids)

    def melding_list(part: dict) -> Listed:
        # A melding erased since (retention) is left out of the rows, not of the count.
        return Listed(part["count"], [meldingen[pk] for pk in part["shown"] if pk in meldingen])

    def signal_list(part: dict) -> Listed:
        rows = [JoinedSignal(signals[s], m) for s, m in part["shown"] if s in signals]
        return Listed(part["count"], rows)

    def corrected_list(part: dict) -> Listed:
        rows = [CorrectedSignal(signals[s], m, c) for s, m, c in part["shown"] if s in signals]
        return Listed(part["count"], rows)

    def moved_list(part: dict) -> Listed:
        rows = [
            MovedSignal(signals[s], *meldingen) for s, *meldingen in part["shown"] if s in signals
        ]
        return Listed(part["count"], rows)

    def reopened_list(part: dict) -> Listed:
        rows = [ReopenedMelding(meldingen[pk], why) for pk, why in part["shown"] if pk in meldingen]
        return Listed(part["count"], rows)

    return RunChanges(
        new=melding_list(stored["new"]),
        reopened=reopened_list(reopened) if reopened else None,
        joined=signal_list(stored["joined"]),
        no_go=[(text, melding_list(part)) for text, part in stored["no_go"].items()],
        late=signal_list(stored["late"]),
        corrected=corrected_list(corrected) if corrected else None,
        moved=moved_list(moved) if moved else None,
    )
