"""Rule: `vroegsignaal match` says why a run failed in the words of the matching page, once."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from tests.factories import UserFactory, enschede_with_energy_agreement

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.models import MatchingRun, PolicyVersion

pytestmark = pytest.mark.django_db

RECORD = {"klantnummer": "E1", "signaaldatum": "2026-10-02", "achternaam": "Berg",
          "huisnummer": "12", "postcode": "7511AB", "bedrag_achterstand": "250,00",
          "datum_ontstaan": "2026-08-01"}  # fmt: skip


def test_an_invalid_stored_policy_is_named_once_by_the_command_as_on_the_matching_page(
    client, django_capture_on_commit_callbacks
):
    municipality, energy = enschede_with_energy_agreement()
    # A version as an older release stored it, with a setting this one does not know.
    PolicyVersion.objects.create(municipality=municipality, number=1, document={"oud": 1})
    ingest_records(energy, [RECORD], today=dt.date(2026, 11, 25))
    client.force_login(UserFactory(intake=True, municipality=municipality))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/matching/", {"period": "2026-10"})
    on_the_page = MatchingRun.objects.get().failure

    with pytest.raises(CommandError) as refused:
        call_command("match", "--period", "2026-10", "--municipality", "0153")

    said = str(refused.value)
    assert said == (
        f"De matching van {municipality.name} voor oktober 2026 is mislukt: {on_the_page} "
        "Er is niets veranderd."
    )
    assert said.count("ongeldig") == 1
    assert f"Het beleid ({municipality.name} v1) is ongeldig;" in said
    assert "Onbekend veld 'oud' in beleid." in said
    assert not Melding.objects.exists()
