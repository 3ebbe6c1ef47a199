"""The demo municipalities can be reached through their privacy officer (FG) in an inzage
document straight away, with made-up details; what a beheerder filled in is kept."""

import pytest

from tests.factories import MunicipalityFactory
from vroegsignaal.demo.letters import ensure_demo_privacy_officers
from vroegsignaal.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def test_each_demo_municipality_gets_made_up_privacy_officer_details_and_filled_ones_stay():
    borne = MunicipalityFactory(code="0147", name="Borne")
    enschede = MunicipalityFactory(privacy_officer_phone="053 481 48 14")

    assert ensure_demo_privacy_officers([borne, enschede]) == 1

    borne = Municipality.objects.get(pk=borne.pk)
    assert borne.privacy_officer_email == "fg@borne.example"
    assert borne.privacy_officer_phone == "0900 000 00 01 (demo)"
    enschede = Municipality.objects.get(pk=enschede.pk)
    assert (enschede.privacy_officer_phone, enschede.privacy_officer_email) == ("053 481 48 14", "")
