"""Which figures about residents a reader of the monitoring sees: exact for the meldpunt of the
municipality, with small numbers hidden for everyone else (the rules: ``small_numbers``).

Public API: ``Protection`` (``Protection.of(scope, counts)``, then ``protect_counts``,
``count``, ``shown``, ``share``, ``mark`` and ``hidden_averages`` per table),
``with_legend(table)`` and ``reader_note(scope)``.

Protected are the figures of what the municipality learned from or about a resident after the
signal: end results, help accepted (and the term table's statutory terms, which only meldingen
whose resident accepted help have, and its meldingen closed without it),
referrals and to what, problems in other life domains, heropaf outcomes and satisfaction.
Signals, meldingen and the chain's own work (picked up, attempts, reached, lead times, terms,
werkbakjes) are not: they say what happened to a signal, not what a household answered or how
it is doing. Small numbers are hidden over the scope's peers (``scope.peer_scope``: the region
of a municipality), so the region and each of its
municipalities hide the same cells, and no hidden count follows from their tables side by side
with the totals their shares give away, the totals another table shows (``told``: the
satisfaction table's reached closings), the shown counts that bound them (``bounds``: help
accepted and referred are at most reached) and the counts that are sums of others (``counted``:
help accepted is the sum of its terms' cells; ``small_numbers.hide_counts``). A table's page, chart,
CSV, XLSX and PDF all show the same marks, because they are all drawn from its rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

import polars as pl

from vroegsignaal.monitoring.melding_counts import (
    MeldingCounts,
    heropaf_standing,
    peer_counts,
    result_counts,
)
from vroegsignaal.monitoring.scope import Scope, peer_scope
from vroegsignaal.monitoring.small_numbers import FEW, HIDDEN, hide_averages, hide_counts
from vroegsignaal.monitoring.tables import Table, percentage

REGION = "regio"  # the key of all peers together (a region's figure), beside municipality ids


class Protection:
    """The counts of the scope's peers and what of them the reader of the scope sees.

    ``cube``, ``conversation_term``, ``heropaf`` and ``results`` are the peers' melding counts
    (``melding_counts``); ``peers`` their scope. Each table protects its cells once (``protect_counts``); ``own`` is
    the key of the scope's own figures among them: ``REGION`` for the whole peer set, else a
    municipality id.
    """

    def __init__(
        self, scope: Scope, peers: Scope, cube: pl.DataFrame, conversation_term: pl.DataFrame,
        heropaf: pl.DataFrame, results: pl.DataFrame,
    ):  # fmt: skip
        self.scope, self.peers, self.cube, self.heropaf = scope, peers, cube, heropaf
        self.conversation_term, self.results = conversation_term, results
        whole = set(scope.municipality_ids) == set(peers.municipality_ids)
        self.own = REGION if whole else scope.municipality_ids[0]
        self._cells: dict[str, dict] = {}
        self._marks: dict[str, dict] = {}

    @classmethod
    def of(cls, scope: Scope, counts: MeldingCounts) -> Protection:
        """The protection of ``scope`` (whose meldingen ``counts`` counted): for an exact scope
        nothing is hidden and the peers are the scope itself, whose cube and conversation terms
        ``counts`` holds. Heropaf standing and end results are read once, for the peers only."""
        peers = scope if scope.exact else peer_scope(scope)
        same = peers.municipality_ids == scope.municipality_ids
        cube, terms = (counts.cube, counts.conversation_term) if same else peer_counts(peers)
        return cls(scope, peers, cube, terms, heropaf_standing(peers, cube), result_counts(peers))

    def protect_counts(
        self, table: str, cells: Mapping[tuple[str, int], int], shares_of: Iterable = (),
        told: Iterable = (), bounds: Mapping[tuple[str, int], int] | None = None,
        counted: Mapping[str, Iterable] | None = None,
    ) -> None:  # fmt: skip
        """Record ``cells`` (count per row and peer municipality id) of ``table`` and which are
        hidden; ``shares_of``: groups of rows that are shown as shares of their total, so the
        reader knows that total for each municipality and for the region; ``told``: groups of
        rows whose total another table shows as it is, per municipality and for the region;
        ``bounds``: per row and peer municipality id the most its count can be, by a count the
        reader sees (help accepted: reached) and whose region figure is their sum; a row's
        missing ones are 0; ``counted``: name → rows whose sum is itself a count the reader
        sees, read with ``mark``, ``count`` and ``shown`` by its name like a row. Once per
        table."""
        if table in self._cells:
            return
        rows = sorted({row for row, _ in cells}, key=str)
        ids = self.peers.municipality_ids
        full = {(row, m): cells.get((row, m), 0) for row in rows for m in ids}
        full |= {(row, REGION): sum(full[row, m] for m in ids) for row in rows}
        parts = {key: value for key, value in full.items() if key[1] != REGION}
        counted = counted or {}
        self._cells[table] = full | {
            (name, m): sum(full.get((row, m), 0) for row in group)
            for name, group in counted.items()
            for m in [*ids, REGION]
        }
        limits = None
        if bounds is not None:
            bounded = {row for row, _ in bounds}
            limits = {(row, m): bounds.get((row, m), 0) for row in bounded for m in ids}
        self._marks[table] = (
            {} if self.scope.exact else hide_counts(parts, REGION, shares_of, told, limits, counted)
        )

    def reached(self) -> dict[int, int]:
        """Peer municipality id → its meldingen in which the resident was reached: a count the
        reader sees, and the most that help accepted, referred and the referrals to one kind of
        help can be (help is accepted by a reached resident, a referral follows a conversation;
        a second referral to the same help needs another contact round, so this bound is at
        most what the reader is taken to know)."""
        per_municipality = self.cube.group_by("municipality_id").agg(pl.col("reached").sum())
        return dict(per_municipality.iter_rows())

    def count(self, table: str, row: str, municipality=None) -> int:
        """The exact count of ``row`` for the scope (or one ``municipality``): for totals and
        shares, never shown where ``mark`` gives a mark."""
        return self._cells[table].get((row, self._key(municipality)), 0)

    def mark(self, table: str, row: str, municipality=None) -> str | None:
        """The mark shown instead of the count of ``row``, or None when it is shown."""
        return self._marks[table].get((row, self._key(municipality)))

    def shown(self, table: str, row: str, municipality=None) -> int | str:
        """The count of ``row`` as the reader sees it: the count or its mark."""
        return self.mark(table, row, municipality) or self.count(table, row, municipality)

    def share(self, table: str, row: str, whole: int, municipality=None) -> float | str | None:
        """The count of ``row`` as a percentage of ``whole``, or ``HIDDEN`` with its count."""
        if self.mark(table, row, municipality):
            return HIDDEN
        return percentage(self.count(table, row, municipality), whole)

    def hidden_averages(self, answers: Mapping[int, int]) -> set:
        """The municipality ids (``REGION``: all together) whose averages or shares of answers
        are hidden, given the answers of each peer municipality."""
        if self.scope.exact:
            return set()
        parts = {m: answers.get(m, 0) for m in self.peers.municipality_ids}
        return hide_averages(parts, total=REGION)

    def _key(self, municipality):
        return self.own if municipality is None else municipality


def reader_note(scope: Scope) -> str:
    """What the page and the report say above the figures about small numbers."""
    if scope.exact:
        return (
            "Exacte cijfers: u ziet de meldingen van deze gemeente zelf, dus kleine aantallen "
            "zijn niet afgeschermd. Deel deze tabellen niet buiten het meldpunt; de "
            "projectleider ziet ze met kleine aantallen afgeschermd."
        )
    return (
        "Kleine aantallen over inwoners zijn afgeschermd (eindresultaten, hulp geaccepteerd en "
        "de wettelijke termijnen die daarmee beginnen, doorverwijzingen, heropaf, tevredenheid, "
        "leefgebieden): '< 5' is 1 tot en met 4, 'x' "
        "is weggelaten omdat het op minder dan 5 inwoners berust of omdat een afgeschermd "
        "cijfer er anders uit terug te rekenen is. Dat geldt binnen deze selectie: wie de "
        "cijfers van twee periodes van elkaar aftrekt (januari tot en met oktober min januari "
        "tot en met september), kan een klein aantal van oktober toch uitrekenen. Deel deze "
        "tabellen daarom niet buiten het projectteam en publiceer alleen cijfers van hele "
        "kwartalen of jaren."
    )


LEGEND = {
    FEW: f"'{FEW}' is 1 tot en met 4",
    HIDDEN: (
        f"'{HIDDEN}' is weggelaten, omdat het op minder dan 5 inwoners berust of omdat een "
        "afgeschermd cijfer er anders uit terug te rekenen is"
    ),
}


def with_legend(table: Table) -> Table:
    """``table`` with a note that explains the marks it shows (unchanged without marks)."""
    shown = {cell for row in table.rows for cell in row[1:] if isinstance(cell, str)}
    marks = [LEGEND[mark] for mark in LEGEND if mark in shown]
    if not marks:
        return table
    legend = f"Kleine aantallen zijn afgeschermd: {'; '.join(marks)}."
    return dataclasses.replace(table, note=f"{table.note} {legend}".strip())
