"""Rule: the website and the commands `match` and `meldingen` judge a period alike
(matching.periods): a month written JJJJ-MM, not in the future, with signals to match."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from tests.factories import MunicipalityFactory, enschede_with_energy_agreement

from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.models import MatchingRun
from vroegsignaal.matching.views import MatchingForm

pytestmark = pytest.mark.django_db


def _next_month() -> str:
    today = timezone.localdate()
    return f"{(today.replace(day=28) + dt.timedelta(days=4)):%Y-%m}"


@pytest.mark.parametrize("command", ["match", "meldingen"])
def test_a_period_that_is_no_month_gets_the_same_dutch_message_from_both_commands(command):
    MunicipalityFactory()
    with pytest.raises(
        CommandError, match=r"^Periode '2026-13' is geen maand in de vorm JJJJ-MM\.$"
    ):
        call_command(command, "--period", "2026-13", "--municipality", "0153")


def test_a_future_month_is_refused_by_the_command_as_on_the_matching_page():
    municipality = MunicipalityFactory()
    form = MatchingForm({"period": _next_month()}, municipality=municipality)
    assert not form.is_valid()

    with pytest.raises(CommandError) as refused:
        call_command("match", "--period", _next_month(), "--municipality", "0153")

    assert [str(refused.value)] == form.errors["period"]
    assert str(refused.value) == "Een maand in de toekomst kan nog niet gematcht worden."
    with pytest.raises(CommandError, match="toekomst"):
        call_command("match", "--period", _next_month())
    assert not MatchingRun.objects.exists()


def test_a_month_without_signals_is_refused_for_one_municipality_and_skipped_for_all(capsys):
    _municipality, energy = enschede_with_energy_agreement()
    MunicipalityFactory(code="0164", name="Hengelo")
    record = {"klantnummer": "E1", "signaaldatum": "2026-10-02", "achternaam": "Berg",
              "huisnummer": "12", "postcode": "7511AB", "bedrag_achterstand": "250,00",
              "datum_ontstaan": "2026-08-01"}  # fmt: skip
    ingest_records(energy, [record], today=dt.date(2026, 11, 25))

    with pytest.raises(CommandError, match="geen signalen met een signaaldatum in januari 2020 "
                       "voor Enschede"):  # fmt: skip
        call_command("match", "--period", "2020-01", "--municipality", "0153")
    assert not MatchingRun.objects.exists()

    call_command("match", "--period", "2026-10", "--json")

    output = capsys.readouterr()
    (run,) = json.loads(output.out)
    assert run["municipality"] == "0153"
    assert list(MatchingRun.objects.values_list("municipality__code", flat=True)) == ["0153"]
    assert "0164 2026-10 overgeslagen: Er zijn geen signalen" in output.err
