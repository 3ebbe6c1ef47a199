"""Two creditors under contract with Enschede, their staff, and the feedback pages mounted."""

import pytest

from tests.factories import AgreementFactory, CreditorFactory, MunicipalityFactory, UserFactory
from vroegsignaal.ddas import Signaalpartner

SITE_URL = "https://vroegsignaal.example.nl"


@pytest.fixture
def enschede(db):
    return MunicipalityFactory()


@pytest.fixture
def energy(enschede):
    creditor = CreditorFactory()
    AgreementFactory(creditor=creditor, municipality=enschede)
    return creditor


@pytest.fixture
def water(enschede):
    creditor = CreditorFactory(
        code="water-oost", name="Water Oost", partner_type=Signaalpartner.WATER
    )
    AgreementFactory(creditor=creditor, municipality=enschede)
    return creditor


@pytest.fixture
def energy_staff(energy):
    return UserFactory(
        creditor_staff=True, creditor=energy, username="fatima", email="fatima@energie-oost.nl"
    )


@pytest.fixture
def water_staff(water):
    return UserFactory(
        creditor_staff=True, creditor=water, username="willem", email="willem@water-oost.nl"
    )


@pytest.fixture
def caseworker(enschede):
    return UserFactory(
        caseworker=True, municipality=enschede, first_name="Carla", last_name="Werkman"
    )


@pytest.fixture
def intake_user(enschede):
    return UserFactory(intake=True, municipality=enschede, username="ina")


@pytest.fixture
def heropaf_melding(enschede, energy, water, caseworker):
    """A melding of both creditors whose outcome was released on 23 November 2026."""
    from tests.feedback import scenario

    return scenario.melding_with_released_outcome(enschede, caseworker, [energy, water], SITE_URL)
