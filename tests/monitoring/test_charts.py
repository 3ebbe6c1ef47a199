"""Charts are drawn from the same table the page shows."""

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
