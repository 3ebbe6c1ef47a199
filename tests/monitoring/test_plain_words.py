"""A steering group reads the figures without knowing the chain's screens or jargon (QA12 B11):
the dashboard and the reports explain the chain's words in plain Dutch, in one list, and no
table note explains a word by pointing at a screen of the chain."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import UserFactory
from vroegsignaal.monitoring.report_tables import report_tables
from vroegsignaal.monitoring.scope import region_scope
from vroegsignaal.monitoring.terms import TERMS

HEADING = "Wat betekenen deze woorden?"
# What a steering group member reads, as the list says it.
PLAIN = (
    "Go: de gemeente pakt de melding op volgens haar beleid.",
    "Mediaan: de helft van de meldingen was sneller",
    "90e percentiel: 9 van de 10 meldingen waren sneller",
    "Werkbakje: een werklijst van de uitvoerders",
)


@pytest.fixture
def leader(twente):
    return UserFactory(project_leader=True, region=twente["region"])


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_dashboard_explains_the_chain_words_in_plain_dutch(client, leader):
    client.force_login(leader)
    page = client.get(reverse("monitoring:dashboard"), {"van": "2026-10-01", "tot": "2026-10-31"})

    html = _flat(page.content.decode())
    assert HEADING in html
    for term, meaning in TERMS:
        assert f"<strong>{term}</strong>: {meaning}</li>" in html
    for sentence in PLAIN:
        term, meaning = sentence.split(": ", 1)
        assert f"<strong>{term}</strong>: {meaning}" in html


def test_the_monthly_report_page_explains_the_same_words(client, leader):
    client.force_login(leader)
    html = _flat(client.get(reverse("monitoring:monthly"), {"maand": "2026-10"}).content.decode())

    assert HEADING in html
    assert all(f"<strong>{term}</strong>: {meaning}</li>" in html for term, meaning in TERMS)


@pytest.mark.parametrize(
    ("url", "query"),
    [("monitoring:monthly", {"maand": "2026-10", "formaat": "pdf"}),
     ("monitoring:quarterly", {"kwartaal": "2026Q4"})],
)  # fmt: skip
def test_the_report_pdfs_explain_the_chain_words_in_plain_dutch(client, leader, url, query):
    client.force_login(leader)
    response = client.get(reverse(url), query)
    pages = PdfReader(io.BytesIO(response.content)).pages

    text = _flat(" ".join(page.extract_text() for page in pages))
    assert HEADING in text
    for sentence in PLAIN:
        assert sentence in text
    assert "Heropaf: " in text and "DDAS: " in text


def test_no_table_note_explains_a_word_by_a_screen_the_steering_group_does_not_know(twente):
    """'zoals de signaalstatus Opgepakt en 'Op te pakken' op de matchingpagina' and 'op de
    meldingpagina: ...' sent a steering group to screens it never sees."""
    scope = region_scope("Twente", dt.date(2026, 10, 1), dt.date(2026, 10, 31), exact=True)
    tables = report_tables(scope, dt.date(2026, 12, 1))
    notes = [table.note for table in tables.values()]

    for screen in ("matchingpagina", "meldingpagina", "Op te pakken", "datumOpgepakt"):
        assert not [note for note in notes if screen in note], screen
    assert "die de gemeente volgens haar beleid oppakt" in tables["trechter"].note
