"""Charts are drawn from the same table the page shows, with Dutch numbers."""

import re

import pytest

from vroegsignaal.monitoring.charts import chart_src, chart_svg
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
    [("trechter", ("Stap", "Aantal")), ("trend", ("Maand", "Signalen", "Meldingen", "Op", "Ber"))],
)
def test_a_chart_of_zeros_has_no_negative_or_fractional_axis(key, columns):
    table = Table(key, "Nullen", columns, [("a", *[0] * (len(columns) - 1)),
                                           ("b", *[0] * (len(columns) - 1))])  # fmt: skip
    svg = chart_svg(table)
    numbers = [t for t in texts(svg) if re.fullmatch(r"[−\-\d.,]+", t)]
    assert numbers and "−" not in svg and all(re.fullmatch(r"\d+", n) for n in numbers)
