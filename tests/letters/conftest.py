"""Fixtures for letters: Enschede with its letter settings, staff, and an assigned melding."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, UserFactory
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.letters.models import ContactDetails, Letterhead

# 10:30 in Amsterdam: a letter made then is recorded in the Ochtend part of the day.
MOMENT = timezone.make_aware(dt.datetime(2026, 11, 25, 10, 30))


@pytest.fixture
def enschede(db):
    return MunicipalityFactory()


@pytest.fixture
def hengelo(db):
    return MunicipalityFactory(code="0164", name="Hengelo")


def configure_letters(municipality, **letterhead):
    """Give ``municipality`` contact details and a letterhead (``letterhead`` overrides fields)."""
    ContactDetails.objects.create(
        municipality=municipality,
        phone="053 481 48 00",
        email="vroegeropaf@enschede.nl",
        whatsapp="06 12 34 56 78",
        walk_in_hours="dinsdag van 9.00 tot 12.00 uur in het Stadskantoor",
    )
    fields = {
        "sender_name": f"Gemeente {municipality.name}",
        "sender_address": "Postbus 20\n7500 AA  Enschede",
        "signature_name": "Anneke Brinkman",
        "signature_role": "Consulent vroegsignalering",
        **letterhead,
    }
    return Letterhead.objects.create(municipality=municipality, **fields)


@pytest.fixture
def letterhead(enschede):
    return configure_letters(enschede)


@pytest.fixture
def caseworker(enschede):
    return UserFactory(caseworker=True, municipality=enschede, first_name="Cas", last_name="Werker")


@pytest.fixture
def intake_user(enschede):
    return UserFactory(intake=True, municipality=enschede, first_name="Ina", last_name="Take")


def assigned_melding(municipality, to_user, **kwargs):
    """A melding of ``municipality`` assigned to ``to_user`` through the casework service."""
    melding = MeldingFactory(municipality=municipality, **kwargs)
    return assign(melding, to_user, to_user, melding.version)


@pytest.fixture
def melding(enschede, caseworker, letterhead):
    """An assigned melding at Oldenzaalsestraat 12A with one energy signal of € 250,77 for J. Jansen."""
    return assigned_melding(
        enschede,
        caseworker,
        house_number=12,
        house_letter="A",
        total_amount_cents=25_077,
        signals__amount_cents=25_077,
    )


def reach(melding, caseworker):
    """Record that ``caseworker`` reached the resident of ``melding`` by phone (this round)."""
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.TELEFOON,
        attempted_on=MOMENT.date(), part_of_day=Dagdeel.OCHTEND, reached=True,
    )  # fmt: skip
    melding.refresh_from_db()


@pytest.fixture
def reached(melding, caseworker):
    """The melding, its resident reached by phone: an appointment can be confirmed."""
    reach(melding, caseworker)
    return melding
