"""Small-number protection, the way statistics offices publish tables (CBS: a threshold, and a
mark instead of the figure). Pure: no Django, no database; ``protection`` applies it.

Public API: ``THRESHOLD`` (5), the marks ``FEW`` ('< 5': a count from 1 to 4) and ``HIDDEN``
('x': a figure left out), ``hide_counts(cells, total, shares_of, told)`` and
``hide_averages(parts, total)``.

A count from 1 to 4 is shown as '< 5' (primary suppression). A reader who puts the tables side
by side (the region's count beside its municipalities', each municipality's total from the
shares of its rows, a total of some rows that another table shows) must not be able to work a hidden count out exactly; while one could be,
more counts are hidden ('x', secondary suppression), the fewest residents first
(``disclosure`` finds what a reader can work out and the cheapest counts to hide). An average
(or share) of fewer than 5 answers is hidden ('x'), and beside a shown total at least two
averages of at least 5 answers together.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping

from vroegsignaal.monitoring.disclosure import UNBOUNDED, CountTable

THRESHOLD = 5
FEW = f"< {THRESHOLD}"
HIDDEN = "x"


def hide_counts(
    cells: Mapping[tuple, int], total: Hashable, shares_of: Iterable[Collection] = (),
    told: Mapping[Hashable, Collection] | None = None,
) -> dict[tuple, str]:  # fmt: skip
    """The mark of each count of a table that is not shown: ``cells`` are counts per (row,
    column), the columns add up to the column ``total`` (a region beside its municipalities;
    its cells, (row, ``total``), are marked too), and each group of rows in ``shares_of`` is
    shown as shares of its total in every column; ``told``: name → a group of rows whose total
    another table shows in every column. ``FEW`` for a count from 1 to ``THRESHOLD`` - 1;
    ``HIDDEN`` for a count left out so that no hidden count can be worked out from the shown
    counts, the row totals and the totals the shares and the other tables give away, and for
    a told total (name, column) that the other table must leave out for it. Cells not in the
    result are shown as they are."""
    table = CountTable(cells, total, shares_of, told)
    marks = {key: FEW for key, value in table.counts.items() if 0 < value < THRESHOLD}
    while pinned := table.pinned(known := _known(marks, total)):
        hideable = _hideable(table, marks, total)
        more = next(
            filter(None, (table.cheapest_to_hide(c, known, hideable) for c in pinned)), None
        )
        if more is None:  # nothing left to hide would help (with every total hideable: never)
            break
        marks |= dict.fromkeys(more, HIDDEN)
    return marks


def _known(marks: Mapping[tuple, str], total: Hashable) -> dict[tuple, tuple]:
    """What a reader knows of each hidden count: '< 5' is 1 to 4; 'x' as ``_left_out``."""
    return {
        cell: (1, THRESHOLD - 1) if mark == FEW else _left_out(cell, total)
        for cell, mark in marks.items()
    }


def _left_out(cell: tuple, total: Hashable) -> tuple:
    """What a reader knows of a count shown as 'x': a municipality's is at least 5 (only shown
    counts, 0 or at least 5, are hidden beside the small ones, and 0 never); a total's may have
    been '< 5' (``_hideable``), so only that it is not 0."""
    return (1 if cell[1] == total else THRESHOLD), UNBOUNDED


def _hideable(table: CountTable, marks: Mapping, total: Hashable) -> dict[tuple, tuple]:
    """What hiding each count still costs and what the reader then knows of it: a shown count
    costs itself; a total shown as '< 5' may become 'x' (a region's one to four of a rare
    result, each of its municipalities '< 5', could otherwise only be one each); so does a
    total another table shows (``told``), which that table then leaves out."""
    hideable = {
        cell: (value, _left_out(cell, total))
        for cell, value in table.counts.items()
        if value and cell not in marks
    }
    hideable |= {
        cell: (THRESHOLD, _left_out(cell, total))
        for cell, mark in marks.items()
        if mark == FEW and cell[1] == total
    }
    hideable |= {
        key: (value, (0, UNBOUNDED))
        for key, value in table.told_totals.items()
        if value and key not in marks
    }
    return hideable


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
