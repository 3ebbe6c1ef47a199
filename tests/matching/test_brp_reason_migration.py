"""Migration matching.0008: a stored BRP reason names the municipality, not its CBS code."""

from importlib import import_module

from django.apps import apps
from tests.casework.factories import SignalFactory
from tests.factories import MunicipalityFactory

migration = import_module("vroegsignaal.matching.migrations.0008_brp_reason_names_the_municipality")


def test_a_stored_brp_reason_names_the_municipality_instead_of_its_code(db):
    enschede = MunicipalityFactory(code="0153", name="Enschede")
    stored = SignalFactory(
        municipality=enschede, status_reason="Niet gevonden in de BRP van gemeente 0153"
    )
    other = SignalFactory(municipality=enschede, status_reason="Zakelijk contract")

    migration.name_the_municipality(apps, None)

    stored.refresh_from_db()
    other.refresh_from_db()
    assert stored.status_reason == "Niet gevonden in de BRP van Enschede"
    assert other.status_reason == "Zakelijk contract"
