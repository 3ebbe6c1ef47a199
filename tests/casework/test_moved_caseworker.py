"""QA12 B7: a caseworker moved to another team works for that team only. The meldingen of the
old team that were assigned to him are out of his sight on every page he can open by URL, and
the meldpunt finds them as meldingen to assign anew (the assignment and its history stay)."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import UserFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.worklist import HEROPAF_QUEUE
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import SentLetter
from vroegsignaal.organisations.models import Team

MELDING_PAGES = [
    "casework:melding",
    "casework:contact",
    "casework:conversation",
    "casework:budget",
    "casework:plan",
    "casework:referral",
    "casework:close",
    "letters:melding",
]


@pytest.fixture
def noord(enschede):
    return Team.objects.create(municipality=enschede, name="Team Noord")


@pytest.fixture
def zuid(enschede):
    return Team.objects.create(municipality=enschede, name="Team Zuid")


@pytest.fixture
def mover(enschede, noord):
    return UserFactory(
        caseworker=True, municipality=enschede, team=noord, first_name="Mo", last_name="Ver"
    )


@pytest.fixture
def noord_melding(enschede, noord, mover):
    """An open melding in Team Noord's werkbakje, assigned to the mover while he was in Noord."""
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    melding = MeldingFactory(municipality=enschede, queue=queue, street="Noordstraat")
    return assign(melding, mover, mover, melding.version)


@pytest.fixture
def moved(client, mover, zuid, noord_melding):
    """The administrator moved him to Team Zuid; he is logged in."""
    mover.team = zuid
    mover.save()
    client.force_login(mover)
    return client


def test_a_caseworker_moved_to_another_team_no_longer_sees_the_old_teams_meldingen_assigned_to_him(
    moved,
):
    text = page_text(moved.get(reverse("casework:worklist")))

    assert "Noordstraat" not in text
    assert "Huisbezoek Noord" not in text  # nor the werkbakje in the overview


@pytest.mark.parametrize("page", MELDING_PAGES)
def test_a_moved_caseworker_cannot_open_the_old_teams_melding_by_its_address(
    moved, noord_melding, page
):
    assert moved.get(reverse(page, args=[noord_melding.pk])).status_code == 404


def test_a_moved_caseworker_cannot_open_a_letter_of_the_old_teams_melding(moved, noord_melding):
    sent = SentLetter.objects.create(
        melding=noord_melding, kind=LetterKind.FIRST, contact_round=1, recipients=[]
    )
    sent.pdf.save("brief.pdf", ContentFile(b"%PDF-1.7"))

    assert moved.get(reverse("letters:sent_pdf", args=[sent.pk])).status_code == 404


def test_a_moved_caseworker_does_not_find_the_old_teams_melding_by_searching(moved, noord_melding):
    text = page_text(moved.get(reverse("casework:search"), {"q": noord_melding.reference}))

    assert "Noordstraat" not in text


def test_a_moved_caseworker_does_not_get_the_old_teams_heropaf(moved, noord_melding):
    Melding.objects.filter(pk=noord_melding.pk).update(
        state="closed", closed_on=dt.date(2026, 4, 1), heropaf_due_on=dt.date(2026, 10, 1)
    )

    text = page_text(moved.get(reverse("casework:worklist"), {"werkbakje": HEROPAF_QUEUE}))

    assert "Noordstraat" not in text


def test_the_moved_caseworkers_old_assignment_stays_on_the_melding(mover, moved, noord_melding):
    """Nothing is unassigned silently: the meldpunt still reads who had it."""
    assert Melding.objects.get(pk=noord_melding.pk).assigned_to == mover


def test_a_melding_cannot_be_assigned_to_a_caseworker_of_another_team(
    enschede, noord, zuid, intake_user
):
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    melding = MeldingFactory(municipality=enschede, queue=queue)
    south = UserFactory(
        caseworker=True, municipality=enschede, team=zuid, first_name="Zo", last_name="Zuid"
    )

    with pytest.raises(CaseworkError) as refused:
        assign(melding, south, intake_user, melding.version)

    assert str(refused.value) == (
        "Zo Zuid werkt in Team Zuid en kan deze melding in het werkbakje van Team Noord niet "
        "zien; kies iemand van Team Noord of van het meldpunt."
    )


@pytest.fixture
def meldpunt(client, intake_user, moved):
    client.force_login(intake_user)
    return client


def test_the_meldpunt_reads_that_meldingen_are_assigned_to_someone_who_can_no_longer_see_them(
    meldpunt,
):
    text = page_text(meldpunt.get(reverse("casework:worklist")))

    assert (
        "1 open melding is toegewezen aan iemand die haar niet meer kan zien (in een ander team, "
        "een andere gemeente of zonder actief account). Wijs haar opnieuw toe." in text
    )
    assert "Mo Ver (kan deze melding niet meer zien)" in text


def test_the_meldpunt_filters_on_meldingen_assigned_to_someone_who_can_no_longer_see_them(
    meldpunt, enschede, intake_user
):
    MeldingFactory(municipality=enschede, street="Gewoonstraat", assigned_to=intake_user)
    gone = UserFactory(caseworker=True, municipality=enschede, is_active=False)
    MeldingFactory(municipality=enschede, street="Vertrokkenstraat", assigned_to=gone)

    text = page_text(meldpunt.get(reverse("casework:worklist"), {"toegewezen": "out_of_sight"}))

    assert "Noordstraat" in text and "Vertrokkenstraat" in text
    assert "Gewoonstraat" not in text


def test_the_meldpunt_assigns_it_anew_and_the_note_is_gone(
    meldpunt, noord_melding, enschede, noord
):
    successor = UserFactory(caseworker=True, municipality=enschede, team=noord)

    meldpunt.post(
        reverse("casework:assign", args=[noord_melding.pk]),
        {"version": noord_melding.version, "medewerker": successor.pk},
    )

    assert Melding.objects.get(pk=noord_melding.pk).assigned_to == successor
    text = page_text(meldpunt.get(reverse("casework:worklist")))
    assert "toegewezen aan iemand die haar niet meer kan zien" not in text
    assert "(kan deze melding niet meer zien)" not in text


def test_the_melding_page_tells_the_meldpunt_the_assignee_can_no_longer_see_it(
    meldpunt, noord_melding
):
    text = page_text(meldpunt.get(reverse("casework:melding", args=[noord_melding.pk])))

    assert "Mo Ver (kan deze melding niet meer zien; wijs haar opnieuw toe)" in text
