"""A user's organisation must fit the role: access follows the organisation (privacy.policy)."""

import pytest
from django.core.exceptions import ValidationError
from tests.factories import CreditorFactory, MunicipalityFactory, RegionFactory

from vroegsignaal.organisations.models import Role, Team, User


@pytest.fixture
def world(db):
    region = RegionFactory()
    enschede = MunicipalityFactory(region=region)
    hengelo = MunicipalityFactory(code="0164", name="Hengelo", region=region)
    return {
        "region": region,
        "enschede": enschede,
        "hengelo": hengelo,
        "creditor": CreditorFactory(),
        "team_enschede": Team.objects.create(municipality=enschede, name="Team Zuid"),
        "team_hengelo": Team.objects.create(municipality=hengelo, name="Team Noord"),
    }


def _errors(world, role, **organisation) -> dict[str, list[str]]:
    user = User(username="nieuw", role=role, **{k: world[v] for k, v in organisation.items()})
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.parametrize(
    ("role", "organisation"),
    [
        (Role.CREDITOR_STAFF, {"creditor": "creditor"}),
        (Role.INTAKE, {"municipality": "enschede"}),
        (Role.CASEWORKER, {"municipality": "enschede"}),
        (Role.CASEWORKER, {"municipality": "enschede", "team": "team_enschede"}),
        (Role.PROJECT_LEADER, {"region": "region"}),
        (Role.ADMINISTRATOR, {}),
        (Role.ADMINISTRATOR, {"region": "region"}),
        (Role.PRIVACY_OFFICER, {"municipality": "enschede"}),
        (Role.PRIVACY_OFFICER, {"region": "region"}),
        (Role.PRIVACY_OFFICER, {}),
        ("", {}),
    ],
)
def test_a_user_whose_organisation_fits_the_role_is_valid(world, role, organisation):
    assert _errors(world, role, **organisation) == {}


@pytest.mark.parametrize(
    ("role", "organisation", "field", "message"),
    [
        (Role.CASEWORKER, {}, "municipality", "Een uitvoerder hoort bij een gemeente"),
        (Role.INTAKE, {"region": "region"}, "municipality", "hoort bij een gemeente"),
        (Role.CREDITOR_STAFF, {}, "creditor", "hoort bij een vastelastenpartner"),
        (
            Role.CREDITOR_STAFF,
            {"creditor": "creditor", "municipality": "enschede"},
            "municipality",
            "hoort niet bij een gemeente",
        ),
        (Role.PROJECT_LEADER, {"municipality": "enschede"}, "region", "hoort bij een regio"),
        (
            Role.CASEWORKER,
            {"municipality": "enschede", "creditor": "creditor"},
            "creditor",
            "hoort niet bij een vastelastenpartner",
        ),
        (
            Role.CASEWORKER,
            {"municipality": "enschede", "team": "team_hengelo"},
            "team",
            "Team Noord hoort bij Hengelo, niet bij Enschede: kies een team van Enschede",
        ),
        (
            Role.PRIVACY_OFFICER,
            {"municipality": "enschede", "region": "region"},
            "region",
            "óf een regio",
        ),
        ("", {"municipality": "enschede"}, "municipality", "zonder rol hoort niet bij"),
        (Role.CASEWORKER, {"team": "team_enschede"}, "municipality", "hoort bij een gemeente"),
    ],
)
def test_an_organisation_that_does_not_fit_the_role_is_refused_at_its_field(
    world, role, organisation, field, message
):
    errors = _errors(world, role, **organisation)

    assert field in errors and message in errors[field][0]


def test_the_beheerder_sees_the_message_when_saving_a_caseworker_without_municipality(
    admin_client, world
):
    response = admin_client.post(
        "/admin/organisations/user/add/",
        {"username": "zonder.gemeente", "password1": "Lang-Genoeg-Wachtwoord-1",
         "password2": "Lang-Genoeg-Wachtwoord-1", "usable_password": "true"},
    )  # fmt: skip
    assert response.status_code == 302  # Django's add page takes name and password first
    user = User.objects.get(username="zonder.gemeente")
    change = f"/admin/organisations/user/{user.pk}/change/"
    page = admin_client.get(change)
    data = {**page.context["adminform"].form.initial, "role": Role.CASEWORKER}
    data = {
        k: v for k, v in data.items() if v is not None and k != "groups" and k != "user_permissions"
    }
    data |= {
        "date_joined_0": "26-11-2026",
        "date_joined_1": "00:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }

    response = admin_client.post(change, data)

    assert "Een uitvoerder hoort bij een gemeente" in response.content.decode()
    user.refresh_from_db()
    assert user.role == ""
