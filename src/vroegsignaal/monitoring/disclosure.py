"""What a reader can work out from a table of counts of which some are hidden. Pure: no Django,
no database; ``small_numbers`` decides what to hide with it.

Public API: ``UNBOUNDED``, ``CountTable(cells, total, shares_of, told, counted)``, its
``counts``, ``sums`` and ``told_totals``, ``pinned(hidden)`` and
``cheapest_to_hide(cell, hidden, hideable)``.

The table: counts per row and column (a result per municipality), a total column that adds up
each row (the region), and groups of rows shown as shares of their column's total (the
percentages of the end results), which tell the reader that total while one shown count of the
group is not 0, and groups of rows whose total another table on the page shows (``told``: the
satisfaction table's reached closings are the end results in which the resident was reached),
which the reader knows unless that table hides it too: a told total (name, column) can be hidden
like a cell. A group of rows whose total is itself a count the reader sees (``counted``: the
funnel's help accepted is the sum of its meldingen's statutory term cells) is a cell (name,
column) of the table: shown, or hidden with what the reader knows of it. Every fact the reader has is then a flow in one network: a column's group total
flows into its cells, each cell into its row, each row into the total column's cell and on into
the total column's group totals, and back. A shown count is a fixed flow; for a hidden one the
reader knows only an interval (``hidden``: cell → (lowest, highest)); a total the reader is not
told is free. A hidden count can be worked out exactly when no cycle of the residual network
passes through it: along such a cycle every count can move by one and every fact stays true, and
without one every table that fits the facts has the same count. Counts are whole numbers and
the network's flows are too, so reachability answers exactly, with no rounding and no search.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass

UNBOUNDED = float("inf")
_ORIGIN = "origin"


@dataclass(frozen=True)
class _Arc:
    """A flow the reader may know: a ``cell``'s count, or a group's total (``cell`` None), which
    the reader knows while one of its ``parts`` is shown and not 0 (a column's total of all rows,
    with no parts, never), or while another table shows it (``told``: the (name, column) of
    each total that says it)."""

    tail: Hashable
    head: Hashable
    value: int
    cell: Hashable | None = None
    parts: tuple = ()
    told: tuple = ()


class CountTable:
    """``cells``: count per (row, column); ``total``: the key of the column that adds them up
    (its cells are (row, ``total``)); ``shares_of``: groups of rows shown as shares of their total
    in each column, the total column too; these nest or do not overlap (laminar). ``told``:
    name → a group of rows whose total in each column another table shows; one that overlaps
    another group without nesting is split along it, so the reader is taken to know more,
    never less (hiding the name's total in a column hides every part of it). ``counted``:
    name → a group of rows whose total in each column is a count of the table, (name, column)
    in ``counts`` beside the cells (``sums`` says which rows each adds up); such a group is
    neither a group of shares nor a told one."""

    def __init__(
        self, cells: Mapping[tuple, int], total: Hashable, shares_of: Iterable[Collection] = (),
        told: Mapping[Hashable, Collection] | None = None,
        counted: Mapping[Hashable, Collection] | None = None,
    ):  # fmt: skip
        rows = sorted({row for row, _ in cells}, key=str)
        columns = sorted({column for _, column in cells}, key=str)
        counts = {(row, c): cells.get((row, c), 0) for row in rows for c in columns}
        counts |= {(row, total): sum(counts[row, c] for c in columns) for row in rows}
        self.sums = {
            name: frozenset(row for row in rows if row in group)
            for name, group in (counted or {}).items()
        }
        self._counted = {group: name for name, group in self.sums.items() if group}
        counts |= {
            (name, c): sum(counts[row, c] for row in group)
            for name, group in self.sums.items()
            for c in [*columns, total]
        }
        self.counts = counts
        shared = _laminar(shares_of, rows)
        told = told or {}
        names = defaultdict(set)  # a told group (or part of one) → the names of its totals
        for name, group in told.items():
            others = [*shared, *_restricted(told.values(), rows)]
            for part in _split_along(_restricted([group], rows), others):
                names[part].add(name)
        self._told = {group: tuple(sorted(found, key=str)) for group, found in names.items()}
        self._shared = set(shared)
        if self._counted.keys() & (self._shared | self._told.keys()):
            raise ValueError("Een opgeteld aantal kan niet ook een getoond totaal zijn.")
        # Largest first, so the smallest is found last.
        groups = _laminar([*shared, *self._told, *self._counted], rows)
        self._enclosing = {g: next((o for o in reversed(groups) if g < o), None) for g in groups}
        self._groups = groups
        self._group_of = {
            row: next((g for g in reversed(groups) if row in g), None) for row in rows
        }
        arcs = [arc for c in columns for arc in self._column(c, rows)]
        # The same for the total column, the other way round: its flow goes back to the origin.
        arcs += [
            dataclasses.replace(arc, tail=arc.head, head=arc.tail)
            for arc in self._column(total, rows)
        ]
        self._arcs = arcs

    def _column(self, column: Hashable, rows: list) -> list[_Arc]:
        """The arcs of ``column``, each from the outside in: from the origin to the column's
        total of all rows (never told), from a group's enclosing group (None: all rows) to the
        group (a counted one's arc is its cell), and from a row's smallest group to the row."""

        def node(group):
            return ("column", column, group)

        def count(group):
            return sum(self.counts[row, column] for row in group)

        arcs = [_Arc(_ORIGIN, node(None), count(rows))]
        arcs += [
            _Arc(node(self._enclosing[g]), node(g), count(g),
                 cell=(self._counted[g], column) if g in self._counted else None,
                 parts=tuple((row, column) for row in rows if row in g and g in self._shared),
                 told=tuple((name, column) for name in self._told.get(g, ())))
            for g in self._groups
        ]  # fmt: skip
        arcs += [
            _Arc(node(self._group_of[row]), ("row", row), self.counts[row, column],
                 cell=(row, column))
            for row in rows
        ]  # fmt: skip
        return arcs

    def pinned(self, hidden: Mapping[Hashable, tuple]) -> list:
        """The cells of ``hidden`` (cell → the interval the reader knows it lies in) that the
        reader can work out exactly, in the table's order."""
        adjacency = self._residual(hidden)
        return [
            arc.cell
            for number, arc in enumerate(self._arcs)
            if arc.cell in hidden and not self._can_move(number, hidden, adjacency)
        ]

    def cheapest_to_hide(
        self, cell: Hashable, hidden: Mapping[Hashable, tuple], hideable: Mapping[Hashable, tuple]
    ) -> list | None:
        """The cells to hide as well so that ``cell`` can no longer be worked out, at the lowest
        cost, or None when no choice of ``hideable`` (cell → (cost, interval once hidden); the
        hidden ones may be widened) does it. A group's total stops being known when all its
        shown parts that are not 0 are hidden: that costs them all."""
        number = next(n for n, arc in enumerate(self._arcs) if arc.cell == cell)
        arc = self._arcs[number]
        low, high = self._interval(arc, hidden)
        edges = self._edges(hidden, hideable, skip=number)
        paths = []
        if arc.value < high:  # more of it: back from its head to its tail
            paths.append(_cheapest_path(edges, arc.head, arc.tail))
        if arc.value > low:
            paths.append(_cheapest_path(edges, arc.tail, arc.head))
        found = [path for path in paths if path is not None]
        return min(found, key=lambda path: path[0])[1] if found else None

    def _interval(self, arc: _Arc, hidden: Mapping) -> tuple:
        if arc.cell is not None:
            return hidden.get(arc.cell, (arc.value, arc.value))
        if self._telling(arc, hidden):
            return arc.value, arc.value
        return 0, UNBOUNDED

    def _telling(self, arc: _Arc, hidden: Mapping) -> list:
        """What tells the reader a group's total (``arc``): its told totals and its shown parts
        that are not 0; it is known while one of them is not hidden."""
        parts = [part for part in arc.parts if part not in hidden and self.counts[part]]
        return [key for key in arc.told if key not in hidden] + parts

    @property
    def told_totals(self) -> dict[tuple, int]:
        """(name, column) → the told total of the name's group in that column."""
        totals = defaultdict(int)
        for arc in self._arcs:
            for name, column in arc.told:
                totals[name, column] += arc.value
        return dict(totals)

    def _residual(self, hidden: Mapping) -> dict:
        """Node → [(next node, arc number)]: where the flow can move by one."""
        adjacency = defaultdict(list)
        for number, arc in enumerate(self._arcs):
            low, high = self._interval(arc, hidden)
            if arc.value < high:
                adjacency[arc.tail].append((arc.head, number))
            if arc.value > low:
                adjacency[arc.head].append((arc.tail, number))
        return adjacency

    def _can_move(self, number: int, hidden: Mapping, adjacency: dict) -> bool:
        arc = self._arcs[number]
        low, high = self._interval(arc, hidden)
        return (arc.value < high and _reaches(adjacency, arc.head, arc.tail, number)) or (
            arc.value > low and _reaches(adjacency, arc.tail, arc.head, number)
        )

    def _edges(self, hidden: Mapping, hideable: Mapping, skip: int) -> dict:
        """Node → [(next node, cost, cells hidden for it)]: the residual network (cost 0) with
        the moves that hiding more cells would allow."""
        edges = defaultdict(list)
        for number, arc in enumerate(self._arcs):
            if number == skip:
                continue
            moves = [(self._interval(arc, hidden), 0, ())]
            if arc.cell in hideable:
                cost, interval = hideable[arc.cell]
                moves.append((interval, cost, (arc.cell,)))
            elif (
                arc.cell is None
                and (telling := self._telling(arc, hidden))
                and all(p in hideable for p in telling)
            ):
                cost = sum(hideable[p][0] for p in telling)
                moves.append(((0, UNBOUNDED), cost, tuple(telling)))
            for (low, high), cost, cells in moves:
                if arc.value < high:
                    edges[arc.tail].append((arc.head, cost, cells))
                if arc.value > low:
                    edges[arc.head].append((arc.tail, cost, cells))
        return edges


def _restricted(groups: Iterable[Collection], rows: list) -> set[frozenset]:
    """The ``groups`` over ``rows``, distinct and not empty."""
    return {frozenset(row for row in rows if row in group) for group in groups} - {frozenset()}


def _crosses(one: frozenset, other: frozenset) -> bool:
    return bool(one & other) and not (one <= other or other <= one)


def _split_along(told: set[frozenset], others: list[frozenset]) -> set[frozenset]:
    """``told`` with each group that crosses another (of ``others`` or of its own parts) split
    into the part inside and the part outside it, until none crosses. The totals of the parts
    tell the reader the group's total and more: a table hidden against them hides enough."""
    while crossing := next(
        ((t, g) for t in told for g in [*told, *others] if _crosses(t, g)), None
    ):
        group, along = crossing
        told = (told - {group}) | ({group & along, group - along} - {frozenset()})
    return told


def _laminar(shares_of: Iterable[Collection], rows: list) -> list[frozenset]:
    """The groups over ``rows``, distinct and not empty, largest first; a group that overlaps
    another without one holding the other has no place in one network."""
    groups = sorted(
        _restricted(shares_of, rows), key=lambda group: (-len(group), sorted(map(str, group)))
    )
    for one, other in itertools.combinations(groups, 2):
        if _crosses(one, other):
            raise ValueError("Groepen rijen die elkaar overlappen passen niet in één tabel.")
    return groups


def _reaches(adjacency: dict, start, goal, skip: int) -> bool:
    """Whether ``goal`` is reachable from ``start`` without arc number ``skip``."""
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for following, number in adjacency[node]:
            if number != skip and following not in seen:
                if following == goal:
                    return True
                seen.add(following)
                todo.append(following)
    return False


def _cheapest_path(edges: dict, start, goal) -> tuple[int, list] | None:
    """(cost, cells to hide) of the cheapest path from ``start`` to ``goal`` (Dijkstra), or None."""
    order = itertools.count()  # ties: the first found, so the result never depends on chance
    queue = [(0, next(order), start, ())]
    done = set()
    while queue:
        cost, _, node, cells = heapq.heappop(queue)
        if node == goal:
            return cost, list(dict.fromkeys(cells))
        if node in done:
            continue
        done.add(node)
        for following, step, hides in edges[node]:
            if following not in done:
                heapq.heappush(queue, (cost + step, next(order), following, cells + hides))
    return None
