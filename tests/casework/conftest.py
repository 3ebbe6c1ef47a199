"""Fixtures for casework: Enschede's staff, a melding, and the casework pages under /werk/."""

import pytest
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, UserFactory
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.conversation import record_conversation
from vroegsignaal.casework.models import Cause, HelpAnswer
from vroegsignaal.organisations.models import Team


@pytest.fixture
def enschede(db):
    return MunicipalityFactory()


@pytest.fixture
def hengelo(db):
    return MunicipalityFactory(code="0164", name="Hengelo")


@pytest.fixture
def noord(enschede):
    return Team.objects.create(municipality=enschede, name="Team Noord")


@pytest.fixture
def zuid(enschede):
    return Team.objects.create(municipality=enschede, name="Team Zuid")


@pytest.fixture
def caseworker(enschede):
    return UserFactory(caseworker=True, municipality=enschede, first_name="Cas", last_name="Werker")


@pytest.fixture
def colleague(enschede):
    return UserFactory(caseworker=True, municipality=enschede, first_name="Col", last_name="Lega")


@pytest.fixture
def intake_user(enschede):
    return UserFactory(intake=True, municipality=enschede, first_name="Ina", last_name="Take")


@pytest.fixture
def melding(enschede):
    return MeldingFactory(municipality=enschede)


@pytest.fixture
def assigned(melding, caseworker):
    """The melding, assigned to the caseworker through the service."""
    return assign(melding, caseworker, caseworker, melding.version)


@pytest.fixture
def helped(assigned, caseworker):
    """The assigned melding after a conversation in which the resident accepted help: a file
    that fits every result that says the resident was reached and helped (without referral)."""
    record_conversation(
        assigned, caseworker, assigned.version, held_on=timezone.localdate(),
        help_offered=HelpAnswer.YES, help_accepted=HelpAnswer.YES, cause=Cause.INCOME_DROP,
    )  # fmt: skip
    return assigned
