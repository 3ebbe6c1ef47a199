"""The heropaf says only what was established, and a creditor's 'nee' never vanishes (QA15 B1).

Rule: a caseworker can close the heropaf with 'Betalingen lopen weer' only when the answers
support it (at least one signal partner was asked and every one asked said 'ja'); otherwise
the honest outcome is 'Heropaf afgerond zonder antwoord van de signaalpartner', which the
timeline names with the partners that did not answer.
Rule: a 'nee' to a question of a heropaf already closed without that answer reopens the melding
(domain.md step 9: if payments are not made, the team visits again; a crisis signal means an
eviction or disconnection is near). A late answer to a round that was already reopened by
another partner lands in the timeline."""

import datetime as dt

import pytest

from tests.feedback import scenario
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.heropaf import close_heropaf_unanswered, complete_heropaf
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import EventKind
from vroegsignaal.feedback.heropaf_checks import answer_check

HEROPAF_DAY = scenario.HEROPAF_DAY


def test_payments_running_again_needs_every_asked_partners_yes(heropaf_melding, caseworker):
    with pytest.raises(CaseworkError, match="alleen als elke gevraagde signaalpartner 'ja'"):
        complete_heropaf(heropaf_melding, caseworker, heropaf_melding.version, today=HEROPAF_DAY)

    heropaf_melding.refresh_from_db()
    assert heropaf_melding.heropaf_due_on is not None
    assert not heropaf_melding.events.filter(kind=EventKind.HEROPAF_DONE).exists()


def test_one_yes_is_not_enough_while_another_partner_did_not_answer(
    heropaf_melding, caseworker, energy, energy_staff
):
    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "ja", user=energy_staff, today=HEROPAF_DAY
    )
    heropaf_melding.refresh_from_db()

    with pytest.raises(CaseworkError, match="alleen als elke gevraagde signaalpartner 'ja'"):
        complete_heropaf(heropaf_melding, caseworker, heropaf_melding.version, today=HEROPAF_DAY)


def test_closing_without_an_answer_says_so_and_names_who_did_not_answer(
    heropaf_melding, caseworker, energy, water, energy_staff
):
    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "ja", user=energy_staff, today=HEROPAF_DAY
    )
    heropaf_melding.refresh_from_db()

    close_heropaf_unanswered(
        heropaf_melding, caseworker, heropaf_melding.version, today=HEROPAF_DAY
    )

    heropaf_melding.refresh_from_db()
    assert (heropaf_melding.state, heropaf_melding.heropaf_due_on) == (State.CLOSED, None)
    event = heropaf_melding.events.get(kind=EventKind.HEROPAF_UNANSWERED)
    assert event.actor == caseworker
    assert describe(event) == (
        f"Heropaf afgerond zonder antwoord van de signaalpartner ({water.name}); niet "
        "vastgesteld dat de betalingen weer lopen. Een 'nee' dat nog komt, heropent de melding"
    )
    assert not heropaf_melding.events.filter(kind=EventKind.HEROPAF_DONE).exists()


def test_closing_without_an_answer_waits_for_the_heropaf_date(heropaf_melding, caseworker):
    with pytest.raises(CaseworkError, match="De heropaf is gepland op"):
        close_heropaf_unanswered(
            heropaf_melding, caseworker, heropaf_melding.version,
            today=heropaf_melding.heropaf_due_on - dt.timedelta(days=1),
        )  # fmt: skip


def test_a_no_after_the_heropaf_was_closed_without_answer_reopens_the_melding(
    heropaf_melding, caseworker, energy, energy_staff
):
    close_heropaf_unanswered(
        heropaf_melding, caseworker, heropaf_melding.version, today=HEROPAF_DAY
    )

    answer_check(
        scenario.heropaf_check(heropaf_melding, energy),
        "nee",
        30000,
        user=energy_staff,
        today=HEROPAF_DAY,
    )

    heropaf_melding.refresh_from_db()
    assert (heropaf_melding.state, heropaf_melding.contact_round) == (State.REOPENED, 2)
    reopened = heropaf_melding.events.get(kind=EventKind.REOPENED)
    assert reopened.actor is None
    assert describe(reopened).startswith(f"Heropend door heropaf na het antwoord van {energy.name}")


def test_a_yes_after_the_heropaf_was_closed_without_answer_lands_in_the_timeline(
    heropaf_melding, caseworker, energy, energy_staff
):
    close_heropaf_unanswered(
        heropaf_melding, caseworker, heropaf_melding.version, today=HEROPAF_DAY
    )

    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "ja", user=energy_staff, today=HEROPAF_DAY
    )

    heropaf_melding.refresh_from_db()
    assert heropaf_melding.state == State.CLOSED
    event = heropaf_melding.events.get(kind=EventKind.HEROPAF_LATE_ANSWER)
    assert describe(event) == (
        f"Antwoord van {energy.name} op de heropafvraag van contactronde 1, na het afronden "
        "van die heropaf: Ja, de betalingen lopen weer"
    )


def test_a_no_to_a_round_already_reopened_lands_in_the_timeline(
    heropaf_melding, energy, water, energy_staff, water_staff
):
    answer_check(
        scenario.heropaf_check(heropaf_melding, energy), "nee", user=energy_staff, today=HEROPAF_DAY
    )

    answer_check(
        scenario.heropaf_check(heropaf_melding, water),
        "nee",
        12500,
        user=water_staff,
        today=HEROPAF_DAY,
    )

    heropaf_melding.refresh_from_db()
    assert heropaf_melding.events.filter(kind=EventKind.REOPENED).count() == 1
    event = heropaf_melding.events.get(kind=EventKind.HEROPAF_LATE_ANSWER)
    assert describe(event) == (
        f"Antwoord van {water.name} op de heropafvraag van contactronde 1, na het afronden "
        "van die heropaf: Nee, de betalingen lopen niet; nog open: € 125,00"
    )
