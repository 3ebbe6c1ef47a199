"""The heropaf decision on the melding page, and the terms of the new contact round.

Rule: when the heropaf is due, the page shows per signal partner whether it answered the
heropaf question (feedback's HeropafCheck) and what: payments running again or not, the amount
still open and the date; or that no answer came yet, with the answer's due date.
Rule: after a reopening by the heropaf the Termijnen table shows the new round."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory, add_signal
from tests.factories import CreditorFactory
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.heropaf import reopen_by_heropaf, schedule_heropaf
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat
from vroegsignaal.feedback.models import HeropafAnswer, HeropafCheck

TODAY = timezone.localdate()


@pytest.fixture
def due(enschede, caseworker):
    """A melding of a year ago with two signal partners, reached, closed and informed: its
    heropaf is due."""
    energy = CreditorFactory(name="Energie Oost", partner_type="Energie")
    housing = CreditorFactory(code="woonbedrijf", name="Woonbedrijf Twente", partner_type="Huur")
    melding = MeldingFactory(
        municipality=enschede, period_start=dt.date(2025, 10, 1),
        period_end=dt.date(2025, 10, 31), matched_on=dt.date(2025, 11, 3),
        due_on=dt.date(2025, 11, 17), signals=0,
    )  # fmt: skip
    add_signal(melding, energy)
    add_signal(melding, housing)
    assign(melding, caseworker, caseworker, melding.version)
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=dt.date(2025, 11, 5), part_of_day=Dagdeel.MIDDAG, reached=True,
    )  # fmt: skip
    close_with_result(
        melding, caseworker, melding.version, Eindresultaat.REGELT_ZELF, dt.date(2025, 11, 20)
    )
    heropaf_on = schedule_heropaf(melding, dt.date(2025, 12, 1))
    melding.checks = {
        creditor.name: HeropafCheck.objects.create(
            melding=melding,
            creditor=creditor,
            asked_on=heropaf_on,
            answer_due_on=dt.date(2026, 6, 15),
        )
        for creditor in (energy, housing)
    }
    return melding


def page(client, caseworker, melding) -> str:
    client.force_login(caseworker)
    return client.get(reverse("casework:melding", args=[melding.pk])).content.decode()


def test_heropaf_decision_shows_per_partner_that_no_answer_came_yet(client, caseworker, due):
    html = page(client, caseworker, due)

    assert "Lopen de betalingen bij de signaalpartner weer?" in html
    assert 'data-testid="heropaf-antwoorden"' in html
    assert "Energie Oost" in html and "Woonbedrijf Twente" in html
    assert html.count("nog geen antwoord (uiterlijk 15-06-2026)") == 2


def test_heropaf_decision_shows_the_answer_amount_open_and_date(client, caseworker, due):
    answered_at = timezone.make_aware(dt.datetime(2026, 6, 10, 14, 30))
    HeropafCheck.objects.filter(pk=due.checks["Energie Oost"].pk).update(
        answer=HeropafAnswer.NO, amount_open_cents=45_050, answered_at=answered_at
    )

    html = page(client, caseworker, due)

    assert "Nee, de betalingen lopen niet; nog open: € 450,50; beantwoord op 10-06-2026" in html
    assert "nog geen antwoord (uiterlijk 15-06-2026)" in html  # Woonbedrijf Twente


def test_heropaf_decision_says_when_a_partner_was_not_asked(client, caseworker, due):
    due.checks["Woonbedrijf Twente"].delete()

    html = page(client, caseworker, due)

    assert "niet gevraagd: geen heropafvraag aan deze signaalpartner" in html


def test_reopened_melding_shows_the_first_action_of_the_new_round(client, caseworker, due):
    """The code models a new contact round as a new visit about the same signals (terms.py):
    round 1's pick-up term (the werkbakje's date after matching) was met long ago, so the
    table would only show old, met terms. Round 2 gets its own first action and limit, the
    policy's 14 and 28 calendar days counted from the reopening by the heropaf, met by the
    first attempt or conversation of round 2."""
    reopen_by_heropaf(due, caseworker)

    html = page(client, caseworker, due)

    first = (TODAY + dt.timedelta(days=14)).strftime("%d-%m-%Y")
    limit = (TODAY + dt.timedelta(days=28)).strftime("%d-%m-%Y")
    reopened = TODAY.strftime("%d-%m-%Y")
    assert (
        f"Contactronde 2: 14 kalenderdagen na het heropenen door de heropaf op {reopened}" in html
    )
    assert first in html and limit in html
    assert "17-11-2025" not in html  # round 1's werkbakje date
    assert "Op tijd" in html and "Gehaald" not in html


def test_the_new_round_first_action_is_met_by_an_attempt_in_that_round(client, caseworker, due):
    reopen_by_heropaf(due, caseworker)
    melding = Melding.objects.get(pk=due.pk)
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.TELEFOON, attempted_on=TODAY,
        part_of_day=Dagdeel.OCHTEND, reached=False,
    )  # fmt: skip

    html = page(client, caseworker, melding)

    assert html.count("Gehaald") == 2  # first action and limit of round 2
