"""Charts as SVG text (matplotlib, Agg), drawn from a ``Table`` so chart and table agree.

Public API: ``chart_svg(table)`` → SVG markup or None for tables that read better as a table;
``drawn_svg(table)`` → the same, drawn once per distinct figures; ``chart_src(table)`` → that as
a data: URL and ``inline_image(table)`` → a ``ChartImage`` with it (the reports embed their
charts); ``chart_size(table)`` → the image's size in CSS pixels, known before it is drawn (the
dashboard's lazy images, ``chart_images``). Pages and the PDF show a chart as an image rather
than inline SVG: matplotlib styles its SVG with style attributes, which the
Content-Security-Policy (style-src 'self') blocks in the page but not inside an image. Figures are built without pyplot, so rendering is thread-safe and leaves no global state.
Bar labels are the table's own texts (``Table.text``: Dutch, the column's decimals); value axes
start at 0, count axes have whole-number ticks, and ticks are Dutch too (10.000; 2,5). A cell
hidden for small numbers ('< 5', 'x': ``small_numbers``) gets no bar, only its mark as label:
a bar's length would show the number.
"""

from __future__ import annotations

import base64
import functools
import io
import itertools
from dataclasses import dataclass

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
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import Formatter, MaxNLocator  # noqa: E402

from vroegsignaal.gc_pause import cyclic_gc_paused  # noqa: E402
from vroegsignaal.monitoring.tables import Table, dutch_number  # noqa: E402

MAX_TICKS = 6  # intervals on a value axis; fewer when their labels would touch
SVG_DPI = 72  # matplotlib writes SVG in points
COLOURS = ("#01689b", "#e17000", "#39870c", "#a90061", "#42145f")
# Table key → (kind of chart, value columns). Tables not listed are shown as a table only.
CHARTS = {
    "trechter": ("barh", (1,)),
    "trend": ("line", (1, 2, 3, 4, 5)),
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
        cells = [row[column] for row in table.rows][::-1]
        values = [_number(cell) or 0 for cell in cells]
        positions = [i + offset * height - 0.4 + height / 2 for i in range(len(labels))]
        bars = axes.barh(positions, values, height=height, color=COLOURS[offset],
                         label=table.columns[column])  # fmt: skip
        texts = [table.text(column, cell if cell is not None else 0) for cell in cells]
        axes.bar_label(bars, labels=texts, padding=2)
    axes.set_yticks(range(len(labels)), labels)
    _value_axis(axes.xaxis, _plotted(table, columns))
    if len(columns) > 1:  # above the bars, never on them
        figure.legend(loc="outside upper center", ncols=len(columns), frameon=False)
    axes.set_xlabel(table.columns[columns[0]] if len(columns) == 1 else "")
    _fit(figure, axes)


def _line(figure: Figure, table: Table, columns: tuple[int, ...]) -> None:
    axes = figure.add_subplot()
    months = [row[0] for row in table.rows]
    for colour, column in zip(COLOURS, columns, strict=False):
        axes.plot(months, [_number(row[column]) for row in table.rows], marker="o", color=colour,
                  label=table.columns[column])  # fmt: skip
    figure.legend(loc="outside upper center", ncols=len(columns), frameon=False)
    axes.tick_params(axis="x", labelrotation=45)
    _value_axis(axes.yaxis, _plotted(table, columns))


def _number(cell) -> int | float | None:
    """A cell as a plotted value: None for no figure and for a mark shown instead of one."""
    return cell if isinstance(cell, int | float) else None


def _plotted(table: Table, columns: tuple[int, ...]) -> list:
    return [
        row[column] for row in table.rows for column in columns if _number(row[column]) is not None
    ]


def _value_axis(axis: Axis, values: list) -> None:
    """Start the value axis at 0 (counts, days and percentages are never negative); counts get
    whole-number ticks; at most ``MAX_TICKS`` ticks, each written the Dutch way (10.000; 2,5)."""
    axis.set_major_locator(_locator(axis, MAX_TICKS, values))
    axis.set_major_formatter(_DutchTicks())
    set_limits = axis.axes.set_xlim if axis is axis.axes.xaxis else axis.axes.set_ylim
    # All zero: without an upper limit matplotlib would centre 0 between -0.04 and 0.04.
    set_limits(0, None if max(values, default=0) > 0 else 1)


def _locator(axis: Axis, bins: int, values: list | None = None) -> MaxNLocator:
    """At most ``bins`` intervals; whole numbers only on a count axis (remembered on the axis)."""
    if values is not None:
        axis.whole_numbers = bool(values) and all(isinstance(v, int) for v in values)
    whole = getattr(axis, "whole_numbers", False)
    return MaxNLocator(nbins=bins, steps=(1, 2, 2.5, 5, 10), integer=whole)  # round steps


def _fit(figure: Figure, axes) -> None:
    """Lay out a bar chart as it will be saved and adjust it until it reads well: the value
    axis is widened until every bar label fits beside its bar (so '14.422' is not cut off),
    and the value axis gets fewer ticks until its labels no longer touch (long row labels
    leave a narrow axis). The layout it settles on is kept: saving does not compute it again
    (the layout takes most of a chart's time, and each visit to the dashboard may draw a dozen)."""
    renderer = FigureCanvasAgg(figure).get_renderer()  # measures text as it will be drawn
    bins = MAX_TICKS
    for _attempt in range(10):
        figure.draw_without_rendering()
        box = axes.get_window_extent(renderer)
        right = max((text.get_window_extent(renderer).x1 for text in axes.texts), default=0)
        if right > box.x1 and box.width > 0:
            high = axes.get_xlim()[1]
            axes.set_xlim(0, high * (right - box.x0) / box.width * 1.02)
        elif bins > 2 and _ticks_touch(axes.xaxis, renderer):
            bins -= 1
            axes.xaxis.set_major_locator(_locator(axes.xaxis, bins))
        else:
            break
    figure.set_layout_engine("none")


def _ticks_touch(axis: Axis, renderer) -> bool:
    """Whether two tick labels of a horizontal axis (within its limits) touch or overlap."""
    low, high = axis.get_view_interval()
    boxes = sorted(
        (
            label.get_window_extent(renderer)
            for location, label in zip(
                axis.get_majorticklocs(), axis.get_ticklabels(), strict=False
            )
            if low <= location <= high and label.get_text()
        ),
        key=lambda box: box.x0,
    )
    gap = 4  # pixels
    return any(left.x1 + gap > right.x0 for left, right in itertools.pairwise(boxes))


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


def _inches(table: Table) -> tuple[float, float] | None:
    """Width and height of the chart of ``table`` in inches, or None when it has none: a bar
    per row and series, so that a long table gets a tall chart with bars as thick."""
    if table.key not in CHARTS or not table.rows:
        return None
    kind, columns = CHARTS[table.key]
    height = (
        1.2
        + 0.3 * len(table.rows) * (len(columns) if kind == "barh" else 0)
        + (3 if kind == "line" else 0)
    )
    return 7, height


def chart_size(table: Table) -> tuple[int, int] | None:
    """The chart of ``table`` in CSS pixels (width, height), or None when it has none. The
    saved SVG measures its figure in points; a browser shows a point as 4/3 pixel."""
    inches = _inches(table)
    if inches is None:
        return None
    return tuple(round(side * SVG_DPI * 4 / 3) for side in inches)


def chart_figure(table: Table) -> Figure | None:
    """The chart of ``table`` as a matplotlib figure, or None."""
    inches = _inches(table)
    if inches is None:
        return None
    kind, columns = CHARTS[table.key]
    # At the resolution of the saved SVG, so that the layout measured is the one saved.
    figure = Figure(figsize=inches, dpi=SVG_DPI, layout="constrained")
    (_barh if kind == "barh" else _line)(figure, table, columns)
    for axes in figure.axes:
        axes.spines[["top", "right"]].set_visible(False)
    return figure


@cyclic_gc_paused()
def chart_svg(table: Table) -> str | None:
    """The chart of ``table`` as inline-ready SVG (no XML prolog), or None. Drawing builds
    many short-lived objects: the cyclic garbage collector waits until it is done."""
    figure = chart_figure(table)
    if figure is None:
        return None
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def drawn_from(table: Table) -> tuple:
    """What a chart is drawn from: the key, the columns, the rows and their decimals (not the
    title or the note). Equal for two tables exactly when their charts are the same."""
    return (
        table.key,
        table.columns,
        tuple(table.rows),
        tuple(sorted(table.decimals.items())),
    )


def drawn_svg(table: Table) -> str | None:
    """``chart_svg(table)``, drawn once per distinct figures.

    The dashboard has some fourteen charts (about a second of CPU to draw them all), and
    between visits the figures seldom change."""
    return _drawn_svg(drawn_from(table))


@functools.lru_cache(maxsize=256)
def _drawn_svg(content: tuple) -> str | None:
    key, columns, rows, decimals = content
    return chart_svg(Table(key, "", columns, list(rows), decimals=dict(decimals)))


def chart_src(table: Table) -> str | None:
    """The chart of ``table`` as a data:image/svg+xml URL, or None."""
    svg = drawn_svg(table)
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


@dataclass(frozen=True)
class ChartImage:
    """A chart as the page's <img>: where it is, its size (so that the page does not jump when
    it arrives) and whether the browser fetches it only when it comes near the view."""

    src: str
    width: int
    height: int
    lazy: bool = False


def inline_image(table: Table) -> ChartImage | None:
    """The chart of ``table`` inside the page (a data: URL), as the reports need it: a PDF and
    a printed page fetch nothing later. None when the table has no chart."""
    src = chart_src(table)
    return None if src is None else ChartImage(src, *chart_size(table))
