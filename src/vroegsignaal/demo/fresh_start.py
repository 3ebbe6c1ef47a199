"""Starting a demo database over when it was loaded on an earlier day or with other options.

The demo is a year of work up to the day it is loaded: the caseworkers' steps of each melding
are planned once, when its month is matched, and carried out up to (not including) that day.
Loading again on a later day adds the deliveries and matching runs that have come due, but the
meldingen already being worked on do not carry on, so the werkbakjes would slowly fill with
work that stands still; other options (seed, months, scale), or a changed generator (the demo's
own code and region file: the same seed then plans other households), would mix two regions.
A SQLite demo database is therefore stamped after loading (a small JSON file beside it), and
`vroegsignaal demo` sets a database with an older or different stamp aside as the previous
demo (one copy is kept, not every day's) and loads a new one. A database without a stamp
(loaded by hand, or before stamps existed) is topped up as before: only a stamp says that a
database holds nothing but the demo.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

STAMP_SUFFIX = ".demo.json"
PREVIOUS_INFIX = ".vorige"
# SQLite in WAL mode keeps the newest transactions in these files beside the database.
_COMPANION_SUFFIXES = ("", "-wal", "-shm")


@dataclass(frozen=True)
class DemoStamp:
    """How a demo database was loaded."""

    loaded_on: dt.date
    seed: int
    months: int
    scale: float
    # `environment.key_fingerprint` of the keys the pseudonyms and encrypted BSNs were made with.
    keys: str = ""
    # `generator_fingerprint()` of the code that planned the data.
    generator: str = ""


def generator_fingerprint(package: Path = Path(__file__).parent) -> str:
    """A hash of the demo's code and region file: what the same seed turns into."""
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("*.yaml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def stamp_path(database: Path) -> Path:
    return database.with_name(database.name + STAMP_SUFFIX)


def read_stamp(database: Path) -> DemoStamp | None:
    """The stamp of `database`, or None when it has none (or the database is gone)."""
    path = stamp_path(database)
    if not (database.exists() and path.exists()):
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return DemoStamp(
            loaded_on=dt.date.fromisoformat(data["loaded_on"]),
            seed=int(data["seed"]),
            months=int(data["months"]),
            scale=float(data["scale"]),
            keys=str(data.get("keys", "")),  # stamps from before the demo had its own keys
            generator=str(data.get("generator", "")),
        )
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable stamp says nothing; the database is topped up


def write_stamp(database: Path, stamp: DemoStamp) -> None:
    data = asdict(stamp) | {"loaded_on": stamp.loaded_on.isoformat()}
    stamp_path(database).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def reason_to_start_over(stamp: DemoStamp | None, wanted: DemoStamp) -> str | None:
    """Why a demo database with `stamp` cannot be topped up to `wanted` (Dutch), or None."""
    if stamp is None or stamp == wanted:
        return None
    if stamp.loaded_on != wanted.loaded_on:
        return (
            f"de demo is geladen op {stamp.loaded_on:%d-%m-%Y}; het werk van de meldingen loopt "
            "tot die dag en gaat bij bijladen niet verder"
        )
    if stamp.keys != wanted.keys:
        return (
            "de demo is geladen met andere sleutels (var/demo.env); versleutelde gegevens zijn "
            "daarmee niet meer te lezen"
        )
    if stamp.generator != wanted.generator:
        return (
            "de demo is vandaag geladen met een andere versie van de demogenerator; dezelfde "
            "seed geeft nu andere huishoudens"
        )
    return (
        f"de demo is vandaag geladen met andere instellingen (seed {stamp.seed}, "
        f"{stamp.months} maanden, schaal {stamp.scale:g})"
    )


def set_aside(database: Path) -> Path:
    """Rename `database` and the audit log's file beside it to their `.vorige` names.

    The audit file is `<name>.audit.sqlite3` (settings), so `<name>.vorige.sqlite3` can be
    opened again as a whole with DATABASE_URL. WAL files and the stamp move along. A previous
    copy is replaced: one earlier demo is kept for a look back, not one per day. Returns the
    new name of the database.
    """
    previous = database.with_name(f"{database.stem}{PREVIOUS_INFIX}{database.suffix}")
    for source, target in ((database, previous), (audit_file(database), audit_file(previous))):
        for suffix in (*_COMPANION_SUFFIXES, STAMP_SUFFIX):
            _path_with(target, suffix).unlink(missing_ok=True)
            if _path_with(source, suffix).exists():
                _path_with(source, suffix).rename(_path_with(target, suffix))
    return previous


def audit_file(database: Path) -> Path:
    return database.with_suffix(".audit.sqlite3")


def _path_with(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)
