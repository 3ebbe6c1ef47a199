"""Access: only intake staff and caseworkers, only their own municipality (and team)."""

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import UserFactory
from vroegsignaal.casework.access import meldingen_visible_to
from vroegsignaal.organisations.models import Team

MELDING_PAGES = ["melding", "contact", "conversation", "budget", "plan", "referral", "close"]


@pytest.mark.parametrize("page", MELDING_PAGES)
def test_a_melding_of_another_municipality_is_not_found(client, hengelo, melding, page):
    client.force_login(UserFactory(caseworker=True, municipality=hengelo))

    response = client.get(reverse(f"casework:{page}", args=[melding.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("trait", ["creditor_staff", "project_leader", "privacy_officer"])
@pytest.mark.parametrize("page", MELDING_PAGES)
def test_other_roles_are_forbidden_on_melding_pages(client, melding, trait, page):
    client.force_login(UserFactory(**{trait: True}))

    response = client.get(reverse(f"casework:{page}", args=[melding.pk]))

    assert response.status_code == 403


def test_other_roles_are_forbidden_on_the_worklist(client, melding):
    client.force_login(UserFactory(creditor_staff=True))

    assert client.get(reverse("casework:worklist")).status_code == 403


def test_anonymous_users_go_to_the_log_in_page(client, melding):
    response = client.get(reverse("casework:melding", args=[melding.pk]))

    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]


def test_assigning_another_municipalitys_melding_is_not_found(client, hengelo, melding):
    outsider = UserFactory(caseworker=True, municipality=hengelo)
    client.force_login(outsider)

    response = client.post(
        reverse("casework:assign", args=[melding.pk]),
        {"version": melding.version, "medewerker": outsider.pk},
    )

    assert response.status_code == 404
    melding.refresh_from_db()
    assert melding.assigned_to is None


def test_bulk_assigning_another_municipalitys_melding_is_not_found(client, hengelo, melding):
    outsider = UserFactory(caseworker=True, municipality=hengelo)
    client.force_login(outsider)

    response = client.post(
        reverse("casework:worklist"),
        {"melding": f"{melding.pk}:{melding.version}", "medewerker": outsider.pk},
    )

    assert response.status_code == 404
    melding.refresh_from_db()
    assert melding.assigned_to is None


def test_a_caseworker_in_a_team_sees_own_team_and_teamless_queues_only(enschede):
    north = Team.objects.create(municipality=enschede, name="Noord")
    south = Team.objects.create(municipality=enschede, name="Zuid")
    ours = MeldingFactory(
        municipality=enschede, queue=QueueFactory(municipality=enschede, name="N", team=north)
    )
    theirs = MeldingFactory(
        municipality=enschede, queue=QueueFactory(municipality=enschede, name="Z", team=south)
    )
    shared = MeldingFactory(municipality=enschede)
    worker = UserFactory(caseworker=True, municipality=enschede, team=north)
    intake = UserFactory(intake=True, municipality=enschede, team=north)

    assert set(meldingen_visible_to(worker)) == {ours, shared}
    assert set(meldingen_visible_to(intake)) == {ours, theirs, shared}
