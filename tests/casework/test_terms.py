"""The deadlines a melding shows, and that the pages' queries do not grow with the data."""

import datetime as dt

from django.urls import reverse

from tests.casework.factories import MeldingFactory
from vroegsignaal.casework.deadlines import DeadlineState, Term
from vroegsignaal.casework.models import CaseworkPolicy
from vroegsignaal.casework.terms import melding_deadlines

MATCHED = dt.date(2026, 1, 26)


def deadlines(melding, today, **policy):
    policy = CaseworkPolicy(municipality=melding.municipality, **policy)
    return {d.term: (d.due, d.state) for d in melding_deadlines(melding, today, policy)}


def test_first_action_is_14_and_28_days_after_matching_until_picked_up(melding):
    melding.matched_on = MATCHED

    terms = deadlines(melding, dt.date(2026, 2, 7))

    assert terms[Term.FIRST_ACTION] == (dt.date(2026, 2, 9), DeadlineState.DUE_SOON)
    assert terms[Term.FIRST_ACTION_LIMIT] == (dt.date(2026, 2, 23), DeadlineState.ON_TIME)
    assert Term.FIRST_CONVERSATION not in terms


def test_first_action_is_met_by_picking_up_and_follows_policy_days(melding):
    melding.matched_on = MATCHED
    melding.picked_up_on = dt.date(2026, 2, 3)

    terms = deadlines(melding, dt.date(2026, 3, 1), first_action_days=7)

    assert terms[Term.FIRST_ACTION] == (dt.date(2026, 2, 2), DeadlineState.MET_LATE)


def test_crisis_conversation_runs_three_working_days_from_the_melding_until_acceptance(enschede):
    melding = MeldingFactory(municipality=enschede, crisis=True, matched_on=dt.date(2026, 4, 2))

    assert deadlines(melding, dt.date(2026, 4, 10))[Term.CRISIS_CONVERSATION] == (
        dt.date(2026, 4, 9),
        DeadlineState.OVERDUE,
    )


def test_first_conversation_is_four_weeks_after_acceptance_rolled_to_a_working_day(melding):
    melding.accepted_on = dt.date(2026, 3, 9)
    melding.first_conversation_on = dt.date(2026, 4, 1)

    terms = deadlines(melding, dt.date(2026, 4, 20))

    assert terms[Term.FIRST_CONVERSATION] == (dt.date(2026, 4, 7), DeadlineState.MET)


def test_worklist_queries_do_not_grow_with_the_number_of_meldingen(
    client, caseworker, enschede, django_assert_max_num_queries
):
    client.force_login(caseworker)
    MeldingFactory.create_batch(3, municipality=enschede, assigned_to=caseworker)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("casework:worklist"))
    MeldingFactory.create_batch(40, municipality=enschede, assigned_to=caseworker)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("casework:worklist"))
