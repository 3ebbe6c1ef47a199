"""Who sees the meldingen in a team's werkbakje (QA14 B4): the caseworkers of that team, the
caseworkers without a team and the meldpunt; not the caseworkers of another team. A caseworker
without a team works for the whole municipality (domain.md, Privacy: 'the municipality or team
they work for'; docs/privacy.md). The beheeromgeving's help text says exactly this, and saving a
team's werkbakje names the caseworkers without a team who see it too."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import UserFactory
from tests.page_text import page_text
from vroegsignaal.casework.admin import QueueForm
from vroegsignaal.privacy.policy import meldingen_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_noord(enschede, noord):
    """A melding in Team Noord's werkbakje."""
    queue = QueueFactory(municipality=enschede, name="Wijkteam Noord", team=noord)
    return MeldingFactory(municipality=enschede, queue=queue)


def _sees(client, user, melding) -> bool:
    """Whether ``user`` sees ``melding``: by the policy, in the werkbakjes and on its page."""
    client.force_login(user)
    listed = melding in client.get(reverse("casework:worklist")).context["page"].object_list
    page = client.get(reverse("casework:melding", args=[melding.pk])).status_code
    assert (page == 200) == listed == (melding in meldingen_for(user)), "one rule everywhere"
    return listed


def test_a_caseworker_of_the_werkbakjes_team_sees_its_meldingen(client, enschede, noord, in_noord):
    of_noord = UserFactory(caseworker=True, municipality=enschede, team=noord)

    assert _sees(client, of_noord, in_noord)


def test_a_caseworker_of_another_team_does_not_see_them(client, enschede, zuid, in_noord):
    of_zuid = UserFactory(caseworker=True, municipality=enschede, team=zuid)

    assert not _sees(client, of_zuid, in_noord)


def test_a_caseworker_without_a_team_sees_them_as_he_works_for_the_whole_municipality(
    client, caseworker, in_noord
):
    assert caseworker.team is None

    assert _sees(client, caseworker, in_noord)


def test_the_meldpunt_sees_them(client, intake_user, in_noord):
    assert _sees(client, intake_user, in_noord)


def test_the_help_text_says_who_sees_the_meldingen_and_who_does_not():
    help_text = QueueForm().fields["team"].help_text

    assert help_text == (
        "Uitvoerders van dit team zien de meldingen in dit werkbakje; uitvoerders van andere "
        "teams zien ze niet, uitvoerders zonder team en het meldpunt wel. Wilt u het werkbakje "
        "voor hen afschermen, geef dan elke uitvoerder van de gemeente een team. Leeg: alle "
        "uitvoerders van de gemeente."
    )


def _saved_text(client, url, **fields) -> str:
    response = client.post(url, form_data(client, url, **fields), follow=True)
    assert response.status_code == 200
    return " ".join(page_text(response.content.decode()).split())


def test_saving_a_teams_werkbakje_names_the_caseworkers_without_a_team_who_see_it(
    client, functioneel_beheerder, enschede, noord, caseworker
):
    UserFactory(caseworker=True, municipality=enschede, team=noord)
    UserFactory(caseworker=True, municipality=enschede, is_active=False)
    queue = QueueFactory(municipality=enschede, name="Wijkteam Noord")
    url = reverse("admin:casework_queue_change", args=[queue.pk])

    text = _saved_text(client, url, team=str(noord.pk))

    assert (
        "Ook 1 uitvoerder zonder team ziet de meldingen in dit werkbakje: Cas Werker. Alleen "
        "voor Team Noord en het meldpunt? Geef die uitvoerder dan een team (Gebruikers)." in text
    )


def test_a_new_teams_werkbakje_names_them_too_and_many_are_counted_not_all_named(
    client, functioneel_beheerder, enschede, noord
):
    for number in range(7):
        UserFactory(
            caseworker=True, municipality=enschede, first_name="Uit", last_name=f"Voerder {number}"
        )
    url = reverse("admin:casework_queue_add")

    text = _saved_text(client, url, municipality=str(enschede.pk), name="Noord", team=str(noord.pk))

    assert (
        "Ook 7 uitvoerders zonder team zien de meldingen in dit werkbakje: Uit Voerder 0, "
        "Uit Voerder 1, Uit Voerder 2, Uit Voerder 3, Uit Voerder 4 en nog 2. Alleen voor Team "
        "Noord en het meldpunt? Geef die uitvoerders dan een team (Gebruikers)." in text
    )


def test_a_werkbakje_without_a_team_or_a_municipality_without_teamless_caseworkers_says_nothing(
    client, functioneel_beheerder, enschede, noord, caseworker
):
    UserFactory(caseworker=True, municipality=enschede, team=noord)
    without_team = QueueFactory(municipality=enschede, name="Brief en bellen")
    url = reverse("admin:casework_queue_change", args=[without_team.pk])

    assert "zonder team" not in _saved_text(client, url, team="")

    caseworker.team = noord
    caseworker.save()
    queue = QueueFactory(municipality=enschede, name="Wijkteam Noord")
    url = reverse("admin:casework_queue_change", args=[queue.pk])
    assert "zonder team" not in _saved_text(client, url, team=str(noord.pk))
