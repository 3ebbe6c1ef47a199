"""Rule: a command that handles personal data on the server (export-ddas, import-brp,
import-clients, ingest, match, meldingen) writes an audit entry as the website does, naming the
server account that ran it and the municipality of the data, so its privacy officer finds it."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory, enschede_with_energy_agreement
from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.services import match_period
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.command_line import os_user
from vroegsignaal.privacy.models import AuditEntry
from vroegsignaal.privacy.policy import audit_entries_for

pytestmark = pytest.mark.django_db
OPERATOR = f"beheer via de opdrachtregel (gebruiker {os_user()})"
SIGNAL = {"klantnummer": "E1", "signaaldatum": "2026-10-02", "achternaam": "Berg",
          "huisnummer": "12", "postcode": "7511AB", "bedrag_achterstand": "250,00",
          "datum_ontstaan": "2026-08-01", "geboortedatum": "1980-05-12"}  # fmt: skip


@pytest.fixture
def enschede():
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [SIGNAL], today=dt.date(2026, 11, 25))
    return municipality


def _entry(endpoint_start: str) -> AuditEntry:
    return AuditEntry.objects.get(endpoint__startswith=f"vroegsignaal {endpoint_start}")


def test_each_command_with_personal_data_is_in_the_audit_log_of_the_municipalitys_officer(
    enschede, tmp_path
):
    lists = tmp_path / "lijst.csv"
    lists.write_text("achternaam;geboortedatum;postcode;huisnummer\nBerg;12-05-1980;7511AB;12\n")
    extract = tmp_path / "brp.csv"
    extract.write_text("voorletters;achternaam;geboortedatum;postcode;huisnummer\n"
                       "J;Berg;12-05-1980;7511AB;12\n")  # fmt: skip
    delivery = tmp_path / "levering.csv"
    delivery.write_text(
        "klantnummer;signaaldatum;achternaam;huisnummer;postcode;bedrag_achterstand;"
        "datum_ontstaan\nE2;03-10-2026;Smit;14;7511AB;300,00;01-08-2026\n"
    )
    call_command("import-clients", str(lists), "--municipality", "0153")
    call_command("import-brp", str(extract), "--municipality", "0153")
    call_command("ingest", str(delivery), "--creditor", "energie-oost")
    call_command("match", "--period", "2026-10", "--municipality", "0153")
    call_command("meldingen", "--period", "2026-10", "--municipality", "0153")
    call_command("export-ddas", "--municipality", "0153", "--from", "2026-10-01",
                 "--to", "2026-10-31", "--out", str(tmp_path / "ddas.json"))  # fmt: skip

    entries = {e.endpoint.split()[1]: e for e in AuditEntry.objects.all()}
    assert sorted(entries) == sorted(
        ["import-clients", "import-brp", "ingest", "match", "meldingen", "export-ddas"]
    )
    assert {(e.username, e.user_id) for e in entries.values()} == {(OPERATOR, None)}
    assert entries["import-brp"].description == (
        "BRP-uittreksel van Enschede ingelezen: 1 inwoner uit brp.csv"
    )
    assert entries["ingest"].object_type == "intake.delivery"
    assert entries["match"].description == "matching oktober 2026, gemeente Enschede"
    assert entries["export-ddas"].get_action_display() == "Geëxporteerd"
    assert entries["export-ddas"].description.startswith(
        "landelijke export (DDAS) 01-10-2026 t/m 31-10-2026: 2 signalen, 2 zaken naar "
    )
    officer = UserFactory(privacy_officer=True, municipality=enschede)
    seen = set(audit_entries_for(officer).values_list("endpoint", flat=True))
    # The delivery is a creditor's, of no single municipality, as an upload on the website.
    assert {endpoint.split()[1] for endpoint in seen} == set(entries) - {"ingest"}


def test_the_meldingen_a_command_listed_are_found_per_resident(enschede):
    match_period(enschede, "2026-10")
    call_command("meldingen", "--period", "2026-10", "--municipality", "0153", "--json")

    melding = Melding.objects.get()
    found = audit.about(AuditEntry.objects.all(), {"casework.melding": {str(melding.pk)}})
    assert [entry.username for entry in found] == [OPERATOR]
    assert found[0].shown == "1 melding"


def test_the_matching_page_names_a_run_from_the_command_line_apart_from_the_planning(
    enschede, client
):
    match_period(enschede, "2026-10")  # as a scheduled task runs it
    call_command("match", "--period", "2026-10", "--municipality", "0153", "--json")
    client.force_login(UserFactory(intake=True, municipality=enschede))

    html = client.get(reverse("matching:runs")).content.decode()

    assert f"opdrachtregel (gebruiker {os_user()})" in html
    assert html.count("automatisch (planning)") == 1


def test_meldingen_json_gives_a_no_go_no_werkbakje_as_the_werkbakjes_show_none(
    enschede, client, capsys
):
    from vroegsignaal.matching.policies import save_policy

    save_policy({"minimum_amount_cents": 100_000}, municipality=enschede)
    match_period(enschede, "2026-10")
    call_command("meldingen", "--period", "2026-10", "--municipality", "0153", "--json")

    (melding,) = json.loads(capsys.readouterr().out)
    assert melding["go"] is False and melding["queue"] is None
    client.force_login(UserFactory(caseworker=True, municipality=enschede))
    worklist = client.get(reverse("casework:worklist")).content.decode()
    assert reverse("casework:melding", args=[Melding.objects.get().pk]) not in worklist
