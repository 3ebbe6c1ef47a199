"""Who may see a print-room batch: only who may see every melding in it (its PDF holds the names
and addresses of all of them)."""

import pytest
from django.urls import reverse

from tests.casework.factories import QueueFactory
from tests.factories import UserFactory
from tests.letters.conftest import MOMENT, assigned_melding
from vroegsignaal.letters import services
from vroegsignaal.organisations.models import Team
from vroegsignaal.privacy.models import AuditEntry


@pytest.fixture
def teams(enschede):
    return (
        Team.objects.create(municipality=enschede, name="Wijkteam Noord"),
        Team.objects.create(municipality=enschede, name="Wijkteam Zuid"),
    )


def _batch(enschede, by, meldingen):
    selection = [(melding, melding.version) for melding in meldingen]
    return services.first_letter_batch(enschede, selection, by, MOMENT).batch


def _melding_of(team, enschede, caseworker):
    queue = QueueFactory(municipality=enschede, name=f"Huisbezoek {team.name}", team=team)
    return assigned_melding(enschede, caseworker, queue=queue)


def test_a_batch_with_a_melding_of_another_team_is_not_listed_or_downloadable(
    client, enschede, teams, caseworker, letterhead
):
    north, south = teams
    batch = _batch(enschede, caseworker, [_melding_of(north, enschede, caseworker)])
    client.force_login(UserFactory(caseworker=True, municipality=enschede, team=south))

    overview = client.get(reverse("letters:overview")).content.decode()
    download = client.get(reverse("letters:batch_pdf", args=[batch.pk]))

    assert reverse("letters:batch_pdf", args=[batch.pk]) not in overview
    assert "Nog geen printopdrachten." in overview
    assert download.status_code == 404


def test_a_batch_is_for_who_may_see_every_melding_in_it_and_the_download_is_audited(
    client, enschede, teams, caseworker, intake_user, letterhead
):
    north, south = teams
    ours = _melding_of(south, enschede, caseworker)
    shared = assigned_melding(enschede, caseworker)  # a queue without a team
    theirs = _melding_of(north, enschede, caseworker)
    own_batch = _batch(enschede, caseworker, [ours, shared])
    mixed_batch = _batch(enschede, caseworker, [_melding_of(south, enschede, caseworker), theirs])
    url = reverse("letters:batch_pdf", args=[own_batch.pk])

    client.force_login(UserFactory(caseworker=True, municipality=enschede, team=south))
    overview = client.get(reverse("letters:overview")).content.decode()
    assert url in overview
    assert reverse("letters:batch_pdf", args=[mixed_batch.pk]) not in overview
    assert client.get(url).status_code == 200
    assert client.get(reverse("letters:batch_pdf", args=[mixed_batch.pk])).status_code == 404
    audited = AuditEntry.objects.filter(object_type="letters.letterbatch").order_by("id")
    assert [(e.object_id, e.action) for e in audited] == [
        (str(own_batch.pk), "view"),
        (str(mixed_batch.pk), "refused"),
    ]

    client.force_login(intake_user)  # the meldpunt sees every melding of the municipality
    assert client.get(reverse("letters:batch_pdf", args=[mixed_batch.pk])).status_code == 200
