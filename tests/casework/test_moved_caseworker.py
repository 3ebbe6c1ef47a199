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
from vroegsignaal.casework.heropaf import reopen_by_heropaf
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.worklist import HEROPAF_QUEUE
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import SentLetter

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
        "zien; kies iemand van Team Noord, een uitvoerder zonder team of het meldpunt."
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


# QA13 N2: the Heropaf queue is the werkbakje team's, whoever is assigned, so a closed melding
# waiting for its heropaf needs no new assignee; only open ones are 'out of sight'.


@pytest.fixture
def heropaf_waiting(noord_melding):
    """The mover's Noord melding, closed; its heropaf date has come."""
    Melding.objects.filter(pk=noord_melding.pk).update(
        state="closed", closed_on=dt.date(2026, 4, 1), heropaf_due_on=dt.date(2026, 10, 1)
    )
    return Melding.objects.get(pk=noord_melding.pk)


def test_the_old_teams_heropaf_waits_in_its_heropaf_queue_whoever_is_assigned(
    client, enschede, noord, moved, heropaf_waiting
):
    colleague = UserFactory(caseworker=True, municipality=enschede, team=noord)
    client.force_login(colleague)

    text = page_text(client.get(reverse("casework:worklist"), {"werkbakje": HEROPAF_QUEUE}))

    assert "Noordstraat" in text


def test_a_closed_melding_waiting_for_its_heropaf_is_not_offered_to_assign_anew(
    meldpunt, heropaf_waiting
):
    overview = page_text(meldpunt.get(reverse("casework:worklist")))
    filtered = page_text(
        meldpunt.get(
            reverse("casework:worklist"),
            {"werkbakje": HEROPAF_QUEUE, "toegewezen": "out_of_sight"},
        )
    )
    queue = page_text(meldpunt.get(reverse("casework:worklist"), {"werkbakje": HEROPAF_QUEUE}))
    page = page_text(meldpunt.get(reverse("casework:melding", args=[heropaf_waiting.pk])))

    assert "toegewezen aan iemand die" not in overview
    assert "Noordstraat" not in filtered
    assert "Noordstraat" in queue and "(kan deze melding niet meer zien)" not in queue
    assert "wijs haar opnieuw toe" not in page


def test_the_out_of_sight_filter_says_it_lists_open_meldingen(meldpunt):
    text = page_text(meldpunt.get(reverse("casework:worklist")))

    assert (
        "'Aan iemand die ze niet meer kan zien' toont de open meldingen waarvan wie ze "
        "toegewezen kreeg ze niet meer kan zien." in text
    )


def test_a_heropaf_reopened_while_assigned_to_someone_out_of_sight_is_offered_to_assign_anew(
    meldpunt, intake_user, heropaf_waiting
):
    reopen_by_heropaf(heropaf_waiting, intake_user, today=dt.date(2026, 11, 27))

    overview = page_text(meldpunt.get(reverse("casework:worklist")))
    filtered = page_text(meldpunt.get(reverse("casework:worklist"), {"toegewezen": "out_of_sight"}))

    assert "1 open melding is toegewezen aan iemand die haar niet meer kan zien" in overview
    assert "Noordstraat" in filtered


# QA13 N6: the assign choices offer only colleagues who can see the melding, and a refusal
# names every way out and every melding concerned.


@pytest.fixture
def colleagues(enschede, noord, zuid):
    return {
        "noord": UserFactory(
            caseworker=True, municipality=enschede, team=noord, first_name="No", last_name="Ord"
        ),
        "zuid": UserFactory(
            caseworker=True, municipality=enschede, team=zuid, first_name="Zo", last_name="Zuid"
        ),
        "teamless": UserFactory(
            caseworker=True, municipality=enschede, first_name="Zon", last_name="Derteam"
        ),
    }


def _assign_choices(html: str) -> str:
    """The text of the melding's assign choices (the form posting to casework:assign)."""
    form = html.split('name="medewerker"', 1)[1].split("</select>", 1)[0]
    return page_text(form)


@pytest.mark.parametrize("page", ["casework:melding", "letters:melding"])
def test_the_assign_choices_offer_only_colleagues_who_can_see_the_melding(
    client, intake_user, enschede, noord, colleagues, page
):
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    melding = MeldingFactory(municipality=enschede, queue=queue)
    client.force_login(intake_user)

    choices = _assign_choices(client.get(reverse(page, args=[melding.pk])).content.decode())

    assert "No Ord (Team Noord)" in choices
    assert "Zon Derteam (uitvoerder)" in choices
    assert "Ina Take (meldpunt, ikzelf)" in choices
    assert "Zo Zuid" not in choices


def test_refusing_a_colleague_of_another_team_names_caseworkers_without_a_team_too(
    enschede, noord, colleagues, intake_user
):
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    melding = MeldingFactory(municipality=enschede, queue=queue)

    with pytest.raises(CaseworkError) as refused:
        assign(melding, colleagues["zuid"], intake_user, melding.version)

    assert str(refused.value).endswith(
        "kies iemand van Team Noord, een uitvoerder zonder team of het meldpunt."
    )


def test_bulk_assigning_to_a_colleague_of_another_team_names_every_melding_she_cannot_see(
    client, intake_user, enschede, noord, zuid, colleagues
):
    noord_queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    zuid_queue = QueueFactory(municipality=enschede, name="Huisbezoek Zuid", team=zuid)
    unseen = MeldingFactory.create_batch(2, municipality=enschede, queue=noord_queue)
    seen = MeldingFactory(municipality=enschede, queue=zuid_queue)
    client.force_login(intake_user)

    response = client.post(
        reverse("casework:worklist"),
        {
            "melding": [f"{m.pk}:{m.version}" for m in [*unseen, seen]],
            "medewerker": colleagues["zuid"].pk,
        },
        follow=True,
    )

    first, second = (m.reference for m in unseen)
    assert (
        f"Zo Zuid werkt in Team Zuid en kan 2 van de 3 gekozen meldingen niet zien, want die "
        f"staan in het werkbakje van Team Noord: {first} en {second}. Kies voor die meldingen "
        "iemand van Team Noord, een uitvoerder zonder team of het meldpunt."
    ) in page_text(response)
    assert not Melding.objects.filter(assigned_to=colleagues["zuid"]).exists()
