"""Charts as SVG text (matplotlib, Agg), drawn from a ``Table`` so chart and table agree.

Public API: ``chart_svg(table)`` → SVG markup or None for tables that read better as a table,
and ``chart_src(table)`` → the same as a data: URL for an <img>. Pages and the PDF embed the
chart as an image rather than inline SVG: matplotlib styles its SVG with style attributes,
which the Content-Security-Policy (style-src 'self') blocks in the page but not inside an
image. Figures are built without pyplot, so rendering is thread-safe and leaves no global state.
Bar labels are the table's own texts (``Table.text``: Dutch, the column's decimals); value axes
start at 0, count axes have whole-number ticks, and ticks are Dutch too (10.000; 2,5).
"""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays text: sharper, smaller, findable
        "svg.hashsalt": "vroegsignaal",  # stable element ids between renders
        "font.family": "sans-serif",
        "font.size": 9,
    }
)

from matplotlib.axis import Axis  # noqa: E402 (after choosing the backend)
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import Formatter, MaxNLocator  # noqa: E402

from vroegsignaal.monitoring.tables import Table, dutch_number  # noqa: E402

COLOURS = ("#01689b", "#e17000", "#39870c", "#a90061")
# Table key → (kind of chart, value columns). Tables not listed are shown as a table only.
CHARTS = {
    "trechter": ("barh", (1,)),
    "trend": ("line", (1, 2, 3, 4)),
    "signaalpartner": ("barh", (1,)),
    "soort-melding": ("barh", (1,)),
    "werkbakje": ("barh", (1,)),
    "bereik-contactsoort": ("barh", (3,)),
    "bereik-dagdeel": ("barh", (3,)),
    "resultaten": ("barh", (1,)),
    "doorlooptijden": ("barh", (2, 3)),
    "gemeenten": ("barh", (2,)),
}


def _barh(figure: Figure, table: Table, columns: tuple[int, ...]) -> None:
    axes = figure.add_subplot()
    labels = [str(row[0]) for row in table.rows][::-1]
    height = 0.8 / len(columns)
    for offset, column in enumerate(columns):
        values = [row[column] or 0 for row in table.rows][::-1]
        positions = [i + offset * height - 0.4 + height / 2 for i in range(len(labels))]
        bars = axes.barh(positions, values, height=height, color=COLOURS[offset],
                         label=table.columns[column])  # fmt: skip
        axes.bar_label(bars, labels=[table.text(column, v) for v in values], padding=2)
    axes.set_yticks(range(len(labels)), labels)
    _value_axis(axes.xaxis, _plotted(table, columns))
    if len(columns) > 1:
        axes.legend(loc="lower right")
    axes.set_xlabel(table.columns[columns[0]] if len(columns) == 1 else "")


def _line(figure: Figure, table: Table, columns: tuple[int, ...]) -> None:
    axes = figure.add_subplot()
    months = [row[0] for row in table.rows]
    for colour, column in zip(COLOURS, columns, strict=False):
        axes.plot(months, [row[column] for row in table.rows], marker="o", color=colour,
                  label=table.columns[column])  # fmt: skip
    axes.legend()
    axes.tick_params(axis="x", labelrotation=45)
    _value_axis(axes.yaxis, _plotted(table, columns))


def _plotted(table: Table, columns: tuple[int, ...]) -> list:
    return [row[column] for row in table.rows for column in columns if row[column] is not None]


def _value_axis(axis: Axis, values: list) -> None:
    """Start the value axis at 0 (counts, days and percentages are never negative); counts get
    whole-number ticks; every tick is written the Dutch way (10.000; 2,5)."""
    if values and all(isinstance(v, int) for v in values):
        axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(_DutchTicks())
    set_limits = axis.axes.set_xlim if axis is axis.axes.xaxis else axis.axes.set_ylim
    # All zero: without an upper limit matplotlib would centre 0 between -0.04 and 0.04.
    set_limits(0, None if max(values, default=0) > 0 else 1)


class _DutchTicks(Formatter):
    """Tick labels in Dutch with as many decimals as the ticks need: 0 | 5.000 or 0,0 | 2,5."""

    decimals = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        self.decimals = next(
            (d for d in range(3) if all(abs(round(v, d) - v) < 1e-9 for v in locs)), 2
        )

    def __call__(self, value, pos=None):
        return dutch_number(float(value), self.decimals)


def chart_svg(table: Table) -> str | None:
    """The chart of ``table`` as inline-ready SVG (no XML prolog), or None."""
    if table.key not in CHARTS or not table.rows:
        return None
    kind, columns = CHARTS[table.key]
    height = (
        1.2
        + 0.3 * len(table.rows) * (len(columns) if kind == "barh" else 0)
        + (3 if kind == "line" else 0)
    )
    figure = Figure(figsize=(7, height), layout="constrained")
    (_barh if kind == "barh" else _line)(figure, table, columns)
    for axes in figure.axes:
        axes.spines[["top", "right"]].set_visible(False)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def chart_src(table: Table) -> str | None:
    """The chart of ``table`` as a data:image/svg+xml URL, or None."""
    svg = chart_svg(table)
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
