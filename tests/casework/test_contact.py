"""Contact attempts: DDAS dagdeel, pick-up moment, card after a missed visit, 'geen contact'."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.page_text import page_text
from vroegsignaal.casework.contact import (
    leave_card,
    missed_visits_without_card,
    part_of_day,
    proposes_no_contact,
    record_contact_attempt,
)
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.models import CaseworkPolicy, ContactAttempt, Melding
from vroegsignaal.ddas import Contactsoort, Dagdeel, Signaalstatus
from vroegsignaal.intake.models import Signal

DAY = dt.date(2026, 11, 5)


def attempt(melding, by, kind=Contactsoort.HUISBEZOEK, reached=False, on=DAY, **extra):
    return record_contact_attempt(
        melding,
        by,
        melding.version,
        kind=kind,
        attempted_on=on,
        part_of_day=Dagdeel.MIDDAG,
        reached=reached,
        **extra,
    )


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.time(0, 0), Dagdeel.OCHTEND),
        (dt.time(11, 59), Dagdeel.OCHTEND),
        (dt.time(12, 0), Dagdeel.MIDDAG),
        (dt.time(17, 59), Dagdeel.MIDDAG),
        (dt.time(18, 0), Dagdeel.AVOND),
        (dt.time(23, 59), Dagdeel.AVOND),
    ],
)
def test_part_of_day_follows_ddas_boundaries_12_and_18(moment, expected):
    assert part_of_day(moment) == expected


def test_first_attempt_starts_contact_and_picks_the_melding_up(assigned, caseworker):
    attempt(assigned, caseworker)

    stored = Melding.objects.get(pk=assigned.pk)
    assert (stored.state, stored.picked_up_on) == ("contact_in_progress", DAY)
    assert set(Signal.objects.values_list("status", flat=True)) == {Signaalstatus.OPGEPAKT}


def test_later_attempts_keep_the_first_pick_up_date(assigned, caseworker):
    attempt(assigned, caseworker)
    attempt(assigned, caseworker, on=DAY + dt.timedelta(days=3))

    assert Melding.objects.get(pk=assigned.pk).picked_up_on == DAY
    assert ContactAttempt.objects.filter(melding=assigned).count() == 2


def test_a_new_melding_must_be_assigned_before_a_contact_attempt(melding, caseworker):
    with pytest.raises(CaseworkError, match="Wijs de melding eerst toe"):
        attempt(melding, caseworker)


def test_help_accepted_at_the_door_starts_the_conversation_term(assigned, caseworker):
    attempt(assigned, caseworker, reached=True, accepted_help=True)

    assert Melding.objects.get(pk=assigned.pk).accepted_on == DAY


def test_help_accepted_at_the_door_shows_on_the_timeline_on_that_day(client, assigned, caseworker):
    attempt(assigned, caseworker, reached=True, accepted_help=True)
    client.force_login(caseworker)

    text = page_text(client.get(reverse("casework:melding", args=[assigned.pk])))

    assert "Hulp geaccepteerd op 05-11-2026 bij een contactpoging (Huisbezoek)" in text


def test_an_attempt_without_help_accepted_shows_no_acceptance_on_the_timeline(
    client, assigned, caseworker
):
    attempt(assigned, caseworker, reached=True)
    client.force_login(caseworker)

    text = page_text(client.get(reverse("casework:melding", args=[assigned.pk])))

    assert "Hulp geaccepteerd op" not in text


def test_help_cannot_be_accepted_without_reaching_the_resident(assigned, caseworker):
    with pytest.raises(CaseworkError, match="alleen als de inwoner is bereikt"):
        attempt(assigned, caseworker, reached=False, accepted_help=True)


def test_card_after_missed_home_visit_is_one_click_with_the_same_day(assigned, caseworker):
    visit = attempt(assigned, caseworker)
    assert missed_visits_without_card([visit]) == [visit]

    card = leave_card(assigned, caseworker, assigned.version, visit)

    assert (card.kind, card.attempted_on, card.part_of_day) == ("Kaartje", DAY, "Middag")
    assert missed_visits_without_card([visit, card]) == []


def test_the_card_message_says_it_is_a_contactpoging_not_counted_apart_for_no_contact(
    client, assigned, caseworker
):
    """Rule (docs/casework.md): a card is a contactpoging of its own kind (DDAS contactsoort
    Kaartje: the melding page, the monitoring and the national delivery list it), but with the
    missed visit it belongs to it is one failed attempt towards 'Definitief geen contact'."""
    visit = attempt(assigned, caseworker)
    client.force_login(caseworker)

    page = client.post(
        reverse("casework:leave_card", args=[assigned.pk, visit.pk]),
        {"version": Melding.objects.get(pk=assigned.pk).version},
        follow=True,
    ).content.decode()

    assert (
        "Het kaartje is vastgelegd als contactpoging bij het gemiste huisbezoek; voor het "
        "voorstel 'Definitief geen contact kunnen krijgen' telt het niet als aparte mislukte "
        "poging." in page_text(page)
    )
    assert assigned.contact_attempts.filter(kind=Contactsoort.KAARTJE).exists()


def test_no_card_after_a_successful_visit(assigned, caseworker):
    visit = attempt(assigned, caseworker, reached=True)

    with pytest.raises(CaseworkError, match="alleen na een gemist huisbezoek"):
        leave_card(assigned, caseworker, assigned.version, visit)


def test_no_contact_is_proposed_after_the_policy_number_of_missed_attempts(assigned, caseworker):
    policy = CaseworkPolicy(municipality=assigned.municipality)
    visit = attempt(assigned, caseworker)
    leave_card(assigned, caseworker, assigned.version, visit)
    attempt(assigned, caseworker, kind=Contactsoort.TELEFOON)
    attempts = list(assigned.contact_attempts.all())
    assert not proposes_no_contact(assigned, attempts, policy), "a card is not an attempt"

    attempt(assigned, caseworker, kind=Contactsoort.BRIEF)

    assert proposes_no_contact(assigned, list(assigned.contact_attempts.all()), policy)


def test_the_number_of_attempts_before_proposing_no_contact_is_policy(assigned, caseworker):
    policy = CaseworkPolicy(municipality=assigned.municipality, no_contact_after_attempts=2)
    attempt(assigned, caseworker)
    attempt(assigned, caseworker, kind=Contactsoort.TELEFOON)

    assert proposes_no_contact(assigned, list(assigned.contact_attempts.all()), policy)


def test_no_contact_is_not_proposed_once_the_resident_was_reached(assigned, caseworker):
    policy = CaseworkPolicy(municipality=assigned.municipality)
    for _ in range(3):
        attempt(assigned, caseworker)
    attempt(assigned, caseworker, reached=True)

    assert not proposes_no_contact(assigned, list(assigned.contact_attempts.all()), policy)
