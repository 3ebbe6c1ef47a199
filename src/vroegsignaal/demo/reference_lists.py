"""Made-up reference lists for the demo's largest municipality (Enschede): the debt-help client
list and a population-register (BRP) extract.

Without them the matching skips the checks "inwoner al bekend bij schuldhulpverlening",
"inwoner is overleden" and "persoon is geen inwoner (meer)", and the meldpunt's page of
reference lists stays empty. Both are made from the people Enschede's signals name, written to
CSV files in the demo's output folder and read in with the same services as an upload or
`vroegsignaal import-brp`, before the months are matched. Read in once, into a fresh demo: a
top-up keeps the lists it has, and a demo matched before there were lists stays without them
(work was done on those meldingen).

The extract holds only the people the signals name (a real one holds every resident; the
checks only look for the signals' people), written the register's way (voorletters without
dots, the voorvoegsel apart), with a few who no longer live there, a few who died before a
creditor reported them, and a few registered at another address in the municipality.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.db.models import Min

from vroegsignaal.casework.models import Melding
from vroegsignaal.demo.households import valid_bsn
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.list_doubts import COMPLETE_EXTRACT
from vroegsignaal.matching.models import ReferenceListImport, ReferenceListKind
from vroegsignaal.matching.reference_lists import (
    BRP_COLUMNS,
    CLIENT_ADDRESS_COLUMNS,
    ImportedList,
    import_known_clients,
    import_population_register,
)
from vroegsignaal.organisations.models import Municipality

DEMO_MUNICIPALITY = "0153"  # Enschede
REFERENCE_LIST_FOLDER = "gemeente"  # beside the creditors' deliveries, apart from them
# Shares of the distinct people named in the municipality's signals.
CLIENT_SHARE = 0.03  # known to debt help (nationally fewer than one in ten meldingen)
MOVED_AWAY_SHARE = 0.01  # not in the extract: "persoon is geen inwoner (meer)"
DECEASED_SHARE = 0.005  # died before a creditor reported them: "inwoner is overleden"
MOVED_WITHIN_SHARE = 0.02  # an inwoner at another address of the municipality (a note)


@dataclass(frozen=True)
class _Person:
    initials: str
    surname_prefix: str
    surname: str
    birth_date: dt.date
    address: tuple[str, int, str, str]  # postcode, house number, letter, addition
    first_signal: dt.date
    bsn: str


def ensure_client_list(output_dir: Path, seed: int) -> int:
    """Read in the demo client list if the municipality has none yet; the number of clients."""

    def write(people: list[_Person], rng: random.Random) -> list[list]:
        chosen = sorted(rng.sample(people, round(len(people) * CLIENT_SHARE)), key=_order)
        # Debt help knows them by name, birth date and address (no BSN).
        return [[p.surname, f"{p.birth_date:%d-%m-%Y}", *p.address] for p in chosen]

    return _ensure(
        ReferenceListKind.CLIENTS, output_dir, seed, "klantenlijst", CLIENT_ADDRESS_COLUMNS,
        write, import_known_clients,
    )  # fmt: skip


def ensure_population_register(output_dir: Path, seed: int) -> int:
    """Read in the demo BRP extract if the municipality has none yet; the number of residents."""

    def write(people: list[_Person], rng: random.Random) -> list[list]:
        addresses = sorted({p.address for p in people})
        # At least one of each, so that even a small demo shows every outcome of the check.
        shares = (MOVED_AWAY_SHARE, DECEASED_SHARE, MOVED_WITHIN_SHARE)
        counts = [max(1, round(len(people) * share)) for share in shares]
        picked = rng.sample(range(len(people)), min(sum(counts), len(people)))
        moved_away = set(picked[: counts[0]])
        deceased = set(picked[counts[0] : counts[0] + counts[1]])
        moved_within = set(picked[counts[0] + counts[1] :])
        rows, used = [], set()
        for index, person in enumerate(people):
            if index in moved_away:
                continue
            address, death = person.address, ""
            if index in deceased:
                death = f"{person.first_signal - dt.timedelta(days=rng.randint(14, 120)):%d-%m-%Y}"
            elif index in moved_within:
                address = rng.choice([a for a in addresses if a != person.address])
            rows.append(
                [
                    register_bsn(person.bsn, used, rng),
                    person.initials.replace(".", ""),
                    person.surname_prefix,
                    person.surname,
                    f"{person.birth_date:%d-%m-%Y}",
                    *address,
                    death,
                ]
            )
        return rows

    # Holding only the signals' people with a birth date, the extract is no register of every
    # resident (at a small scale few postcode areas have one), yet complete for the checks,
    # which look only for the signals' people: confirmed as such (list_doubts.COMPLETE_EXTRACT).
    read_in = partial(import_population_register, confirmed=[COMPLETE_EXTRACT])
    return _ensure(
        ReferenceListKind.BRP, output_dir, seed, "brp-uittreksel", BRP_COLUMNS, write, read_in
    )


def register_bsn(bsn: str, used: set[str], rng: random.Random) -> str:
    """The BSN the extract gives a person: the one her signals carry, else a new one; never one
    it gave someone else (added to ``used``). The register knows everyone's BSN, each person's
    own: two made-up ones can be the same, and an extract giving one BSN to two people is
    refused (QA14 B5)."""
    while not bsn or bsn in used:
        bsn = valid_bsn(rng)
    used.add(bsn)
    return bsn


def _ensure(
    kind: str,
    output_dir: Path,
    seed: int,
    name: str,
    header: tuple[str, ...],
    write: Callable[[list[_Person], random.Random], list[list]],
    read_in: Callable[..., ImportedList],
) -> int:
    """Write the list of `kind` as a CSV and read it in, unless the municipality has one or
    has meldingen already; the number of rows read in."""
    municipality = Municipality.objects.filter(code=DEMO_MUNICIPALITY).first()
    if (
        municipality is None
        or ReferenceListImport.objects.filter(municipality=municipality, kind=kind).exists()
        or Melding.objects.filter(municipality=municipality).exists()
    ):
        return 0
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(write(_named_people(municipality), random.Random(f"{seed}-{kind}")))
    path = output_dir / REFERENCE_LIST_FOLDER / f"{name}-{municipality.name.lower()}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return read_in(municipality, buffer.getvalue(), filename=path.name).rows


def _named_people(municipality: Municipality) -> list[_Person]:
    """The distinct people the municipality's signals name (with a birth date), in a fixed
    order, each with the date of their first signal and a BSN when a signal carried one."""
    fields = ("initials", "surname_prefix", "surname", "birth_date", "postcode", "house_number",
              "house_letter", "house_number_addition")  # fmt: skip
    signals = Signal.objects.filter(municipality=municipality, birth_date__isnull=False)
    firsts = signals.values(*fields).annotate(first_signal=Min("signal_date")).order_by(*fields)
    bsns = {
        tuple(getattr(s, f) for f in fields): s.bsn
        for s in signals.exclude(bsn_hash="").only(*fields, "bsn")
    }
    people = []
    for row in firsts:
        key = tuple(row[f] for f in fields)
        people.append(
            _Person(
                initials=row["initials"],
                surname_prefix=row["surname_prefix"],
                surname=row["surname"],
                birth_date=row["birth_date"],
                address=key[4:],
                first_signal=row["first_signal"],
                bsn=bsns.get(key, ""),
            )
        )
    return people


def _order(person: _Person) -> tuple:
    return (person.surname, person.birth_date, person.address)
