"""A municipality's privacy officer (FG) can be reached: the beheerder fills in the contact
details the resident reads in her inzage document (QA9 B10)."""

import pytest
from django.urls import reverse
from tests.admin_forms import form_data
from tests.factories import MunicipalityFactory

from vroegsignaal.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_beheerder_fills_in_how_to_reach_the_privacy_officer_of_a_municipality(
    client, functioneel_beheerder
):
    enschede = MunicipalityFactory()
    url = reverse("admin:organisations_municipality_change", args=[enschede.pk])

    page = client.get(url).content.decode()
    saved = client.post(
        url,
        form_data(
            client, url, privacy_officer_email="fg@enschede.nl",
            privacy_officer_phone="053 481 48 14",
            privacy_officer_address="Postbus 20, 7500 AA Enschede",
        ),
    )  # fmt: skip

    assert "Functionaris gegevensbescherming (FG)" in page
    assert saved.status_code == 302
    enschede = Municipality.objects.get(pk=enschede.pk)
    assert (enschede.privacy_officer_email, enschede.privacy_officer_phone) == (
        "fg@enschede.nl", "053 481 48 14",
    )  # fmt: skip
    assert enschede.privacy_officer_address == "Postbus 20, 7500 AA Enschede"
    assert enschede.has_privacy_officer_contact


def test_a_municipality_without_any_contact_detail_has_no_privacy_officer_contact():
    assert not MunicipalityFactory().has_privacy_officer_contact
    assert MunicipalityFactory(
        code="0164", privacy_officer_phone="074 245 90 00"
    ).has_privacy_officer_contact
