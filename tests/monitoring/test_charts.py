"""Charts are drawn from the same table the page shows, with Dutch numbers."""

import itertools
import re

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from vroegsignaal.monitoring.charts import chart_figure, chart_src, chart_svg
from vroegsignaal.monitoring.tables import Table


def test_chart_shows_the_labels_and_values_of_its_table():
    table = Table("resultaten", "Eindresultaten", ("Eindresultaat", "Aantal", "%"),
                  [("Inwoner is overleden", 3, 60.0), ("Niet opgepakt: andere reden", 2, 40.0)])  # fmt: skip
    svg = chart_svg(table)
    assert svg.startswith("<svg")
    assert "Inwoner is overleden" in svg and ">3<" in svg


def test_tables_without_a_chart_or_rows_get_none():
    assert chart_svg(Table("heropaf", "Heropaf", ("Uitkomst", "Meldingen"), [("x", 1)])) is None
    assert chart_src(Table("trechter", "Trechter", ("Stap", "Aantal"), [])) is None


def texts(svg: str) -> list[str]:
    """The visible texts of a chart (matplotlib writes them as <text>, fonttype none)."""
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_chart_labels_and_count_axes_are_dutch_whole_numbers():
    table = Table("trechter", "Trechter", ("Stap", "Aantal"),
                  [("Signalen", 30744), ("Meldingen", 12000)])  # fmt: skip
    shown = texts(chart_svg(table))
    assert "30.744" in shown and "12.000" in shown  # bar labels
    assert "20.000" in shown  # an axis tick
    assert not [t for t in shown if re.fullmatch(r"\d{4,}", t)]  # nothing without the dot


def test_decimal_axes_and_labels_use_a_comma_and_one_decimal():
    table = Table("doorlooptijden", "Doorlooptijden", ("Van", "Meldingen", "Mediaan", "P90"),
                  [("Signaal tot resultaat", 3, 2.5, 6.0)])  # fmt: skip
    shown = texts(chart_svg(table))
    assert "2,5" in shown and "6,0" in shown  # one decimal throughout the column
    assert not any("." in t for t in shown)


def test_per_1000_chart_labels_keep_the_columns_two_decimals():
    per_1000 = Table("gemeenten", "Gemeenten", ("Gemeente", "Signalen", "Per 1.000"),
                     [("Enschede", 616, 3.85), ("Hengelo", 320, 4.0)], decimals={2: 2})  # fmt: skip
    shown = texts(chart_svg(per_1000))
    assert "3,85" in shown and "4,00" in shown


@pytest.mark.parametrize(
    ("key", "columns"),
    [
        ("trechter", ("Stap", "Aantal")),
        ("trend", ("Maand", "Signalen", "Meldingen", "Op", "Eerste", "Ber")),
    ],
)
def test_a_chart_of_zeros_has_no_negative_or_fractional_axis(key, columns):
    table = Table(key, "Nullen", columns, [("a", *[0] * (len(columns) - 1)),
                                           ("b", *[0] * (len(columns) - 1))])  # fmt: skip
    svg = chart_svg(table)
    numbers = [t for t in texts(svg) if re.fullmatch(r"[−\-\d.,]+", t)]
    assert numbers and "−" not in svg and all(re.fullmatch(r"\d+", n) for n in numbers)


# The end results of the demo region as the QA tester saw them: long labels leave a narrow axis.
RESULTS = Table("resultaten", "Eindresultaten (DDAS)", ("Eindresultaat", "Aantal", "%"), [
    ("(Budget)advies en/of quick fix", 420, 2.0),
    ("Definitief geen contact kunnen krijgen", 2278, 10.0),
    ("Inwoner heeft zelf al betaald/betalingsregeling getroffen", 399, 2.0),
    ("Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering", 827, 4.0),
    ("Niet opgepakt: andere reden", 14422, 70.0),
    ("Vervolghulp en/of verwijzing niet financieel", 587, 3.0),
])  # fmt: skip
LEAD_TIMES = Table("doorlooptijden", "Doorlooptijden",
                   ("Doorlooptijd", "Meldingen (go)", "Mediaan (dagen)", "90e percentiel (dagen)"),
                   [("Signaal tot eerste contactpoging", 1845, 12.0, 22.0),
                    ("Signaal tot eerste contact", 1203, 17.0, 29.0),
                    ("Signaal tot resultaat", 1786, 32.0, 51.0)])  # fmt: skip


def drawn(table: Table):
    """The chart's figure laid out as it is saved, with the renderer that measured it."""
    figure = chart_figure(table)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return figure, canvas.get_renderer()


@pytest.mark.parametrize("table", [RESULTS, LEAD_TIMES], ids=lambda t: t.key)
def test_value_axis_tick_labels_never_overlap(table):
    figure, renderer = drawn(table)
    axis = figure.axes[0].xaxis
    boxes = sorted(
        (label.get_window_extent(renderer) for label in axis.get_ticklabels() if label.get_text()),
        key=lambda box: box.x0,
    )
    assert len(boxes) >= 3
    assert all(left.x1 < right.x0 for left, right in itertools.pairwise(boxes))


@pytest.mark.parametrize("table", [RESULTS, LEAD_TIMES], ids=lambda t: t.key)
def test_bar_labels_have_room_inside_the_chart(table):
    figure, renderer = drawn(table)
    axes = figure.axes[0]
    inside = axes.get_window_extent(renderer)
    labels = [text.get_window_extent(renderer) for text in axes.texts]
    assert labels and all(label.x1 <= inside.x1 for label in labels)
    assert "14.422" in [text.get_text() for text in axes.texts] or table is LEAD_TIMES


def test_legend_of_a_chart_with_two_series_covers_no_bar():
    figure, renderer = drawn(LEAD_TIMES)
    legends = [*figure.legends, *(a.get_legend() for a in figure.axes if a.get_legend())]
    assert len(legends) == 1
    legend = legends[0].get_window_extent(renderer)
    bars = [patch.get_window_extent(renderer) for patch in figure.axes[0].patches]
    assert bars and not any(legend.overlaps(bar) for bar in bars)
    labels = [text.get_window_extent(renderer) for text in figure.axes[0].texts]
    assert not any(legend.overlaps(label) for label in labels)


def test_a_chart_is_drawn_once_for_the_same_figures_and_again_when_they_change(monkeypatch):
    """The dashboard draws some fourteen charts on every visit, most of its time; the same
    figures give the same image, so it is drawn once (a changed figure is drawn anew)."""
    from vroegsignaal.monitoring import charts

    drawn = []
    original = charts.chart_figure
    monkeypatch.setattr(charts, "chart_figure", lambda t: drawn.append(t.rows) or original(t))

    def table(count):
        return Table("trechter", "Trechter", ("Stap", "Aantal"), [("Signalen", count)])

    first = chart_src(table(41_001))
    assert chart_src(table(41_001)) == first and len(drawn) == 1
    assert chart_src(table(41_002)) != first and len(drawn) == 2
