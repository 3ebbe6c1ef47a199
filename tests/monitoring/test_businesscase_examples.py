"""Rule: a Businesscase field that cannot be read gives examples that fit that field: the
Rendementsfactor (default 2,2) is a factor with a decimal comma, not '95 of 12.000'."""

from vroegsignaal.monitoring.businesscase import DEFAULTS, from_form


def test_a_wrong_rendementsfactor_gives_examples_of_a_factor():
    _, errors = from_form({"return_factor": "2.2.2"}, DEFAULTS.__dict__)

    assert errors["return_factor"] == (
        "Rendementsfactor (opbrengst per uitgegeven euro): '2.2.2' is geen getal van 0 of meer "
        "(bv. 2,2) en geen bereik (bv. 1,8-2,5)."
    )


def test_a_wrong_amount_keeps_examples_of_an_amount():
    _, errors = from_form({"hourly_rate": "veel"}, DEFAULTS.__dict__)

    assert "(bv. 95 of 12.000)" in errors["hourly_rate"]
