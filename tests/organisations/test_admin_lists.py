"""The beheeromgeving's lists answer the beheerder's questions: which partners have a convenant
with a municipality and which have ended, the teams of a municipality, the users of a team."""

import datetime as dt

import pytest
from django.urls import reverse
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    MunicipalityFactory,
    UserFactory,
)

from vroegsignaal.organisations.models import Team

pytestmark = pytest.mark.django_db


def _rows(client, url_name, **query) -> str:
    page = client.get(reverse(url_name), query).content.decode()
    start = page.index('id="result_list"')
    return page[start : page.index("</table>", start)]


def test_the_convenanten_list_filters_on_municipality_and_validity(client, functioneel_beheerder):
    enschede, almelo = MunicipalityFactory(), MunicipalityFactory(code="0141", name="Almelo")
    water = CreditorFactory(code="vitens", name="Vitens")
    AgreementFactory(creditor=CreditorFactory(), municipality=almelo)
    AgreementFactory(creditor=water, municipality=enschede, valid_to=dt.date(2022, 12, 31))

    with_almelo = _rows(
        client, "admin:organisations_agreement_changelist", municipality__id__exact=almelo.pk
    )
    ended = _rows(client, "admin:organisations_agreement_changelist", geldigheid="verlopen")
    valid = _rows(client, "admin:organisations_agreement_changelist", geldigheid="nu")

    assert "Energie Oost" in with_almelo and "Vitens" not in with_almelo
    assert "Vitens" in ended and "Energie Oost" not in ended
    assert "Energie Oost" in valid and "Vitens" not in valid


def test_teams_are_listed_by_municipality_and_found_by_name(client, functioneel_beheerder):
    enschede, hengelo = MunicipalityFactory(), MunicipalityFactory(code="0164", name="Hengelo")
    Team.objects.create(municipality=enschede, name="Team Zuid")
    Team.objects.create(municipality=hengelo, name="Team West")

    of_hengelo = _rows(
        client, "admin:organisations_team_changelist", municipality__id__exact=hengelo.pk
    )
    found = _rows(client, "admin:organisations_team_changelist", q="zuid")

    assert "Team West" in of_hengelo and "Team Zuid" not in of_hengelo
    assert "Team Zuid" in found and "Team West" not in found


def test_users_are_filtered_by_team_and_active_with_their_organisation_in_one_column(
    client, functioneel_beheerder
):
    enschede = MunicipalityFactory()
    west = Team.objects.create(municipality=enschede, name="Team West")
    UserFactory(username="in.west", caseworker=True, municipality=enschede, team=west)
    UserFactory(username="vertrokken", caseworker=True, municipality=enschede, is_active=False)

    of_west = _rows(client, "admin:organisations_user_changelist", team__id__exact=west.pk)
    inactive = _rows(client, "admin:organisations_user_changelist", is_active__exact="0")

    assert "in.west" in of_west and "vertrokken" not in of_west
    assert "vertrokken" in inactive and "in.west" not in inactive
    assert "Enschede (0153)" in of_west  # the organisation column
