"""Rule: the Matchingsperiode field explains every refusal in Dutch naming the field, also a
value longer than JJJJ-MM (not Django's 'Zorg dat deze waarde niet meer dan 7 tekens bevat')."""

import pytest
from tests.factories import enschede_with_energy_agreement

from vroegsignaal.matching.views import MatchingForm

pytestmark = pytest.mark.django_db


def test_a_too_long_matchingsperiode_is_refused_naming_the_field():
    municipality, _ = enschede_with_energy_agreement()
    form = MatchingForm({"period": "november 2026"}, municipality=municipality)

    assert not form.is_valid()
    assert form.errors["period"] == [
        "Matchingsperiode: vul een maand in als JJJJ-MM, bijvoorbeeld 2026-10."
    ]
