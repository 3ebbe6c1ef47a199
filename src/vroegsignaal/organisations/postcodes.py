"""Postcode areas: normalising PC4/PC6 entries, and storing those of a file
(`vroegsignaal import-postcodes`, `setup-organisations`).

A file does not silently take an area from another municipality: signals of its residents would
go to, or be refused for, the wrong municipality. Such an entry is an error unless the caller
allows moves (--verhuizen); then each move is returned, with the municipality it left, for the
output and the audit log (`postcode_moves`). A PC6 area inside another municipality's PC4 area
takes addresses from it as well (PC6 goes before PC4), so it counts as a move too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from vroegsignaal.organisations.models import Municipality, PostcodeArea

_AREA = re.compile(r"^([1-9]\d{3})\s*([A-Za-z]{2})?$")


def normalise_postcode_area(raw: str) -> str | None:
    """'7511' → '7511', '7521 ab' → '7521AB'; None when it is neither PC4 nor PC6."""
    match = _AREA.match(raw.strip())
    if not match:
        return None
    return match.group(1) + (match.group(2) or "").upper()


@dataclass(frozen=True)
class AreaEntry:
    """One postcode area of a file: where it stands (for the message), for which municipality."""

    where: str  # 'Regel 5', 'municipalities[0].postcodes[1]'
    postcode: str  # normalised
    municipality: Municipality


@dataclass(frozen=True)
class AreaChange:
    postcode: str
    municipality: Municipality
    previous: Municipality | None = None  # the municipality it moved from; None: a new area


@dataclass
class AreaPlan:
    """What a file does to the postcode areas, or why it may not."""

    changes: list[AreaChange] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    moves_refused: bool = False

    @property
    def moves(self) -> list[AreaChange]:
        return [change for change in self.changes if change.previous is not None]


def plan_areas(entries: Iterable[AreaEntry], *, allow_moves: bool) -> AreaPlan:
    """Compare the entries with the stored areas (and with each other) without storing."""
    stored = {
        area.postcode: area.municipality
        for area in PostcodeArea.objects.select_related("municipality")
    }
    plan = AreaPlan()
    first_seen: dict[str, AreaEntry] = {}
    for entry in entries:
        earlier = first_seen.setdefault(entry.postcode, entry)
        if earlier is not entry:
            if earlier.municipality != entry.municipality:
                plan.problems.append(
                    f"{entry.where}: {entry.postcode} staat al in {_lower_first(earlier.where)}, "
                    f"bij {earlier.municipality}."
                )
            continue
        owner = stored.get(entry.postcode)
        if owner == entry.municipality:
            plan.unchanged += 1
            continue
        # A new PC6 area inside another municipality's PC4 area takes its addresses.
        around = (
            stored.get(entry.postcode[:4]) if owner is None and len(entry.postcode) == 6 else None
        )
        previous = owner or (around if around != entry.municipality else None)
        if previous is not None and not allow_moves:
            plan.moves_refused = True
            plan.problems.append(_belongs_elsewhere(entry, owner, previous))
            continue
        plan.changes.append(AreaChange(entry.postcode, entry.municipality, previous))
    return plan


def _belongs_elsewhere(entry: AreaEntry, owner: Municipality | None, previous: Municipality) -> str:
    if owner is not None:
        return f"{entry.where}: {entry.postcode} hoort al bij {previous}, niet bij {entry.municipality}."
    return (
        f"{entry.where}: {entry.postcode} ligt in {entry.postcode[:4]}, dat al bij {previous} "
        f"hoort, niet bij {entry.municipality}."
    )


def _lower_first(where: str) -> str:
    return where[0].lower() + where[1:] if where.startswith("Regel") else where


MOVE_HINT = (
    "Hoort een postcodegebied echt bij de andere gemeente, draai de opdracht dan nog een keer "
    "met --verhuizen: de uitvoer noemt dan elk verhuisd gebied en de gemeente waar het vandaan komt."
)


def store_plan(plan: AreaPlan) -> None:
    """Store the changes of a plan without problems (inside the caller's transaction)."""
    for change in plan.changes:
        PostcodeArea.objects.update_or_create(
            postcode=change.postcode, defaults={"municipality": change.municipality}
        )


class PostcodeImportError(ValueError):
    """The file is refused; `problems` names every error, each with its line."""

    def __init__(self, problems: list[str], moves_refused: bool = False):
        super().__init__("\n".join(problems))
        self.problems = problems
        self.moves_refused = moves_refused


@transaction.atomic
def import_postcode_areas(text: str, *, allow_moves: bool = False) -> AreaPlan:
    """Import `postcode;gemeentecode` rows (header optional); all or nothing: any error stores
    nothing and raises `PostcodeImportError` with every error of the file."""
    entries, problems = _read_entries(text)
    plan = plan_areas(entries, allow_moves=allow_moves)
    # In line order: the reader's errors and the plan's are about different lines.
    problems = sorted([*problems, *plan.problems], key=_line_number)
    if problems:
        raise PostcodeImportError(problems, plan.moves_refused)
    store_plan(plan)
    return plan


def _read_entries(text: str) -> tuple[list[AreaEntry], list[str]]:
    dialect = ";" if text.count(";") >= text.count(",") else ","
    municipalities = {m.code: m for m in Municipality.objects.all()}
    entries, problems = [], []
    for line_no, row in enumerate(csv.reader(io.StringIO(text), delimiter=dialect), start=1):
        if not row or not "".join(row).strip():
            continue
        if line_no == 1 and row[0].strip().lower() == "postcode":
            continue
        where = f"Regel {line_no}"
        if len(row) < 2:
            problems.append(f"{where}: verwacht 'postcode;gemeentecode'.")
            continue
        postcode = normalise_postcode_area(row[0])
        code = row[1].strip().zfill(4)
        if postcode is None:
            problems.append(f"{where}: '{row[0]}' is geen PC4 of PC6.")
        if code not in municipalities:
            problems.append(f"{where}: gemeente {code} is onbekend.")
        if postcode is not None and code in municipalities:
            entries.append(AreaEntry(where, postcode, municipalities[code]))
    return entries, problems


def _line_number(problem: str) -> int:
    return int(problem.split(":", 1)[0].removeprefix("Regel "))
