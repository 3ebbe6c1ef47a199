"""A figure table as data: shown on the page, under each chart, in the PDF, as CSV and as XLSX.

Public API: ``Table`` and ``percentage``. One ``Table`` serves every output, so a chart and its
table (and the downloads) can never show different figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """Titled rows; the first column labels the row, the others hold numbers (or None: '–')."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    note: str = ""

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
    return round(100 * part / whole, 1)
