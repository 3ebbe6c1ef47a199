"""Heropaf checks: asked on the heropaf date, answered once; 'no' reopens the melding."""

import datetime as dt

import pytest

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import EventKind
from vroegsignaal.feedback.heropaf_checks import HeropafAnswerError, answer_check, open_checks
from vroegsignaal.feedback.models import FeedbackKind, HeropafCheck, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback

HEROPAF_DAY = scenario.HEROPAF_DAY


def test_a_heropaf_no_reopens_the_melding_for_a_new_contact_round(
    heropaf_melding, energy, energy_staff
):
    check = answer_check(
        scenario.heropaf_check(heropaf_melding, energy),
        "nee",
        41250,
        user=energy_staff,
        today=HEROPAF_DAY,
    )
    heropaf_melding.refresh_from_db()
    assert heropaf_melding.state == State.REOPENED
    assert heropaf_melding.contact_round == 2
    assert heropaf_melding.result == ""
    assert heropaf_melding.events.filter(kind=EventKind.REOPENED).exists()
    assert (check.answer, check.amount_open_cents, check.answered_by) == (
        "nee",
        41250,
        energy_staff,
    )


def test_a_reopening_by_a_partners_no_is_the_systems_step_naming_the_partner(
    heropaf_melding, energy, energy_staff
):
    """The partner's staff member answered a question; the melding was reopened by the system
    on that answer: the timeline must not read as if the energy company reopened the case."""
    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "nee", user=energy_staff, today=HEROPAF_DAY
    )

    event = heropaf_melding.events.get(kind=EventKind.REOPENED)
    assert event.actor is None
    assert describe(event).startswith(
        f"Heropend door heropaf na het antwoord van {energy.name} (de betalingen lopen niet); "
        "contactronde 2"
    )


def test_a_heropaf_settled_by_every_partners_yes_is_the_systems_step(
    heropaf_melding, energy, water, energy_staff, water_staff
):
    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "ja", user=energy_staff, today=HEROPAF_DAY
    )
    answer_check(
        scenario.heropaf_check(heropaf_melding, water), "ja", user=water_staff, today=HEROPAF_DAY
    )

    event = heropaf_melding.events.get(kind=EventKind.HEROPAF_DONE)
    assert event.actor is None
    assert describe(event) == (
        "Heropaf: de betalingen lopen weer volgens het antwoord van elke signaalpartner, "
        "geen actie nodig"
    )


def test_a_later_no_of_another_creditor_is_recorded_without_reopening_again(
    heropaf_melding, energy, water, energy_staff, water_staff
):
    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "nee", user=energy_staff, today=HEROPAF_DAY
    )
    answer_check(
        scenario.heropaf_check(heropaf_melding, water), "nee", user=water_staff, today=HEROPAF_DAY
    )
    heropaf_melding.refresh_from_db()
    assert heropaf_melding.contact_round == 2
    assert heropaf_melding.events.filter(kind=EventKind.REOPENED).count() == 1


def test_the_heropaf_is_done_only_when_every_creditor_answered_yes(
    heropaf_melding, energy, water, energy_staff, water_staff
):
    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "ja", user=energy_staff, today=HEROPAF_DAY
    )
    heropaf_melding.refresh_from_db()
    assert heropaf_melding.heropaf_due_on is not None
    answer_check(
        scenario.heropaf_check(heropaf_melding, water), "ja", user=water_staff, today=HEROPAF_DAY
    )
    heropaf_melding.refresh_from_db()
    assert heropaf_melding.state == State.CLOSED
    assert heropaf_melding.heropaf_due_on is None
    assert heropaf_melding.events.filter(kind=EventKind.HEROPAF_DONE).exists()


def test_a_check_is_hidden_before_the_heropaf_date_and_cannot_be_answered(
    heropaf_melding, energy, energy_staff
):
    day_before = HEROPAF_DAY - dt.timedelta(days=2)
    assert not open_checks(energy, day_before).exists()
    with pytest.raises(HeropafAnswerError, match="nog niet open"):
        answer_check(
            scenario.heropaf_check(heropaf_melding, energy),
            "nee",
            user=energy_staff,
            today=day_before,
        )


def test_a_check_is_answered_only_once(heropaf_melding, energy, energy_staff):
    check = scenario.heropaf_check(heropaf_melding, energy)
    answer_check(check, "ja", user=energy_staff, today=HEROPAF_DAY)
    with pytest.raises(HeropafAnswerError, match="al beantwoord"):
        answer_check(check, "nee", user=energy_staff, today=HEROPAF_DAY)


def test_after_a_reopen_the_new_outcome_is_released_for_round_two(
    heropaf_melding, energy, water, energy_staff, caseworker
):
    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "nee", user=energy_staff, today=HEROPAF_DAY
    )
    heropaf_melding.refresh_from_db()
    scenario.work_and_close(heropaf_melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=dt.date(2027, 6, 15))
    rounds = SignalFeedback.objects.filter(
        signal__creditor=energy, kind=FeedbackKind.OUTCOME
    ).values_list("contact_round", flat=True)
    assert sorted(rounds) == [1, 2]
    round_two = HeropafCheck.objects.filter(melding=heropaf_melding, contact_round=2)
    assert {check.creditor for check in round_two} == {energy, water}
