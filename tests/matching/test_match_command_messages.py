"""Rule: `vroegsignaal match` says why a run failed in the words of the matching page, once;
without --municipality it matches every municipality it can; a failed run shows on the page."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from tests.factories import (
    AgreementFactory,
    MunicipalityFactory,
    PostcodeAreaFactory,
    UserFactory,
    enschede_with_energy_agreement,
)
from tests.page_text import page_text

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.matching.services import record_failed_run
from vroegsignaal.privacy.command_line import os_user

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


def _two_municipalities_the_first_with_an_invalid_policy():
    """Enschede (0153) with a policy an older release stored, Hengelo (0164) without: each with
    a signal in October 2026. On CBS code Enschede comes first."""
    enschede, energy = enschede_with_energy_agreement()
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    PostcodeAreaFactory(postcode="7550", municipality=hengelo)
    AgreementFactory(creditor=energy, municipality=hengelo)
    PolicyVersion.objects.create(municipality=enschede, number=1, document={"oud": 1})
    ingest_records(
        energy,
        [RECORD, {**RECORD, "klantnummer": "E2", "postcode": "7550AA"}],
        today=dt.date(2026, 11, 25),
    )
    return enschede, hengelo


def test_without_a_municipality_every_municipality_it_can_is_matched_and_each_failure_named(
    capsys,
):
    enschede, hengelo = _two_municipalities_the_first_with_an_invalid_policy()

    with pytest.raises(CommandError) as refused:
        call_command("match", "--period", "2026-10")

    assert Melding.objects.filter(municipality=hengelo).count() == 1
    assert not Melding.objects.filter(municipality=enschede).exists()
    output = capsys.readouterr()
    failed = MatchingRun.objects.get(municipality=enschede)
    assert (
        output.err.count(
            f"De matching van Enschede voor oktober 2026 is mislukt: {failed.failure} "
            "Er is niets veranderd."
        )
        == 1
    )
    assert output.err.count("ongeldig") == 1
    assert "0164 2026-10: 1 signalen → 1 meldingen" in output.out
    assert str(refused.value) == (
        "De matching van oktober 2026 is mislukt voor 1 van de 2 gemeenten: Enschede."
    )


def test_the_json_of_a_run_over_all_municipalities_lists_the_failures_too(capsys):
    enschede, _ = _two_municipalities_the_first_with_an_invalid_policy()

    with pytest.raises(CommandError):
        call_command("match", "--period", "2026-10", "--json")

    failure, run = json.loads(capsys.readouterr().out)
    failed = MatchingRun.objects.get(municipality=enschede)
    assert failure == {
        "run_id": failed.id,
        "municipality": "0153",
        "period": "2026-10",
        "failure": failed.failure,
    }
    assert run["municipality"] == "0164" and run["meldingen"] == 1


def test_a_failed_command_line_run_shows_on_the_matching_page_with_who_ran_it(client):
    municipality, energy = enschede_with_energy_agreement()
    PolicyVersion.objects.create(municipality=municipality, number=1, document={"oud": 1})
    ingest_records(energy, [RECORD], today=dt.date(2026, 11, 25))

    with pytest.raises(CommandError):
        call_command("match", "--period", "2026-10", "--municipality", "0153")

    client.force_login(UserFactory(intake=True, municipality=municipality))
    text = page_text(client.get(reverse("matching:runs")))
    assert (
        "De matching voor oktober 2026" in text and "is mislukt: Het beleid (Enschede v1)" in text
    )
    assert f"opdrachtregel (gebruiker {os_user()})" in text
    assert "Mislukt:" in text


def test_the_json_of_one_failed_municipality_is_its_failure(capsys):
    municipality, energy = enschede_with_energy_agreement()
    PolicyVersion.objects.create(municipality=municipality, number=1, document={"oud": 1})
    ingest_records(energy, [RECORD], today=dt.date(2026, 11, 25))

    with pytest.raises(CommandError):
        call_command("match", "--period", "2026-10", "--municipality", "0153", "--json")

    said = json.loads(capsys.readouterr().out)
    assert said["failure"] == MatchingRun.objects.get().failure
    assert said["failure"].startswith("Het beleid (Enschede v1) is ongeldig;")


def test_a_command_line_run_that_fails_otherwise_sends_the_beheerder_to_the_commands_output(
    client,
):
    """Not to the background tasks: a run on the command line is none."""
    municipality, _ = enschede_with_energy_agreement()
    record_failed_run(municipality, "2026-10", None, RuntimeError("stuk"), command_line_user="root")
    client.force_login(UserFactory(intake=True, municipality=municipality))

    text = page_text(client.get(reverse("matching:runs")))

    assert (
        "is mislukt: Er ging iets mis bij het matchen. De beheerder ziet de oorzaak in de "
        "uitvoer van de opdracht op de server. Er is niets veranderd." in " ".join(text.split())
    )
    assert "achtergrondtaken" not in text
