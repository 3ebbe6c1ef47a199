"""Rule: a worklist filter value that is not on offer (an old link, a werkbakje of another team)
is refused in Dutch naming the filter, not with Django's 'Selecteer een geldige keuze…'."""

import pytest

from vroegsignaal.casework.forms import WorklistFilterForm


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("werkbakje", "2", "Werkbakje: dit werkbakje bestaat niet of hoort niet bij uw team"),
        ("termijn", "ooit", "Termijn eerste actie: kies een van de termijnen in de lijst."),
        ("toegewezen", "iemand", "Toegewezen: kies een van de mogelijkheden in de lijst."),
        ("soort", "bakker", "Soort signaalpartner: kies een soort uit de lijst."),
    ],
)
def test_a_filter_choice_not_on_offer_is_refused_naming_the_filter(field, value, message):
    form = WorklistFilterForm({field: value}, queue_choices=[("1", "Wijkteam Zuid")])

    assert not form.is_valid()
    assert form.errors[field][0].startswith(message)
    assert "geldige keuze" not in str(form.errors)
