"""Fixtures the matching tests share."""

import pytest
from tests.factories import AgreementFactory, CreditorFactory, enschede_with_energy_agreement


@pytest.fixture
def enschede():
    """Enschede with Energie Oost and a health insurer ('Zorg') under contract."""
    municipality, energy = enschede_with_energy_agreement()
    zorg = CreditorFactory(code="zorg", name="Zorg", partner_type="Zorg")
    AgreementFactory(creditor=zorg, municipality=municipality)
    return municipality, energy, zorg
