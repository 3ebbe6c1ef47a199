"""A demo database loaded on an earlier day (or with other options) is set aside and loaded anew;
one loaded today with the same options is topped up, which adds nothing."""

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from vroegsignaal.demo.environment import ensure_environment
from vroegsignaal.demo.fresh_start import (
    DemoStamp,
    generator_fingerprint,
    read_stamp,
    reason_to_start_over,
    set_aside,
    stamp_path,
    write_stamp,
)

TODAY = DemoStamp(
    dt.date(2026, 11, 25),
    seed=2026,
    months=12,
    scale=1.0,
    keys="0f1e2d3c4b5a6978",
    generator="a1b2c3d4e5f60718",
)


def test_a_stamp_reads_back_as_written(tmp_path):
    database = tmp_path / "vroegsignaal.sqlite3"
    database.touch()

    write_stamp(database, TODAY)

    assert read_stamp(database) == TODAY


def test_no_stamp_an_unreadable_one_or_no_database_means_no_stamp(tmp_path):
    database = tmp_path / "vroegsignaal.sqlite3"
    assert read_stamp(database) is None
    database.touch()
    assert read_stamp(database) is None
    stamp_path(database).write_text("{niet: json", encoding="utf-8")
    assert read_stamp(database) is None
    write_stamp(database, TODAY)
    database.unlink()
    assert read_stamp(database) is None


def test_the_same_day_and_options_top_up_and_an_unstamped_database_too():
    assert reason_to_start_over(TODAY, TODAY) is None
    assert reason_to_start_over(None, TODAY) is None


def test_a_demo_of_an_earlier_day_starts_over_naming_that_day():
    yesterday = DemoStamp(dt.date(2026, 10, 31), seed=2026, months=12, scale=1.0)

    reason = reason_to_start_over(yesterday, TODAY)

    assert reason is not None and "geladen op 31-10-2026" in reason


@pytest.mark.parametrize(
    "other", [{"seed": 7}, {"months": 3}, {"scale": 0.5}], ids=["seed", "months", "scale"]
)
def test_a_demo_of_today_with_other_options_starts_over_naming_them(other):
    stamp = DemoStamp(
        **(
            {"loaded_on": TODAY.loaded_on, "seed": 2026, "months": 12, "scale": 1.0}
            | {"keys": TODAY.keys, "generator": TODAY.generator}
            | other
        )
    )

    reason = reason_to_start_over(stamp, TODAY)

    assert reason is not None and "andere instellingen" in reason


def test_setting_aside_moves_database_audit_wal_files_and_stamp_replacing_the_previous(tmp_path):
    names = [
        "vroegsignaal.sqlite3",
        "vroegsignaal.sqlite3-wal",
        "vroegsignaal.sqlite3-shm",
        "vroegsignaal.audit.sqlite3",
        "vroegsignaal.audit.sqlite3-wal",
    ]
    for name in names:
        (tmp_path / name).write_text(name)
    write_stamp(tmp_path / "vroegsignaal.sqlite3", TODAY)
    (tmp_path / "vroegsignaal.vorige.sqlite3").write_text("eergisteren")
    (tmp_path / "vroegsignaal.vorige.sqlite3-shm").write_text("eergisteren")

    previous = set_aside(tmp_path / "vroegsignaal.sqlite3")

    assert previous == tmp_path / "vroegsignaal.vorige.sqlite3"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            "vroegsignaal.vorige.sqlite3",
            "vroegsignaal.vorige.sqlite3-wal",
            "vroegsignaal.vorige.sqlite3-shm",
            "vroegsignaal.vorige.sqlite3.demo.json",
            "vroegsignaal.vorige.audit.sqlite3",
            "vroegsignaal.vorige.audit.sqlite3-wal",
        ]
    )
    assert previous.read_text() == "vroegsignaal.sqlite3"
    assert (tmp_path / "vroegsignaal.vorige.sqlite3-shm").read_text() == "vroegsignaal.sqlite3-shm"
    assert read_stamp(previous) == TODAY


def _demo(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "vroegsignaal", "demo", "--months=1", "--scale=0.05", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_a_demo_loaded_with_other_keys_starts_over_as_its_data_cannot_be_read():
    """The pseudonyms and encrypted BSNs were made with the keys of var/demo.env; a stamp
    from before the demo had keys of its own has none."""
    for keys in ("aaaaaaaaaaaaaaaa", ""):
        reason = reason_to_start_over(DemoStamp(**{**asdict(TODAY), "keys": keys}), TODAY)

        assert reason is not None and "andere sleutels" in reason


def test_a_demo_of_today_made_by_a_changed_generator_starts_over():
    """The same seed plans other households once the generator changed (a delivery day moved,
    the random draws came in another order): topping up mixed two regions, 48,089 signals in
    29,812 meldingen instead of 30,744 in 7,179. A stamp from before the fingerprint has none."""
    for generator in ("ffffffffffffffff", ""):
        stamp = DemoStamp(**{**asdict(TODAY), "generator": generator})

        reason = reason_to_start_over(stamp, TODAY)

        assert reason is not None and "andere versie van de demogenerator" in reason


def test_the_generator_fingerprint_follows_the_demo_code_and_region_file(tmp_path):
    (tmp_path / "region.py").write_text("DELIVERY_DAY = 28\n")
    (tmp_path / "twente.yaml").write_text("gemeenten: []\n")
    (tmp_path / "notes.txt").write_text("not part of the generator")
    before = generator_fingerprint(tmp_path)

    (tmp_path / "notes.txt").write_text("changed")
    assert generator_fingerprint(tmp_path) == before
    (tmp_path / "region.py").write_text("DELIVERY_DAY = 24\n")
    assert generator_fingerprint(tmp_path) != before
    (tmp_path / "region.py").write_text("DELIVERY_DAY = 28\n")
    (tmp_path / "twente.yaml").write_text("gemeenten: [Enschede]\n")
    assert generator_fingerprint(tmp_path) != before


def test_a_stamp_without_keys_reads_as_made_without_them(tmp_path):
    database = tmp_path / "vroegsignaal.sqlite3"
    database.touch()
    old = {"loaded_on": "2026-11-25", "seed": 2026, "months": 12, "scale": 1.0}
    stamp_path(database).write_text(json.dumps(old), encoding="utf-8")

    assert read_stamp(database).keys == ""


def _meldingen(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT COUNT(*) FROM casework_melding").fetchone()[0]


def test_make_demo_on_a_later_day_keeps_the_old_demo_and_loads_a_new_one(tmp_path):
    """The real command on its own SQLite file, as `make demo` runs it (stamp backdated)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("runs its own SQLite file; once per suite is enough (the SQLite pass)")
    database = tmp_path / "vroegsignaal.sqlite3"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": f"sqlite:///{database}",
        "VAR_DIR": str(tmp_path),
        # As `make demo` runs it: DEBUG off, with the demo's own keys.
        **ensure_environment(tmp_path / "demo.env"),
    }
    subprocess.run([sys.executable, "-m", "vroegsignaal", "migrate", "-v0"], env=env, check=True)
    _demo(env)
    loaded = _meldingen(database)
    assert "0 nieuw" in _demo(env)  # the same day: topped up, nothing added
    assert (
        _meldingen(database) == loaded and not (tmp_path / "vroegsignaal.vorige.sqlite3").exists()
    )

    stamp = json.loads(stamp_path(database).read_text())
    stamp_path(database).write_text(json.dumps(stamp | {"loaded_on": "2026-01-30"}))
    output = _demo(env)

    assert "Nieuwe demodatabase: de demo is geladen op 30-01-2026" in output
    assert "vroegsignaal.vorige.sqlite3" in output
    assert _meldingen(tmp_path / "vroegsignaal.vorige.sqlite3") == loaded
    assert (tmp_path / "vroegsignaal.vorige.audit.sqlite3").exists()
    assert _meldingen(database) == loaded  # the same seed and day: the same demo again
    assert read_stamp(database).loaded_on != dt.date(2026, 1, 30)
