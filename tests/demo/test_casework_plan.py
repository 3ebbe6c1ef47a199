"""The planned casework of one melding, without a database: order, attempts, reach, outcomes."""

import datetime as dt
import itertools

from vroegsignaal.ddas import Contactsoort, Eindresultaat
from vroegsignaal.demo.casework_plan import MeldingFacts, plan_casework

MATCHED = dt.date(2026, 3, 26)


def facts(key: str, *, channel: str = Contactsoort.HUISBEZOEK) -> MeldingFacts:
    return MeldingFacts(key=key, matched_on=MATCHED, channel=channel, partner_types=("Zorg",))


def plans(n: int = 2000, **kwargs) -> list[list]:
    return [plan_casework(facts(f"0153-{i}", **kwargs), seed=2026) for i in range(n)]


def actions(steps) -> list[str]:
    return [step.action for step in steps]


def test_the_same_seed_and_melding_give_the_same_plan_and_another_seed_another():
    first = plan_casework(facts("0153-2026-03-7511AB-1"), seed=1)
    assert plan_casework(facts("0153-2026-03-7511AB-1"), seed=1) == first
    assert any(
        plan_casework(facts(f"0153-{i}"), seed=2) != plan_casework(facts(f"0153-{i}"), seed=1)
        for i in range(20)
    )


def test_steps_follow_each_other_in_time_and_start_after_matching():
    for steps in plans(300):
        moments = [step.moment for step in steps]
        assert moments == sorted(moments)
        assert moments[0].date() >= MATCHED


def test_unreached_after_three_attempts_closes_with_definitief_geen_contact():
    unreached = [s for s in plans() if s[-1].data.get("result") == Eindresultaat.GEEN_CONTACT]
    assert unreached
    for steps in unreached:
        attempts = [s for s in steps if s.action == "attempt"]
        assert len(attempts) == 3 and not any(s.data["reached"] for s in attempts)
        assert "conversation" not in actions(steps)


def test_a_missed_home_visit_is_followed_by_a_card_the_same_day():
    for steps in plans(300):
        for step, following in itertools.pairwise(steps):
            if (
                step.action == "attempt"
                and step.data["kind"] == Contactsoort.HUISBEZOEK
                and not step.data["reached"]
            ):
                assert following.action == "card"
                assert following.moment.date() == step.moment.date()


def test_about_seventy_percent_is_reached_when_home_visits_are_made():
    reached = sum("conversation" in actions(steps) for steps in plans())
    assert 0.62 <= reached / 2000 <= 0.78


def test_about_half_of_the_reached_are_referred_and_one_in_ten_has_problematic_debts():
    reached = [steps for steps in plans() if "conversation" in actions(steps)]
    referred = sum("refer" in actions(steps) for steps in reached)
    problematic = sum(
        any(s.action == "plan" and s.data["problematic"] for s in steps) for steps in reached
    )
    assert 0.40 <= referred / len(reached) <= 0.60
    assert 0.06 <= problematic / len(reached) <= 0.14


def test_every_plan_ends_with_one_ddas_result_and_a_letter_queue_starts_with_a_letter():
    for steps in plans(300, channel=Contactsoort.BRIEF):
        assert steps[0].action == "assign"
        assert steps[1].data["kind"] == Contactsoort.BRIEF
        assert steps[-1].action == "close" and steps[-1].data["result"] in Eindresultaat.values
