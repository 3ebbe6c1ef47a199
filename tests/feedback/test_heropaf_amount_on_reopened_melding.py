"""The amount a signal partner gives with its heropaf 'nee' reaches the caseworker (QA15 B3).

Rule: on a melding reopened by the heropaf, the answers of the previous round's heropaf stay
visible (answer, amount still open, date), and the timeline line of the reopening names the
amount."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.feedback import scenario
from tests.page_text import page_text
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import EventKind
from vroegsignaal.feedback.heropaf_checks import answer_check
from vroegsignaal.feedback.models import HeropafCheck

HEROPAF_DAY = scenario.HEROPAF_DAY


@pytest.fixture
def reopened(heropaf_melding, energy, water, caseworker, energy_staff, water_staff):
    """Water said 'ja', then energy 'nee' with € 1.250,- still open: reopened for round 2."""
    melding = heropaf_melding
    checks = {c.creditor_id: c for c in HeropafCheck.objects.filter(melding=melding)}
    answer_check(checks[water.pk], "ja", user=water_staff, today=HEROPAF_DAY)
    answer_check(checks[energy.pk], "nee", 125_000, user=energy_staff, today=HEROPAF_DAY)
    melding.refresh_from_db()
    return melding


def test_the_reopening_in_the_timeline_names_the_amount_still_open(reopened, energy):
    event = reopened.events.get(kind=EventKind.REOPENED)
    assert describe(event).startswith(
        f"Heropend door heropaf na het antwoord van {energy.name} (de betalingen lopen niet; "
        "nog open: € 1.250,00); contactronde 2"
    )


def test_the_reopened_melding_shows_the_answers_of_the_previous_heropaf(
    client, caseworker, reopened, energy, water
):
    client.force_login(caseworker)
    text = page_text(client.get(reverse("casework:melding", args=[reopened.pk])).content.decode())

    answered = timezone.localdate(reopened.heropaf_checks.get(creditor=energy).answered_at)
    assert "Heropaf ronde 1" in text
    assert (
        f"{energy.name}: Nee, de betalingen lopen niet; nog open: € 1.250,00; beantwoord op "
        f"{answered:%d-%m-%Y}" in text
    )
    assert f"{water.name}: Ja, de betalingen lopen weer" in text
