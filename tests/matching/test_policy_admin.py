"""Administrators edit the matching policy; every save is a new, validated version."""

import json

import pytest
from tests.factories import DEMO_PASSWORD, MunicipalityFactory, UserFactory

from vroegsignaal.matching.models import PolicyVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(administrator=True, is_superuser=True)
    client.login(username=user.username, password=DEMO_PASSWORD)
    return client


def post_policy(client, municipality, document):
    return client.post(
        "/admin/matching/policyversion/add/",
        {"municipality": municipality.pk, "region": "", "document": json.dumps(document)},
    )


def test_saving_a_policy_twice_stores_two_versions(admin_client):
    enschede = MunicipalityFactory()
    post_policy(admin_client, enschede, {"minimum_amount_cents": 7500})
    post_policy(admin_client, enschede, {"minimum_amount_cents": 10000})
    versions = list(PolicyVersion.objects.order_by("number").values_list("number", "document"))
    assert versions == [(1, {"minimum_amount_cents": 7500}), (2, {"minimum_amount_cents": 10000})]


def test_an_invalid_policy_is_refused_with_a_dutch_message(admin_client):
    response = post_policy(admin_client, MunicipalityFactory(), {"minimum_signals_for_go": 0})
    assert response.status_code == 200 and not PolicyVersion.objects.exists()
    assert "minimum" in response.content.decode().lower()
