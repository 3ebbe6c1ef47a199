"""A werkbakje given another team in the beheeromgeving: its open meldingen stay assigned to
caseworkers of the old team, who no longer see them (a caseworker in a team sees only his team's
werkbakjes; casework.out_of_sight). As after saving a user (QA12 B7), the page says so after
saving the werkbakje: how many, who assigns them anew, and a link to the meldpunt's filter."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import UserFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(enschede, noord, zuid):
    """Team Noord's werkbakje: two open meldingen and a closed one assigned to a caseworker of
    Noord, one open melding to a caseworker of Zuid, one open melding unassigned."""
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    of_noord = UserFactory(caseworker=True, municipality=enschede, team=noord)
    of_zuid = UserFactory(caseworker=True, municipality=enschede, team=zuid)
    MeldingFactory.create_batch(2, municipality=enschede, queue=queue, assigned_to=of_noord)
    MeldingFactory(municipality=enschede, queue=queue, assigned_to=of_noord, state="closed")
    MeldingFactory(municipality=enschede, queue=queue, assigned_to=of_zuid)
    MeldingFactory(municipality=enschede, queue=queue)
    return queue


def _saved(client, queue, team) -> tuple[str, str]:
    """Save the werkbakje with ``team`` (a Team or None) through the beheeromgeving; the page
    after saving as text and as HTML."""
    url = reverse("admin:casework_queue_change", args=[queue.pk])
    data = form_data(client, url, team=str(team.pk) if team else "")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    return " ".join(page_text(html).split()), html


def test_giving_a_werkbakje_another_team_says_how_many_open_meldingen_are_assigned_out_of_sight(
    client, functioneel_beheerder, queue, zuid
):
    text, html = _saved(client, queue, zuid)

    assert (
        "Dit werkbakje heeft nog 2 open meldingen toegewezen aan iemand die ze niet meer kan "
        "zien; uitvoerders van Team Zuid, uitvoerders zonder team en het meldpunt zien de "
        "meldingen in dit werkbakje. Het meldpunt van Enschede kan ze opnieuw toewijzen: in Werkbakjes, filter "
        "Toegewezen: Aan iemand die ze niet meer kan zien." in text
    )
    link = f'href="/werk/?werkbakje={queue.pk}&amp;toegewezen=out_of_sight"'
    assert link in html


def test_the_filter_the_link_opens_lists_those_meldingen_for_the_meldpunt(
    client, functioneel_beheerder, queue, zuid, enschede
):
    _saved(client, queue, zuid)
    meldpunt = UserFactory(intake=True, municipality=enschede)
    client.force_login(meldpunt)

    page = client.get(f"/werk/?werkbakje={queue.pk}&toegewezen=out_of_sight")

    assert len(page.context["page"].object_list) == 2


def test_a_werkbakje_without_a_team_says_nothing_as_every_caseworker_sees_it(
    client, functioneel_beheerder, queue
):
    text, _ = _saved(client, queue, None)

    assert "met succes gewijzigd" in text
    assert "open melding" not in text


def test_keeping_the_team_says_nothing_when_the_assignees_still_see_them(
    client, functioneel_beheerder, enschede, noord
):
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    of_noord = UserFactory(caseworker=True, municipality=enschede, team=noord)
    MeldingFactory(municipality=enschede, queue=queue, assigned_to=of_noord)

    text, _ = _saved(client, queue, noord)

    assert "met succes gewijzigd" in text
    assert "open melding" not in text


def test_one_melding_out_of_sight_is_named_in_the_singular(
    client, functioneel_beheerder, enschede, noord, zuid
):
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    of_noord = UserFactory(caseworker=True, municipality=enschede, team=noord)
    MeldingFactory(municipality=enschede, queue=queue, assigned_to=of_noord)

    text, _ = _saved(client, queue, zuid)

    assert (
        "Dit werkbakje heeft nog 1 open melding toegewezen aan iemand die haar niet meer kan "
        "zien;" in text
    )
    assert "kan haar opnieuw toewijzen" in text
