"""Small-number protection, the way statistics offices publish tables (CBS: a threshold, and a
mark instead of the figure). Pure: no Django, no database; ``protection`` applies it.

Public API: ``THRESHOLD`` (5), the marks ``FEW`` ('< 5': a count from 1 to 4) and ``HIDDEN``
('x': a figure left out), ``hide_counts(cells, total, shares_of, told, bounds, counted)`` and
``hide_averages(parts, total)``.

A count from 1 to 4 is shown as '< 5' (primary suppression). A count that a figure the reader
sees bounds from above (help accepted is at most reached) is 'x' whatever it is, 0 too, while
that bound is 1 to 4: with 'Bereikt 1', '< 5' would be 1 and 0 would be 0. A reader who puts
the tables side by side (the region's count beside its municipalities', each municipality's
total from the shares of its rows, a total of some rows that another table shows, the bounds)
must not be able to work a hidden count out exactly, nor a count that is the sum of other rows
(``counted``: help accepted, the sum of the statutory term cells of its meldingen, each of which
is at most reached as well); while one could be, more counts are hidden
('x', secondary suppression), the fewest residents first (``disclosure`` finds what a reader
can work out and the cheapest counts to hide). An average (or share) of fewer than 5 answers is
hidden ('x'), and beside a shown total at least two averages of at least 5 answers together.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass

from vroegsignaal.monitoring.disclosure import UNBOUNDED, CountTable

THRESHOLD = 5
FEW = f"< {THRESHOLD}"
HIDDEN = "x"


def hide_counts(
    cells: Mapping[tuple, int], total: Hashable, shares_of: Iterable[Collection] = (),
    told: Mapping[Hashable, Collection] | None = None, bounds: Mapping[tuple, int] | None = None,
    counted: Mapping[Hashable, Collection] | None = None,
) -> dict[tuple, str]:  # fmt: skip
    """The mark of each count of a table that is not shown: ``cells`` are counts per (row,
    column), the columns add up to the column ``total`` (a region beside its municipalities;
    its cells, (row, ``total``), are marked too), and each group of rows in ``shares_of`` is
    shown as shares of its total in every column; ``told``: name → a group of rows whose total
    another table shows in every column; ``bounds``: cell → the most its count can be, by a
    count the reader sees that adds up over the columns as well (a row whose every column has
    one has the sum as its total's bound); ``counted``: name → a group of rows whose total
    is itself a count of the table, (name, column), marked like a cell (a bound of it is keyed
    so too). ``FEW`` for a count from 1 to ``THRESHOLD`` - 1;
    ``HIDDEN`` for a count whose bound is 1 to ``THRESHOLD`` - 1, for a count left out so that
    no hidden count can be worked out from the shown counts, the row totals, the bounds and the
    totals the shares and the other tables give away, and for a told total (name, column) that
    the other table must leave out for it. Cells not in the result are shown as they are."""
    table = CountTable(cells, total, shares_of, told, counted)
    reader = _Reader.of(table, total, bounds or {})
    marks = {key: FEW for key, value in table.counts.items() if 0 < value < THRESHOLD}
    marks |= dict.fromkeys(reader.capped, HIDDEN)
    while pinned := table.pinned(known := reader.known(marks)):
        hideable = reader.hideable(table, marks)
        more = next(
            filter(None, (table.cheapest_to_hide(c, known, hideable) for c in pinned)), None
        )
        if more is None:  # nothing left to hide would help (with every total hideable: never)
            break
        marks |= dict.fromkeys(more, HIDDEN)
    return marks


@dataclass(frozen=True)
class _Reader:
    """What a reader knows of the hidden counts of a table with total column ``total``:
    ``bounds``, cell → the most it can be, the total's cells included; ``capped``, the cells
    hidden for a bound of 1 to 4, whatever their count; ``sums``, the rows each counted
    group adds up (``CountTable.sums``)."""

    total: Hashable
    bounds: dict[tuple, int]
    capped: frozenset
    sums: Mapping[Hashable, frozenset]

    @classmethod
    def of(cls, table: CountTable, total: Hashable, bounds: Mapping[tuple, int]) -> _Reader:
        # A bound below the count (data the casework rules do not allow) tells nothing more.
        known = {cell: max(high, table.counts[cell]) for cell, high in bounds.items()}
        rows = {row for row, _ in table.counts}
        columns = {column for _, column in table.counts} - {total}
        known = _within_sums(known, table, columns)
        known |= {
            (row, total): sum(known[row, c] for c in columns)
            for row in rows
            if all((row, c) in known for c in columns)
        }
        capped = frozenset(cell for cell, high in known.items() if 0 < high < THRESHOLD)
        return cls(total, known, capped, table.sums)

    def known(self, marks: Mapping[tuple, str]) -> dict[tuple, tuple]:
        """The interval each hidden count lies in, for the reader: '< 5' is 1 to 4; 'x' as
        ``_left_out``; neither above its bound."""
        return {
            cell: self._interval(cell, (1, THRESHOLD - 1) if mark == FEW else self._left_out(cell))
            for cell, mark in marks.items()
        }

    def _interval(self, cell: tuple, interval: tuple) -> tuple:
        low, high = interval
        return low, min(high, self.bounds.get(cell, UNBOUNDED))

    def _left_out(self, cell: tuple) -> tuple:
        """What a reader knows of a count shown as 'x': one hidden for its bound may be 0; so
        may a total whose row has one (it may be left out to hide them, 0 too); another total
        may have been '< 5' (``hideable``), so it is not 0; a municipality's other 'x' is at
        least 5 (only shown counts, 0 or at least 5, are hidden beside the small ones, and 0
        never)."""
        if cell in self.capped or self._open(cell):
            return 0, UNBOUNDED
        return (1 if cell[1] == self.total else THRESHOLD), UNBOUNDED

    def _open(self, cell: tuple) -> bool:
        """Whether ``cell`` adds up a count hidden for its bound, so it may be 0 when hidden:
        a total whose row has one, or a counted group's total (name, column) with one."""
        row, column = cell
        if column == self.total and any(r == row and c != self.total for r, c in self.capped):
            return True
        group = self.sums.get(row, ())
        return any(
            (r, column) in self.capped or (column == self.total and self._open((r, column)))
            for r in group
        )

    def hideable(self, table: CountTable, marks: Mapping) -> dict[tuple, tuple]:
        """What hiding each count still costs and what the reader then knows of it: a shown
        count costs itself; a total shown as '< 5' may become 'x' (a region's one to four of a
        rare result, each of its municipalities '< 5', could otherwise only be one each), and
        so may a total of 0 in a row with a count hidden for its bound (the region's 0 beside
        Borne's 'x' of 'Bereikt 1' would say it is 0), as may a counted group's 0 with one
        (help accepted 0 beside its terms' 'x'); so does a total another table shows
        (``told``), which that table then leaves out, 0 too (then a capped count in it may be
        0 or not)."""
        hideable = {
            cell: (value, self._interval(cell, self._left_out(cell)))
            for cell, value in table.counts.items()
            if value and cell not in marks
        }
        hideable |= {
            cell: (THRESHOLD, self._interval(cell, self._left_out(cell)))
            for cell, value in table.counts.items()
            if (cell[1] == self.total and marks.get(cell) == FEW)
            or (not value and self._open(cell))
        }
        hideable |= {
            key: (value or THRESHOLD, (0, UNBOUNDED))
            for key, value in table.told_totals.items()
            if key not in marks
        }
        return hideable


def _within_sums(known: dict[tuple, int], table: CountTable, columns: set) -> dict[tuple, int]:
    """``known`` with what the counted groups add: a group's total is at most the sum of its
    rows' bounds, and each of its rows at most the group's bound (help accepted of 'Bereikt 1'
    is at most 1, and so is each of its terms' cells)."""
    known = dict(known)
    for name, group in table.sums.items():
        for column in columns:
            if group and all((row, column) in known for row in group):
                room = sum(known[row, column] for row in group)
                known[name, column] = min(known.get((name, column), room), room)
            if (name, column) in known:
                for row in group:
                    high = min(known.get((row, column), UNBOUNDED), known[name, column])
                    known[row, column] = max(high, table.counts[row, column])
    return known


def hide_averages(parts: Mapping[Hashable, int], total: Hashable | None = None) -> set:
    """The keys of the averages (or shares) not shown, given how many answers each of
    ``parts`` is of: fewer than ``THRESHOLD`` (but some) hides it. With ``total`` (the key of
    the average of all parts together) the hidden ones together hold at least ``THRESHOLD``
    answers and are at least two, else the next smallest is hidden too, or the total."""
    hidden = {key for key, answers in parts.items() if 0 < answers < THRESHOLD}
    if total is None:
        return hidden
    if 0 < sum(parts.values()) < THRESHOLD:
        return hidden | {total}
    while hidden and (len(hidden) < 2 or sum(parts[k] for k in hidden) < THRESHOLD):
        shown = [key for key, answers in parts.items() if answers and key not in hidden]
        if not shown:
            return hidden | {total}
        hidden.add(min(shown, key=lambda key: parts[key]))
    return hidden
