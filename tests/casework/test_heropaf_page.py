"""The heropaf decision on the melding page, and the terms of the new contact round.

Rule: when the heropaf is due, the page shows per signal partner whether it answered the
heropaf question (feedback's HeropafCheck) and what: payments running again or not, the amount
still open and the date; or that no answer came yet, with the answer's due date.
Rule: after a reopening by the heropaf the Termijnen table shows the new round.
Rule: the werkbakje list (date, state, order, the termijn filter and the overdue count) follows
the same first action of the new round, not round 1's date after matching.
Rule: in the Heropaf queue the date column, the termijn filter and the overdue count are about
the heropaf date; while a signal partner may still answer the heropaf question, the heropaf
waits for it ('Wacht op antwoord signaalpartner (uiterlijk ...)') and is not overdue."""

import datetime as dt
import re
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory, add_signal
from tests.factories import CreditorFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.heropaf import heropaf_applies, reopen_by_heropaf, schedule_heropaf
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.casework.worklist import HEROPAF_QUEUE, WorklistFilters, queue_counts, worklist
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat
from vroegsignaal.feedback.heropaf_checks import answer_check
from vroegsignaal.feedback.models import HeropafAnswer, HeropafCheck

TODAY = timezone.localdate()
migration = import_module("vroegsignaal.casework.migrations.0014_round_first_action")


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


def worklist_html(client, caseworker, **params) -> str:
    client.force_login(caseworker)
    return client.get(reverse("casework:worklist"), params).content.decode()


def reopened_on(melding, caseworker, day: dt.date) -> Melding:
    """``melding`` reopened by the heropaf on ``day`` (its timeline event dated that day)."""
    reopen_by_heropaf(melding, caseworker)
    stored = Melding.objects.get(pk=melding.pk)
    stored.round_due_on = day + dt.timedelta(days=14)
    stored.save(update_fields=["round_due_on"])
    stored.events.filter(kind="reopened").update(
        created_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    )
    return stored


def test_reopening_sets_the_first_action_of_the_new_round(caseworker, due):
    reopen_by_heropaf(due, caseworker)

    stored = Melding.objects.get(pk=due.pk)
    assert stored.round_due_on == TODAY + dt.timedelta(days=14)
    assert stored.round_picked_up_on is None
    assert stored.current_due_on == stored.round_due_on
    assert stored.due_on == dt.date(2025, 11, 17)  # round 1's term stays for the monitoring


def test_worklist_shows_the_new_round_first_action_of_a_reopened_melding(client, caseworker, due):
    reopen_by_heropaf(due, caseworker)

    html = worklist_html(client, caseworker)

    first = (TODAY + dt.timedelta(days=14)).strftime("%d-%m-%Y")
    assert f"{first} (Op tijd)" in page_text(html)
    assert "17-11-2025" not in html


def test_a_reopened_melding_past_its_new_first_action_is_overdue_in_the_worklist(
    client, caseworker, due
):
    melding = reopened_on(due, caseworker, TODAY - dt.timedelta(days=20))
    filters = WorklistFilters(deadline="overdue")

    assert list(worklist(caseworker, filters, TODAY)) == [melding]
    assert "(Verlopen)" in worklist_html(client, caseworker, termijn="overdue")
    counts = {count.key: count for count in queue_counts(caseworker, TODAY)}
    assert counts[str(melding.queue_id)].overdue == 1


def test_an_attempt_in_the_new_round_picks_the_reopened_melding_up(client, caseworker, due):
    melding = reopened_on(due, caseworker, TODAY - dt.timedelta(days=20))
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.TELEFOON, attempted_on=TODAY,
        part_of_day=Dagdeel.OCHTEND, reached=False,
    )  # fmt: skip

    stored = Melding.objects.get(pk=melding.pk)
    assert stored.round_picked_up_on == TODAY
    assert stored.picked_up_on == dt.date(2025, 11, 5)  # round 1's DDAS datum opgepakt stays
    assert list(worklist(caseworker, WorklistFilters(deadline="overdue"), TODAY)) == []
    assert "(Te laat gehaald)" in worklist_html(client, caseworker)


def test_migration_gives_meldingen_reopened_before_it_their_round_first_action(caseworker, due):
    """casework.0014: the first action of a round reopened before the fields existed is the
    policy's days from the reopening on the timeline, met by the round's first attempt."""
    melding = reopened_on(due, caseworker, TODAY - dt.timedelta(days=20))
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.TELEFOON,
        attempted_on=TODAY - dt.timedelta(days=2), part_of_day=Dagdeel.OCHTEND, reached=False,
    )  # fmt: skip
    Melding.objects.filter(pk=melding.pk).update(round_due_on=None, round_picked_up_on=None)
    first_round = MeldingFactory(municipality=due.municipality)

    migration.set_round_first_actions(django_apps, None)

    stored = Melding.objects.get(pk=melding.pk)
    assert stored.round_due_on == TODAY - dt.timedelta(days=6)
    assert stored.round_picked_up_on == TODAY - dt.timedelta(days=2)
    assert Melding.objects.get(pk=first_round.pk).round_due_on is None


def test_a_creditors_no_reopens_with_the_first_action_counted_from_its_answer_day(due):
    """The demo answers heropaf questions on simulated days: the new round's first action runs
    from the day of the answer that reopened the melding, not from the day it was recorded."""
    answered = TODAY - dt.timedelta(days=3)
    check = due.checks["Energie Oost"]

    answer_check(check, HeropafAnswer.NO, 45_000, today=answered)

    stored = Melding.objects.get(pk=due.pk)
    assert (stored.contact_round, stored.round_due_on) == (2, answered + dt.timedelta(days=14))


def test_a_reopened_melding_is_ordered_by_its_new_first_action(caseworker, due):
    """Same priority: a melding due tomorrow comes before one reopened today (due in 14 days),
    although the reopened one's round-1 date lies long in the past."""
    melding = reopened_on(due, caseworker, TODAY)
    waiting = MeldingFactory(
        municipality=melding.municipality, queue=melding.queue,
        priority_score=melding.priority_score, due_on=TODAY + dt.timedelta(days=1),
    )  # fmt: skip

    assert list(worklist(caseworker, WorklistFilters(), TODAY)) == [waiting, melding]


def test_heropaf_queue_shows_filters_and_counts_the_heropaf_date(client, caseworker, due):
    """The Heropaf queue's overview counted the heropaf date as overdue while its rows showed
    round 1's pick-up date as met and the 'Verlopen' filter found nothing."""
    filters = WorklistFilters(queue=HEROPAF_QUEUE, deadline="overdue")

    assert list(worklist(caseworker, filters, TODAY)) == [due]
    html = worklist_html(client, caseworker, werkbakje=HEROPAF_QUEUE)
    assert "Heropaf op" in html
    assert f"{due.heropaf_due_on:%d-%m-%Y} (Verlopen)" in page_text(html)
    assert "17-11-2025" not in html  # round 1's pick-up date
    counts = {count.key: count for count in queue_counts(caseworker, TODAY)}
    assert counts[HEROPAF_QUEUE].overdue == 1


@pytest.fixture
def awaiting(due):
    """The heropaf date has come, and the signal partners may answer until tomorrow."""
    HeropafCheck.objects.filter(melding=due).update(answer_due_on=TODAY + dt.timedelta(days=1))
    return due


def test_heropaf_queue_shows_waiting_for_the_partner_until_the_answer_term_passed(
    client, caseworker, awaiting
):
    html = worklist_html(client, caseworker, werkbakje=HEROPAF_QUEUE)

    until = TODAY + dt.timedelta(days=1)
    assert f"Wacht op antwoord signaalpartner (uiterlijk {until:%d-%m-%Y})" in page_text(html)
    assert "Verlopen" not in page_text(html).split("Heropaf op")[-1]
    filters = WorklistFilters(queue=HEROPAF_QUEUE, deadline="overdue")
    assert list(worklist(caseworker, filters, TODAY)) == []
    counts = {count.key: count for count in queue_counts(caseworker, TODAY)}
    assert (counts[HEROPAF_QUEUE].open, counts[HEROPAF_QUEUE].overdue) == (1, 0)


def test_the_melding_page_shows_the_heropaf_waiting_for_the_partner(client, caseworker, awaiting):
    text = page_text(page(client, caseworker, awaiting))

    until = TODAY + dt.timedelta(days=1)
    assert f"Wacht op antwoord signaalpartner (uiterlijk {until:%d-%m-%Y})" in text


def test_the_heropaf_is_overdue_once_every_answer_term_passed(client, caseworker, due):
    HeropafCheck.objects.filter(melding=due).update(answer_due_on=TODAY - dt.timedelta(days=1))

    counts = {count.key: count for count in queue_counts(caseworker, TODAY)}
    assert counts[HEROPAF_QUEUE].overdue == 1
    html = worklist_html(client, caseworker, werkbakje=HEROPAF_QUEUE)
    assert f"{due.heropaf_due_on:%d-%m-%Y} (Verlopen)" in page_text(html)


@pytest.mark.parametrize(
    ("result", "why"),
    [
        (Eindresultaat.OVERLEDEN, "de inwoner is overleden"),
        (Eindresultaat.GEEN_INWONER, "de persoon geen inwoner (meer) is"),
    ],
)
def test_a_round_after_a_heropaf_closed_as_died_or_moved_away_plans_no_further_heropaf(
    client, caseworker, due, result, why
):
    """At the heropaf visit the neighbours say she died or moved: the new round's outcome goes
    to the creditor, but nobody is left to follow up six months later, and the page says so."""
    reopened = reopen_by_heropaf(due, caseworker)
    record_contact_attempt(
        reopened,
        caseworker,
        reopened.version,
        kind=Contactsoort.HUISBEZOEK,
        attempted_on=TODAY,
        part_of_day=Dagdeel.OCHTEND,
        reached=False,
    )  # fmt: skip  (the morning has begun whenever the test runs)
    melding = Melding.objects.get(pk=due.pk)
    close_with_result(melding, caseworker, melding.version, result, TODAY)
    melding = Melding.objects.get(pk=due.pk)

    assert not heropaf_applies(melding)
    with pytest.raises(CaseworkError, match=f"er volgt geen heropaf, omdat {re.escape(why)}"):
        schedule_heropaf(melding, TODAY)
    text = page_text(page(client, caseworker, melding))
    assert f"Er volgt geen heropaf, omdat {why}." in text
    assert "De heropaf wordt gepland" not in text


# QA15 B1: 'Betalingen lopen weer' only where the answers say so; else the honest outcome.


def test_without_every_partners_yes_the_page_offers_closing_without_an_answer(
    client, caseworker, due
):
    HeropafCheck.objects.filter(pk=due.checks["Energie Oost"].pk).update(answer=HeropafAnswer.YES)

    html = page(client, caseworker, due)

    assert "Betalingen lopen weer: heropaf afronden" not in html
    assert "Heropaf afronden zonder antwoord van de signaalpartner" in html
    assert "Betalingen lopen niet: heropenen" in html


def test_the_closing_without_an_answer_button_says_so_in_the_timeline(client, caseworker, due):
    client.force_login(caseworker)
    response = client.post(
        reverse("casework:close_heropaf_unanswered", args=[due.pk]),
        {"version": Melding.objects.get(pk=due.pk).version},
        follow=True,
    )

    text = page_text(response.content.decode())
    assert "De heropaf is afgerond zonder antwoord van de signaalpartner." in text
    assert (
        "Heropaf afgerond zonder antwoord van de signaalpartner (Energie Oost en Woonbedrijf "
        "Twente); niet vastgesteld dat de betalingen weer lopen" in text
    )
    assert "de betalingen lopen weer, geen actie nodig" not in text
