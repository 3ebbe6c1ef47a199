"""The contact-attempt list on the melding page: long notes wrap, card buttons differ."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.ddas import Contactsoort, Dagdeel

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


def visit(melding, by, part, note="", moment=None):
    return record_contact_attempt(
        melding, by, melding.version, kind=Contactsoort.HUISBEZOEK, attempted_on=DAY,
        part_of_day=part, reached=False, note=note, moment=moment,
    )  # fmt: skip


def page(client, melding) -> str:
    return client.get(reverse("casework:melding", args=[melding.pk])).content.decode()


def test_a_long_unbroken_note_wraps_inside_the_table(logged_in, assigned, caseworker):
    """Rule: the note cell may break anywhere (overflow-wrap: anywhere), so a long word or URL
    does not push the table out of the page; the page's CSP allows no inline style, so the
    rule lives in the casework stylesheet the page loads."""
    visit(assigned, caseworker, Dagdeel.OCHTEND, note="x" * 250)

    html = page(logged_in, assigned)

    assert '<td class="utrecht-table__cell contact-note">' + "x" * 250 in html
    assert "casework/casework.css" in html
    css = Path(finders.find("casework/casework.css")).read_text()
    assert ".contact-note" in css and "overflow-wrap: anywhere" in css


def test_card_buttons_name_the_dagdeel_of_the_missed_visit(logged_in, assigned, caseworker):
    """Rule: two missed home visits on one day give two buttons that tell them apart."""
    visit(assigned, caseworker, Dagdeel.OCHTEND)
    visit(assigned, caseworker, Dagdeel.AVOND)

    html = page(logged_in, assigned)

    assert "Kaartje achtergelaten na huisbezoek van 20-11-2026 (ochtend)" in html
    assert "Kaartje achtergelaten na huisbezoek van 20-11-2026 (avond)" in html


def test_card_buttons_add_the_time_recorded_when_the_dagdeel_is_the_same(
    logged_in, assigned, caseworker
):
    first = visit(assigned, caseworker, Dagdeel.MIDDAG)
    second = visit(assigned, caseworker, Dagdeel.MIDDAG)
    type(first).objects.filter(pk=first.pk).update(
        created_at=dt.datetime(2026, 11, 20, 13, 5, tzinfo=dt.UTC)
    )
    type(second).objects.filter(pk=second.pk).update(
        created_at=dt.datetime(2026, 11, 20, 15, 40, tzinfo=dt.UTC)
    )

    html = page(logged_in, assigned)

    # Recorded at 14:05 and 16:40 Dutch time (UTC+1 in November).
    assert "huisbezoek van 20-11-2026 (middag, vastgelegd om 14:05)" in html
    assert "huisbezoek van 20-11-2026 (middag, vastgelegd om 16:40)" in html


def test_card_buttons_name_the_time_of_the_visit_when_the_dagdeel_is_the_same(
    logged_in, assigned, caseworker
):
    """Rule: visits of one dagdeel recorded in the same minute are told apart by their time."""
    visit(assigned, caseworker, Dagdeel.AVOND, moment=dt.time(18, 30))
    visit(assigned, caseworker, Dagdeel.AVOND, moment=dt.time(20, 5))

    html = page(logged_in, assigned)

    assert "huisbezoek van 20-11-2026 (avond, om 18:30)" in html
    assert "huisbezoek van 20-11-2026 (avond, om 20:05)" in html


def test_card_buttons_number_visits_that_nothing_else_tells_apart(logged_in, assigned, caseworker):
    """Rule: two visits of one dagdeel without a time, recorded in the same minute, get their
    number in the order they were recorded."""
    first = visit(assigned, caseworker, Dagdeel.AVOND)
    second = visit(assigned, caseworker, Dagdeel.AVOND)
    recorded = dt.datetime(2026, 11, 21, 9, 26, tzinfo=dt.UTC)
    type(first).objects.filter(pk__in=[first.pk, second.pk]).update(created_at=recorded)

    html = page(logged_in, assigned)

    assert "huisbezoek van 20-11-2026 (avond, vastgelegd om 10:26, 1e van 2)" in html
    assert "huisbezoek van 20-11-2026 (avond, vastgelegd om 10:26, 2e van 2)" in html
