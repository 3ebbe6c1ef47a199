"""A figure table as data: shown on the page, under each chart, in the PDF, as CSV and as XLSX.

Public API: ``Table``, ``percentage`` and ``dutch_number``. One ``Table`` serves every output,
so a chart and its table (and the downloads) can never show different figures, and the page,
the chart and the PDF write its numbers the same Dutch way (the downloads keep plain numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vroegsignaal.dutch_numbers import dutch_number, round_half_up


@dataclass(frozen=True)
class Table:
    """Titled rows; the first column labels the row, the others hold numbers (or None: '–')."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    note: str = ""
    # Fixed decimals of a number column (index → decimals); other columns: whole numbers as
    # they are, other numbers with one decimal.
    decimals: dict[int, int] = field(default_factory=dict)

    def text(self, column: int, value) -> str:
        """``value`` of ``column`` as shown on the page, in a chart and in the PDF."""
        return dutch_number(value, self.decimals.get(column))

    @property
    def shown_rows(self) -> list[tuple]:
        """The rows as the page and the PDF show them: the label, then Dutch number texts."""
        return [(row[0], *(self.text(i, v) for i, v in enumerate(row) if i)) for row in self.rows]

    def column(self, index: int) -> list:
        """The values of one column, in row order."""
        return [row[index] for row in self.rows]

    def row(self, label: str) -> tuple:
        """The row whose first cell is ``label`` (KeyError if absent)."""
        for row in self.rows:
            if row[0] == label:
                return row
        raise KeyError(label)


def percentage(part: float, whole: float) -> float | None:
    """``part`` as a percentage of ``whole`` with one decimal; None when ``whole`` is 0."""
    if not whole:
        return None
    return round_half_up(100 * part / whole, 1)
