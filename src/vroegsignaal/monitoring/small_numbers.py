"""Small-number protection, the way statistics offices publish tables (CBS: a threshold, and a
mark instead of the figure). Pure: no Django, no database; ``protection`` applies it.

Public API: ``THRESHOLD`` (5), the marks ``FEW`` ('< 5': a count from 1 to 4) and ``HIDDEN``
('x': a figure left out), ``Line``, ``hide_counts(cells, lines)`` and
``hide_averages(parts, total)``.

A count from 1 to 4 is shown as '< 5' (primary suppression). Where a reader knows the total of
a line of counts (a region's count beside its municipalities', or a municipality's total from
the shares of its rows), the hidden counts must not follow from it: while they could be worked
out exactly, the smallest shown count of the line is hidden too ('x', secondary suppression),
or the total itself when no count is left. An average (or share) of fewer than 5 answers is
hidden ('x'), and beside a shown total at least two averages of at least 5 answers together.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

THRESHOLD = 5
FEW = f"< {THRESHOLD}"
HIDDEN = "x"


@dataclass(frozen=True)
class Line:
    """Cells (keys) that add up to a total the reader knows: ``total`` is the key of a shown
    cell, or None when the total is known only from the shares (percentages) of the shown
    parts, i.e. while one shown part is not 0."""

    parts: tuple[Hashable, ...]
    total: Hashable | None = None


def hide_counts(cells: Mapping[Hashable, int], lines: Iterable[Line]) -> dict[Hashable, str]:
    """The mark of each of ``cells`` that is not shown: ``FEW`` for a count from 1 to
    ``THRESHOLD`` - 1, ``HIDDEN`` for a count (or a line's total) left out because a line's
    total would give a hidden count back. Cells not in the result are shown as they are."""
    marks: dict[Hashable, str] = {key: FEW for key, value in cells.items() if 0 < value < THRESHOLD}
    lines = list(lines)
    while (key := _next_to_hide(cells, lines, marks)) is not None:
        marks[key] = HIDDEN
    return marks


def _next_to_hide(cells, lines: list[Line], marks: dict) -> Hashable | None:
    """The cell to hide next so that no line gives a hidden count back, or None."""
    for line in lines:
        hidden = [key for key in line.parts if key in marks]
        shown = [key for key in line.parts if key not in marks and cells[key]]
        known = line.total not in marks if line.total is not None else bool(shown)
        if not hidden or not known:
            continue
        if not _determined([marks[key] for key in hidden], sum(cells[key] for key in hidden)):
            continue
        if shown:
            return min(shown, key=lambda key: cells[key])
        return line.total
    return None


def _determined(marks: list[str], together: int) -> bool:
    """Whether a reader who knows that hidden counts with these marks add up to ``together``
    can tell any one of them: '< 5' is 1 to 4, and a count hidden beside it is at least 5
    (a shown count is 0 or at least 5, and only counts that are not 0 are hidden)."""
    few = marks.count(FEW)
    others = len(marks) - few
    if len(marks) == 1:
        return True
    if not others:  # all at their lowest (1 each) or all at their highest (4 each)
        return together in (few, few * (THRESHOLD - 1))
    return together == few + THRESHOLD * others  # all at their lowest


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
