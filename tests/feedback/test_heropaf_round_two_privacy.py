"""A round after a heropaf is told only to the signal partners whose answer was not 'ja' (QA15 B2).

Rule: when one partner's 'nee' reopens the melding, a partner that answered 'ja' gets no
'Uitkomst na heropaf' of the new round and no new heropaf question: both would tell it that
the resident has arrears elsewhere (domain.md step 8: feedback only about its own arrears; AVG
data minimisation), about a customer it said pays again. A partner that did not answer is
still asked."""

import datetime as dt

import pytest

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from vroegsignaal.feedback.heropaf_checks import answer_check
from vroegsignaal.feedback.models import FeedbackKind, HeropafCheck, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback

HEROPAF_DAY = scenario.HEROPAF_DAY


@pytest.fixture
def round_two_closed(heropaf_melding, energy, water, caseworker, energy_staff, water_staff):
    """Water said 'ja', energy 'nee'; round 2 was worked, closed and released."""
    melding = heropaf_melding
    checks = {c.creditor_id: c for c in HeropafCheck.objects.filter(melding=melding)}
    answer_check(checks[water.pk], "ja", user=water_staff, today=HEROPAF_DAY)
    answer_check(checks[energy.pk], "nee", user=energy_staff, today=HEROPAF_DAY)
    melding.refresh_from_db()
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=dt.date(2027, 6, 15))
    melding.refresh_from_db()
    return melding


def _outcome_rounds(creditor):
    told = SignalFeedback.objects.filter(signal__creditor=creditor, kind=FeedbackKind.OUTCOME)
    return sorted(told.values_list("contact_round", flat=True))


def test_a_partner_that_said_yes_hears_nothing_of_round_two(round_two_closed, energy, water):
    assert _outcome_rounds(energy) == [1, 2]
    assert _outcome_rounds(water) == [1]
    round_two = HeropafCheck.objects.filter(melding=round_two_closed, contact_round=2)
    assert [check.creditor for check in round_two] == [energy]


def test_nor_of_a_third_round_after_another_no(
    round_two_closed, energy, water, caseworker, energy_staff
):
    check = HeropafCheck.objects.get(melding=round_two_closed, contact_round=2)
    answer_check(check, "nee", user=energy_staff, today=check.asked_on)
    round_two_closed.refresh_from_db()
    scenario.work_and_close(round_two_closed, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=check.asked_on + dt.timedelta(days=30))

    assert _outcome_rounds(energy) == [1, 2, 3]
    assert _outcome_rounds(water) == [1]
    round_three = HeropafCheck.objects.filter(melding=round_two_closed, contact_round=3)
    assert [check.creditor for check in round_three] == [energy]
