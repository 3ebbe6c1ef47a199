"""A beheerder gives a werkbakje a team in the beheeromgeving, so a new team gets meldingen of its
own: its caseworkers see them, a caseworker of another team does not."""

import re

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import MunicipalityFactory, UserFactory
from vroegsignaal.casework.models import Queue
from vroegsignaal.organisations.models import Team
from vroegsignaal.privacy.policy import meldingen_for

pytestmark = pytest.mark.django_db


def test_a_werkbakje_given_to_a_new_team_is_seen_by_that_team_only(client, functioneel_beheerder):
    melding = MeldingFactory(queue=QueueFactory(name="Wijkteam West"))
    west = Team.objects.create(municipality=melding.municipality, name="Team West")
    noord = Team.objects.create(municipality=melding.municipality, name="Team Noord")
    url = reverse("admin:casework_queue_change", args=[melding.queue.pk])

    response = client.post(url, form_data(client, url, team=str(west.pk)))

    assert response.status_code == 302
    of_west = UserFactory(caseworker=True, municipality=melding.municipality, team=west)
    of_noord = UserFactory(caseworker=True, municipality=melding.municipality, team=noord)
    assert list(meldingen_for(of_west)) == [melding]
    assert list(meldingen_for(of_noord)) == []


def test_a_werkbakje_is_made_beforehand_with_its_team(client, functioneel_beheerder):
    enschede = MunicipalityFactory()
    west = Team.objects.create(municipality=enschede, name="Team West")
    url = reverse("admin:casework_queue_add")

    client.post(
        url, form_data(client, url, municipality=str(enschede.pk), name="West", team=str(west.pk))
    )

    assert Queue.objects.get(municipality=enschede, name="West").team == west


def test_a_team_of_another_municipality_is_refused_with_a_dutch_message(
    client, functioneel_beheerder
):
    queue = QueueFactory(name="Wijkteam West")
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    other = Team.objects.create(municipality=hengelo, name="Team Hengelo")
    url = reverse("admin:casework_queue_change", args=[queue.pk])

    page = client.post(url, form_data(client, url, team=str(other.pk))).content.decode()

    assert "Team Hengelo hoort bij Hengelo, niet bij Enschede" in page
    queue.refresh_from_db()
    assert queue.team is None


def test_the_werkbakjes_list_filters_on_municipality_and_team_and_nothing_is_deleted(
    client, functioneel_beheerder
):
    queue = QueueFactory(name="Wijkteam West")
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    team = Team.objects.create(municipality=hengelo, name="Team Hengelo")
    QueueFactory(municipality=hengelo, name="Hengelo", team=team)
    page = client.get(reverse("admin:casework_queue_changelist")).content.decode()

    assert "Wijkteam West" in page
    assert "Op gemeente" in page and "Op team" in page, "the filters"
    delete = client.get(reverse("admin:casework_queue_delete", args=[queue.pk]))
    assert delete.status_code == 403


def _changelist_rows(client) -> list[str]:
    page = client.get(reverse("admin:casework_queue_changelist")).content.decode()
    body = page.split("<tbody>", 1)[1].split("</tbody>")[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>")[:-1]]


def test_the_werkbakjes_list_says_the_term_is_in_calendar_days_and_a_crisis_in_working_days(
    client, functioneel_beheerder
):
    """casework.deadlines: a werkbakje's term for the first action counts calendar days; a
    crisissignaal has 3 working days in any werkbakje (Wgs art. 4 lid 2). The column said
    'Termijn (dagen)', and the Crisis werkbakje's 3 read as calendar days."""
    QueueFactory(name="Brief en bellen", term_days=28)

    page = client.get(reverse("admin:casework_queue_changelist")).content.decode()

    assert "Termijn eerste actie" in page and "Termijn (dagen)" not in page
    assert _changelist_rows(client) == [
        "Brief en bellen Enschede (0153) - Huisbezoek 28 kalenderdagen; crisissignaal 3 werkdagen"
    ]


def test_the_werkbakjes_of_a_municipality_are_listed_by_name(client, functioneel_beheerder):
    """The matching makes werkbakjes in no particular order; the list showed them by id."""
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    for municipality, name in [
        (hengelo, "Jongeren"), (None, "Jongeren"), (hengelo, "Crisis"), (None, "Crisis"),
        (None, "Brief en bellen"),
    ]:  # fmt: skip
        QueueFactory(name=name, **({"municipality": municipality} if municipality else {}))

    names = [row.split(" Enschede")[0].split(" Hengelo")[0] for row in _changelist_rows(client)]

    assert names == ["Brief en bellen", "Crisis", "Jongeren", "Crisis", "Jongeren"]
