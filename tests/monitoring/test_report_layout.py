"""The quarterly PDF fits its pages: every column of a wide table is printed, on the paper."""

import datetime as dt

import pytest

from tests.pdf_words import pdf_words
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.report_pdf import render_pdf
from vroegsignaal.monitoring.scope import region_scope


def on_paper(word: dict) -> bool:
    x0, y0, x1, y1 = word["box"]
    width, height = word["page_size"]
    return x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height


@pytest.fixture
def region_pdf(twente, tmp_path):
    scope = region_scope("Twente", dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    path = tmp_path / "regio.pdf"
    path.write_bytes(render_pdf(scope, dt.date(2027, 1, 5), "Kwartaalrapportage"))
    return scope, path


def test_side_by_side_table_in_the_pdf_prints_every_dashboard_column_on_the_paper(region_pdf):
    scope, path = region_pdf
    words = pdf_words(path)
    page = next(w["page"] for w in words if w["text"] == "naast")  # "Gemeenten naast elkaar"
    printed = {w["text"] for w in words if w["page"] == page and on_paper(w)}
    columns = dashboard_tables(scope, dt.date(2027, 1, 5))["gemeenten"].columns
    assert "% doorverwezen" in columns
    for column in columns:
        missing = set(column.split()) - printed
        assert not missing, f"kolom '{column}' staat niet (helemaal) op de pagina: {missing}"


def test_no_text_of_the_pdf_runs_off_its_page(region_pdf):
    _scope, path = region_pdf
    off = [(w["page"], w["text"]) for w in pdf_words(path) if not on_paper(w)]
    assert not off, f"tekst buiten de pagina: {off[:10]}"
