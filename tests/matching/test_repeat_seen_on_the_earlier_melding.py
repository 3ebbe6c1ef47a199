"""Rule: a herhaalde melding is seen by the people who work on the melding it joins (QA9 B2).

A later signal of the same creditor and customer joins the earlier melding instead of starting
a new one (domain.md step 3). That melding's timeline says so once, its page counts the
resident once, and its own reason does not send the caseworker looking for itself.
"""

import datetime as dt

import pytest
from django.urls import reverse
from tests.factories import (
    UserFactory,
)
from tests.matching.test_match_period import TODAY, record
from tests.page_text import page_text

from vroegsignaal.casework.models import Melding
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
JOINED_LINE = (
    "systeem: Later signaal van Energie Oost (05-10-2026, € 2.100,00) toegevoegd als "
    "herhaalde melding"
)


def _closed_without_contact_then_reported_again(enschede) -> Melding:
    """September: an energy signal, picked up, closed with 'Definitief geen contact kunnen
    krijgen'; October: the same customer again, with a higher amount. Returns September's."""
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-09-03", amount="1800,00")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    Melding.objects.update(
        state="closed", result=Eindresultaat.GEEN_CONTACT, picked_up_on=dt.date(2026, 9, 10)
    )
    ingest_records(energy, [record("E1", "2026-10-05", amount="2100,00")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    return Melding.objects.get()


def _melding_page(client, melding: Melding) -> str:
    client.force_login(UserFactory(caseworker=True, municipality=melding.municipality))
    return client.get(reverse("casework:melding", args=[melding.pk])).content.decode()


def test_a_signal_joined_as_herhaalde_melding_is_a_line_on_the_timeline_of_the_melding_it_joined(
    enschede, client
):
    """The caseworker and the meldpunt see that the arrears came back and grew, also under a
    melding closed without contact (QA9: VS-20511 showed it only in its signals table)."""
    september = _closed_without_contact_then_reported_again(enschede)

    page = page_text(_melding_page(client, september))

    assert JOINED_LINE in page


def test_running_the_month_again_does_not_repeat_the_timeline_line_of_a_joined_signal(
    enschede, client
):
    september = _closed_without_contact_then_reported_again(enschede)
    Melding.objects.update(state="new")  # the line is once per signal, open melding or not
    match_period(enschede[0], "2026-10", today=TODAY)
    Melding.objects.update(state="closed")
    match_period(enschede[0], "2026-10", today=TODAY)

    assert page_text(_melding_page(client, september)).count(JOINED_LINE) == 1


def test_the_melding_a_herhaalde_melding_joined_lists_its_resident_once(enschede, client):
    """Same creditor and customer number is the same person, by definition of a herhaalde
    melding; a zorg signal of that person joining with it is too (QA9: Y. Meis listed twice
    on VS-20511, J.H.T. van de Plas three times on melding 888 of the demo)."""
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    ingest_records(energy, [record("E1", "2026-10-05", amount="300,00")], today=TODAY)
    ingest_records(zorg, [record("Z1", "2026-10-06")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    ingest_records(energy, [record("E1", "2026-11-04", amount="350,00")], today=TODAY)
    match_period(municipality, "2026-11", today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)  # a rerun keeps the person

    page = _melding_page(client, Melding.objects.get())

    assert page.count('data-testid="bewoner"') == 1
    assert "J. van der Berg, geboren 12-05-1980" in page_text(page)


def test_on_the_melding_itself_the_herhaalde_melding_reason_says_deze_melding(enschede, client):
    september = _closed_without_contact_then_reported_again(enschede)

    page = page_text(_melding_page(client, september))

    assert "Eerder gemeld door dezelfde schuldeiser op 03-09-2026 (deze melding)" in page
    assert f"VS-{september.pk})" not in page


def test_on_another_melding_the_herhaalde_melding_reason_links_the_earlier_kenmerk(
    enschede, client
):
    """A repeat beside new signals of other partners after the earlier melding closed is a
    melding of its own; its reason links to the earlier melding the caseworker may open."""
    municipality, energy, zorg = enschede
    save_policy({"minimum_signals_for_go": 2}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    closed_no_go = Melding.objects.get()
    ingest_records(energy, [record("E1", "2026-10-05")], today=TODAY)
    ingest_records(zorg, [record("Z1", "2026-10-06", voorletters="K.")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    october = Melding.objects.exclude(pk=closed_no_go.pk).get()

    page = _melding_page(client, october)

    link = (
        f'<a class="utrecht-link" href="/werk/melding/{closed_no_go.pk}/">VS-{closed_no_go.pk}</a>'
    )
    assert f"op 03-09-2026 (melding {link})" in page
