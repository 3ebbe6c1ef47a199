"""`vroegsignaal ingest FILE --creditor CODE [--json]`."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from tests.factories import enschede_with_energy_agreement
from tests.intake.messy import ROWS, messy_file

from vroegsignaal.intake.models import Delivery

pytestmark = pytest.mark.django_db


def test_ingest_json_prints_one_object_with_counts_and_errors(tmp_path, capsys):
    enschede_with_energy_agreement()
    path = tmp_path / "levering.csv"
    path.write_bytes(messy_file())
    call_command("ingest", str(path), "--creditor", "energie-oost", "--json")
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "partially_accepted"
    assert (answer["rows"], answer["accepted"], answer["rejected"]) == (5, 2, 3)
    assert {"row", "field", "message"} == set(answer["errors"][0])


def test_ingest_same_file_twice_reports_duplicate_with_the_originals_counts(tmp_path, capsys):
    """'rows: 0' read as an empty file to a system retrying after a lost answer."""
    enschede_with_energy_agreement()
    path = tmp_path / "levering.csv"
    path.write_bytes(messy_file())
    call_command("ingest", str(path), "--creditor", "energie-oost", "--json")
    first = json.loads(capsys.readouterr().out)
    call_command("ingest", str(path), "--creditor", "energie-oost", "--json")
    again = json.loads(capsys.readouterr().out)
    assert again["status"] == "duplicate" and again["delivery_id"] == first["delivery_id"]
    counts = ("rows", "accepted", "rejected", "replaced")
    assert [again[k] for k in counts] == [first[k] for k in counts] == [5, 2, 3, 0]
    assert Delivery.objects.count() == 1


def test_an_unreadable_file_exits_with_code_2(tmp_path, capsys):
    enschede_with_energy_agreement()
    path = tmp_path / "plaatje.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", str(path), "--creditor", "energie-oost", "--json")
    assert exit_info.value.code == 2
    assert json.loads(capsys.readouterr().out)["status"] == "rejected"
    assert not Delivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_console_script_exit_code_is_2_for_an_unreadable_file(tmp_path, settings):
    """The real `vroegsignaal` script, as cron or a creditor's scheduler would call it."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the subprocess uses its own SQLite file")
    db = tmp_path / "cli.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{db}", "VAR_DIR": str(tmp_path), "PATH": ""}
    script = [sys.executable, "-m", "vroegsignaal"]
    subprocess.run([*script, "migrate", "-v0"], env=env, check=True)
    config = tmp_path / "org.json"
    config.write_text(
        json.dumps(
            {
                "municipalities": [{"code": "0153", "name": "Enschede", "postcodes": ["7511"]}],
                "creditors": [
                    {"code": "e", "name": "E", "partner_type": "Energie", "agreements": ["0153"]}
                ],
            }
        )
    )
    subprocess.run(
        [*script, "setup-organisations", str(config)], env=env, check=True, capture_output=True
    )
    bad = tmp_path / "leeg.csv"
    bad.write_bytes(b"")
    done = subprocess.run(
        [*script, "ingest", str(bad), "--creditor", "e"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2 and "geweigerd" in done.stderr


def test_ingest_names_the_status_as_the_website_does(tmp_path, capsys):
    enschede_with_energy_agreement()
    path = tmp_path / "levering.csv"
    path.write_bytes(messy_file())
    call_command("ingest", str(path), "--creditor", "energie-oost")
    call_command("ingest", str(path), "--creditor", "energie-oost")
    first, again = [
        line for line in capsys.readouterr().out.splitlines() if line.startswith("Aanlevering")
    ]
    assert ": gedeeltelijk geaccepteerd; 5 rijen, 2 geaccepteerd, 3 geweigerd" in first
    assert ": al eerder aangeleverd; " in again


def test_ingest_counts_one_row_as_rij_and_more_as_rijen(tmp_path, capsys):
    enschede_with_energy_agreement()
    one, two = tmp_path / "een.csv", tmp_path / "twee.csv"
    one.write_bytes(messy_file(ROWS[:1]))
    two.write_bytes(messy_file(ROWS[1:3]))
    call_command("ingest", str(one), "--creditor", "energie-oost")
    call_command("ingest", str(two), "--creditor", "energie-oost")
    first, second = [
        line for line in capsys.readouterr().out.splitlines() if line.startswith("Aanlevering")
    ]
    assert ": geaccepteerd; 1 rij, 1 geaccepteerd, 0 geweigerd" in first
    assert "; 2 rijen, 1 geaccepteerd, 1 geweigerd" in second


def test_a_file_that_is_not_there_is_reported_in_dutch(tmp_path):
    enschede_with_energy_agreement()
    missing = tmp_path / "bestaat-niet.csv"
    with pytest.raises(CommandError) as refused:
        call_command("ingest", str(missing), "--creditor", "energie-oost")
    assert str(refused.value) == f"Kan {missing} niet lezen: het bestand of de map bestaat niet."
