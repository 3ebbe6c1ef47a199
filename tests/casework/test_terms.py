"""The deadlines a melding shows, and that the pages' queries do not grow with the data."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation
from vroegsignaal.casework.deadlines import DeadlineState, Term
from vroegsignaal.casework.models import (
    CaseworkPolicy,
    Cause,
    Event,
    EventKind,
    HelpAnswer,
    Melding,
)
from vroegsignaal.casework.terms import melding_deadlines, pick_up_state
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat

MATCHED = dt.date(2026, 1, 26)


def deadlines(melding, today, **policy):
    policy = CaseworkPolicy(municipality=melding.municipality, **policy)
    return {d.term: (d.due, d.state) for d in melding_deadlines(melding, today, policy)}


def test_first_action_is_the_werkbakje_term_that_matching_set(enschede):
    """The melding page and the werkbakje list give one date to pick a melding up: the term of
    its werkbakje as matching set it (`due_on`: for a crisis 3 working days, otherwise the
    rule's days), not the municipality's general 14 days beside it."""
    crisis = MeldingFactory(
        municipality=enschede, crisis=True, matched_on=dt.date(2026, 11, 26),
        due_on=dt.date(2026, 12, 1),
    )  # fmt: skip

    terms = deadlines(crisis, dt.date(2026, 11, 30))

    assert terms[Term.FIRST_ACTION] == (dt.date(2026, 12, 1), DeadlineState.DUE_SOON)
    assert pick_up_state(crisis, dt.date(2026, 11, 30)) == DeadlineState.DUE_SOON


def test_first_action_is_14_and_28_days_after_matching_until_picked_up(melding):
    """Without a werkbakje term (a melding made before routing had terms) the policy's days."""
    melding.matched_on, melding.due_on = MATCHED, None

    terms = deadlines(melding, dt.date(2026, 2, 7))

    assert terms[Term.FIRST_ACTION] == (dt.date(2026, 2, 9), DeadlineState.DUE_SOON)
    assert terms[Term.FIRST_ACTION_LIMIT] == (dt.date(2026, 2, 23), DeadlineState.ON_TIME)
    assert Term.FIRST_CONVERSATION not in terms


def test_a_no_go_picked_up_again_before_runs_kept_their_date_counts_from_the_day_of_its_event(
    melding,
):
    """A run before QA11 finding 3 did not keep its matching date in the event; in practice
    the event was written on the day of that run."""
    melding.matched_on, melding.due_on = MATCHED, None
    event = Event.objects.create(
        melding=melding, kind=EventKind.PICKED_UP_AFTER_REMATCH,
        details={"state": ["closed", "new"], "reasons": ["policy"]},
    )  # fmt: skip
    moment = timezone.make_aware(dt.datetime(2026, 2, 2, 23, 30))  # Amsterdam time
    Event.objects.filter(pk=event.pk).update(created_at=moment)

    terms = melding_deadlines(
        melding, dt.date(2026, 2, 7), CaseworkPolicy(municipality=melding.municipality)
    )

    limit = next(d for d in terms if d.term == Term.FIRST_ACTION_LIMIT)
    assert limit.due == dt.date(2026, 3, 2)
    assert limit.description == (
        "28 kalenderdagen na het opnieuw oppakken door de matching op 02-02-2026 (beleid gemeente)"
    )


def test_first_action_is_met_by_picking_up_and_follows_policy_days(melding):
    melding.matched_on, melding.due_on = MATCHED, None
    melding.picked_up_on = dt.date(2026, 2, 3)

    terms = deadlines(melding, dt.date(2026, 3, 1), first_action_days=7)

    assert terms[Term.FIRST_ACTION] == (dt.date(2026, 2, 2), DeadlineState.MET_LATE)


def test_the_statutory_crisis_term_runs_three_working_days_from_acceptance_not_the_melding(
    enschede,
):
    """Wgs art. 4 lid 2: the first conversation within 3 working days of the request for help.
    Before the resident accepts there is no statutory term; the municipality's own urgency for a
    crisis signal is the first action (3 working days from the melding, `due_on`)."""
    melding = MeldingFactory(
        municipality=enschede, crisis=True, matched_on=dt.date(2026, 12, 21),
        due_on=dt.date(2026, 12, 24),
    )  # fmt: skip

    terms = deadlines(melding, dt.date(2026, 12, 30))
    assert terms[Term.FIRST_ACTION] == (dt.date(2026, 12, 24), DeadlineState.OVERDUE)
    assert Term.CRISIS_CONVERSATION not in terms

    # Accepted Wed 23 Dec: Thu 24, (Christmas Fri 25 and Sat 26, Sunday), Mon 28, Tue 29 Dec.
    melding.accepted_on = dt.date(2026, 12, 23)
    assert deadlines(melding, dt.date(2026, 12, 30))[Term.CRISIS_CONVERSATION] == (
        dt.date(2026, 12, 29),
        DeadlineState.OVERDUE,
    )
    melding.first_conversation_on = dt.date(2026, 12, 29)
    assert deadlines(melding, dt.date(2026, 12, 30))[Term.CRISIS_CONVERSATION] == (
        dt.date(2026, 12, 29),
        DeadlineState.MET,
    )


def test_a_crisis_melding_reopened_by_heropaf_runs_no_term_until_help_is_accepted_again(enschede):
    """Round 2 is a visit again about the same signals, not a new crisis report: the 3-day term
    from the matching date (long past) does not make the reopened melding 'Verlopen'."""
    melding = MeldingFactory(
        municipality=enschede, crisis=True, matched_on=dt.date(2026, 4, 2), contact_round=2
    )
    assert Term.CRISIS_CONVERSATION not in deadlines(melding, dt.date(2026, 11, 20))

    melding.accepted_on = dt.date(2026, 11, 16)  # accepted again in round 2: 3 working days
    assert deadlines(melding, dt.date(2026, 11, 20))[Term.CRISIS_CONVERSATION] == (
        dt.date(2026, 11, 19),
        DeadlineState.OVERDUE,
    )


def test_first_conversation_is_four_weeks_after_acceptance_rolled_to_a_working_day(melding):
    melding.accepted_on = dt.date(2026, 3, 9)
    melding.first_conversation_on = dt.date(2026, 4, 1)

    terms = deadlines(melding, dt.date(2026, 4, 20))

    assert terms[Term.FIRST_CONVERSATION] == (dt.date(2026, 4, 7), DeadlineState.MET)


def test_a_melding_not_picked_up_has_no_running_terms(enschede):
    no_go = MeldingFactory(
        municipality=enschede, go=False, crisis=True, state="closed",
        result=Eindresultaat.ONTERECHT, closed_on=dt.date(2026, 10, 26),
    )  # fmt: skip

    assert deadlines(no_go, dt.date(2026, 12, 1)) == {}


def test_a_closed_melding_shows_no_term_as_overdue(enschede):
    closed = MeldingFactory(
        municipality=enschede, crisis=True, matched_on=MATCHED, picked_up_on=dt.date(2026, 2, 2),
        accepted_on=dt.date(2026, 2, 2), state="closed", result=Eindresultaat.REGELT_ZELF,
        closed_on=dt.date(2026, 2, 20), due_on=None,
    )  # fmt: skip

    terms = deadlines(closed, dt.date(2026, 6, 1))

    assert terms[Term.FIRST_ACTION] == (dt.date(2026, 2, 9), DeadlineState.MET)
    assert terms[Term.CRISIS_CONVERSATION] == (dt.date(2026, 2, 5), DeadlineState.MISSED)
    assert DeadlineState.OVERDUE not in {state for _, state in terms.values()}


@pytest.fixture
def declined(enschede):
    """QA10 B4 (VS-483): a crisis melding of Monday 22 December 2025 (3 working days over
    Christmas: Monday 29 December), reached at a home visit, a conversation answered 'hulp
    geaccepteerd: Nee' on 13 January, closed 'Inwoner regelt het zelf'."""
    return MeldingFactory(
        municipality=enschede, crisis=True, matched_on=dt.date(2025, 12, 22),
        due_on=dt.date(2025, 12, 29), picked_up_on=dt.date(2025, 12, 23),
        first_conversation_on=dt.date(2026, 1, 13), state="closed",
        result=Eindresultaat.REGELT_ZELF, closed_on=dt.date(2026, 1, 14),
    )  # fmt: skip


def test_a_crisis_melding_whose_resident_declined_help_has_no_statutory_term_to_be_late_for(
    declined,
):
    """Wgs art. 4 lid 2 binds from acceptance, so the crisis term never started: 'Vervallen:
    geen hulp geaccepteerd', without a date, not 'Te laat gehaald' counted from the melding."""
    terms = deadlines(declined, dt.date(2026, 6, 1))

    assert terms[Term.CRISIS_CONVERSATION] == (None, DeadlineState.NO_HELP_ACCEPTED)
    assert DeadlineState.NO_HELP_ACCEPTED.label == "Vervallen: geen hulp geaccepteerd"


def test_crisis_term_lapses_without_a_date_when_closed_without_help_accepted(enschede):
    """A crisis melding closed without acceptance (e.g. 'Definitief geen contact kunnen
    krijgen') did not miss the statutory term: it never started."""
    closed = MeldingFactory(
        municipality=enschede, crisis=True, matched_on=MATCHED, picked_up_on=dt.date(2026, 2, 2),
        state="closed", result=Eindresultaat.GEEN_CONTACT, closed_on=dt.date(2026, 2, 20),
    )  # fmt: skip

    terms = deadlines(closed, dt.date(2026, 6, 1))

    assert terms[Term.CRISIS_CONVERSATION] == (None, DeadlineState.NO_HELP_ACCEPTED)


def test_the_four_week_term_runs_from_acceptance_only_and_lapses_without_it(enschede):
    """Wgs art. 4 lid 1 the same way: a conversation in which help was declined starts no term;
    closed without acceptance the melding shows the term lapsed, not met or late."""
    melding = MeldingFactory(
        municipality=enschede, matched_on=dt.date(2026, 11, 2), picked_up_on=dt.date(2026, 11, 5),
        first_conversation_on=dt.date(2026, 12, 30),
    )  # fmt: skip
    assert Term.FIRST_CONVERSATION not in deadlines(melding, dt.date(2027, 1, 4))

    melding.state, melding.result = "closed", Eindresultaat.REGELT_ZELF
    melding.closed_on = dt.date(2027, 1, 4)
    assert deadlines(melding, dt.date(2027, 1, 4))[Term.FIRST_CONVERSATION] == (
        None,
        DeadlineState.NO_HELP_ACCEPTED,
    )

    # Accepted Fri 27 Nov: four weeks is Christmas Day, so the term runs on to Monday 28 Dec;
    # the conversation of Wed 30 Dec was late.
    melding.accepted_on = dt.date(2026, 11, 27)
    assert deadlines(melding, dt.date(2027, 1, 4))[Term.FIRST_CONVERSATION] == (
        dt.date(2026, 12, 28),
        DeadlineState.MET_LATE,
    )


def test_the_melding_page_shows_a_declined_crisis_term_as_lapsed_not_late(
    client, enschede, declined
):
    """What the QA tester saw on VS-483: 'Te laat gehaald' for a term that never started."""
    client.force_login(UserFactory(intake=True, municipality=enschede))

    text = page_text(client.get(reverse("casework:melding", args=[declined.pk])))

    assert "Eerste gesprek bij crisissignaal" in text
    assert "3 werkdagen na acceptatie van hulp Vervallen: geen hulp geaccepteerd" in " ".join(
        text.split()
    )
    assert "Te laat gehaald" not in text


def test_a_closed_melding_whose_term_had_not_ended_shows_it_lapsed(enschede):
    closed = MeldingFactory(
        municipality=enschede, matched_on=MATCHED, accepted_on=dt.date(2026, 2, 2),
        picked_up_on=dt.date(2026, 2, 2), state="closed", result=Eindresultaat.REGELT_ZELF,
        closed_on=dt.date(2026, 2, 10),
    )  # fmt: skip

    terms = deadlines(closed, dt.date(2026, 6, 1))

    assert terms[Term.FIRST_CONVERSATION] == (dt.date(2026, 3, 2), DeadlineState.LAPSED)


def test_the_worklist_shows_no_pick_up_term_running_on_a_closed_melding(enschede):
    closed = MeldingFactory(
        municipality=enschede, due_on=dt.date(2026, 11, 16), state="closed",
        result=Eindresultaat.REGELT_ZELF, closed_on=dt.date(2026, 11, 9),
    )  # fmt: skip
    no_go = MeldingFactory(
        municipality=enschede, go=False, state="closed", result=Eindresultaat.ONTERECHT,
        closed_on=dt.date(2026, 11, 2),
    )  # fmt: skip

    assert pick_up_state(closed, dt.date(2026, 12, 1)) is DeadlineState.LAPSED
    assert pick_up_state(no_go, dt.date(2026, 12, 1)) is None


def test_worklist_queries_do_not_grow_with_the_number_of_meldingen(
    client, caseworker, enschede, django_assert_max_num_queries
):
    client.force_login(caseworker)
    MeldingFactory.create_batch(3, municipality=enschede, assigned_to=caseworker)
    # 13: the planned warm hand-overs whose day has come are one query (casework.handovers);
    # 14: the municipality's closed days, read once for the note on a due date on a day off.
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("casework:worklist"))
    MeldingFactory.create_batch(40, municipality=enschede, assigned_to=caseworker)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("casework:worklist"))


def test_a_conversation_before_the_resident_accepted_help_does_not_meet_the_term(
    enschede, caseworker
):
    """The term runs from acceptance (Wgs art. 4), so only a conversation from then on meets it:
    help declined in a conversation on Monday 9 November and accepted at the door on Thursday
    19 November wants a conversation by Tuesday 24 November (the weekend does not count), not
    'Gehaald' by the earlier conversation."""
    melding = MeldingFactory(municipality=enschede, crisis=True)
    melding = assign(melding, caseworker, caseworker, melding.version)
    record_conversation(
        melding, caseworker, melding.version, held_on=dt.date(2026, 11, 9),
        help_offered=HelpAnswer.YES, help_accepted=HelpAnswer.NO, cause=Cause.INCOME_DROP,
    )  # fmt: skip
    assert Term.CRISIS_CONVERSATION not in deadlines(melding, dt.date(2026, 11, 10))

    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=dt.date(2026, 11, 19), part_of_day=Dagdeel.MIDDAG, reached=True,
        accepted_help=True,
    )  # fmt: skip
    melding = Melding.objects.get(pk=melding.pk)
    assert deadlines(melding, dt.date(2026, 11, 25))[Term.CRISIS_CONVERSATION] == (
        dt.date(2026, 11, 24),
        DeadlineState.OVERDUE,
    )

    record_conversation(
        melding, caseworker, melding.version, held_on=dt.date(2026, 11, 24),
        help_offered=HelpAnswer.YES, help_accepted=HelpAnswer.YES, cause=Cause.INCOME_DROP,
    )  # fmt: skip
    melding = Melding.objects.get(pk=melding.pk)
    assert deadlines(melding, dt.date(2026, 11, 25))[Term.CRISIS_CONVERSATION] == (
        dt.date(2026, 11, 24),
        DeadlineState.MET,
    )
