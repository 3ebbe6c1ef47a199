"""Organisations as code: create or update regions, municipalities, creditors and agreements
from a JSON or YAML document. Applying the same document twice changes nothing.

The format is documented in docs/organisaties-als-code.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.intake.columns import mapping_problems
from vroegsignaal.intake.reading import UnreadableFile, decode_text
from vroegsignaal.organisations.creditor_codes import code_problem
from vroegsignaal.organisations.models import (
    Agreement,
    Creditor,
    Municipality,
    Region,
    Team,
)
from vroegsignaal.organisations.postcodes import (
    AreaEntry,
    AreaPlan,
    normalise_postcode_area,
    plan_areas,
    store_plan,
)


class ConfigurationError(ValueError):
    """The document is not valid; each of `problems` names its place in Dutch."""

    def __init__(self, *problems: str, moves_refused: bool = False):
        super().__init__("\n".join(problems))
        self.problems = list(problems)
        self.moves_refused = moves_refused  # an area of another municipality, without --verhuizen


@dataclass
class ApplyReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    areas: AreaPlan = field(default_factory=AreaPlan)  # the postcode areas, with their moves

    def count(self, kind: str, created: bool, changed: bool = True) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif changed:
            self.updated[kind] = self.updated.get(kind, 0) + 1


# How to save a document whose encoding cannot be read: it is written in an editor, not Excel.
SAVE_AS_UTF8 = (
    "Bewaar het bestand als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8) en draai de "
    "opdracht opnieuw."
)


def load_document(path: Path) -> dict:
    """The document in ``path``, read as a delivery is (`intake.reading.decode_text`: UTF-8
    with or without BOM, UTF-16 with BOM, else Windows-1252, as a Windows editor saves
    'Enschedé'); ConfigurationError in Dutch, naming the line, for a file in none of them
    (a UnicodeDecodeError's traceback until 27-11-2026)."""
    try:
        text = decode_text(path.read_bytes(), line="regel", save_as=SAVE_AS_UTF8)
    except UnreadableFile as exc:
        raise ConfigurationError(exc.message) from exc
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"{path.name} is geen geldige JSON of YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigurationError(
            f"{path.name}: verwacht een object met regions/municipalities/creditors."
        )
    return data


def _update_or_create(model, lookup: dict, values: dict, report: ApplyReport, kind: str):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean(validate_unique=False)
        obj.save()
        report.count(kind, created=True)
        return obj
    changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
    for key, value in changed.items():
        setattr(obj, key, value)
    if changed:
        obj.full_clean(validate_unique=False)
        obj.save()
    report.count(kind, created=False, changed=bool(changed))
    return obj


def _date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigurationError(f"{where}: '{value}' is geen datum (JJJJ-MM-DD).") from exc


def _apply_municipality(
    item: dict, where: str, report: ApplyReport, areas: list[AreaEntry], problems: list[str]
) -> None:
    """The municipality and its teams; its postcode areas are added to `areas`, to be planned
    with those of the whole document (an area may be given to two municipalities in it)."""
    code = str(item.get("code", "")).zfill(4)
    if "name" not in item:
        raise ConfigurationError(f"{where}: 'name' ontbreekt.")
    municipality = _update_or_create(
        Municipality,
        {"code": code},
        {"name": item["name"], "inhabitants": int(item.get("inhabitants", 0))},
        report,
        "gemeenten",
    )
    for index, raw in enumerate(item.get("postcodes", [])):
        place = f"{where}.postcodes[{index}]"
        postcode = normalise_postcode_area(str(raw))
        if postcode is None:
            problems.append(f"{place}: '{raw}' is geen PC4 of PC6.")
        else:
            areas.append(AreaEntry(place, postcode, municipality))
    for team_name in item.get("teams", []):
        _update_or_create(
            Team, {"municipality": municipality, "name": team_name}, {}, report, "teams"
        )


def _agreement_spec(raw, where: str) -> dict:
    spec = {"municipality": raw} if isinstance(raw, str | int) else dict(raw)
    if "municipality" not in spec:
        raise ConfigurationError(f"{where}: 'municipality' ontbreekt.")
    return spec


def _apply_creditor(item: dict, where: str, report: ApplyReport) -> None:
    if "code" not in item:
        raise ConfigurationError(f"{where}: 'code' ontbreekt.")
    if problem := code_problem(str(item["code"])):
        raise ConfigurationError(f"{where}.code: {problem}")  # as in the beheeromgeving
    partner_type = item.get("partner_type")
    if partner_type not in Signaalpartner.values:
        allowed = ", ".join(Signaalpartner.values)
        raise ConfigurationError(
            f"{where}: partner_type '{partner_type}' is onbekend; kies uit {allowed}."
        )
    mapping = item.get("column_mapping", {})
    if problems := mapping_problems(mapping):
        # As in the beheeromgeving: a typo found now, not when every delivery is refused.
        raise ConfigurationError(f"{where}.column_mapping: {' '.join(problems)}")
    creditor = _update_or_create(
        Creditor,
        {"code": item["code"]},
        {
            "name": item.get("name", item["code"]),
            "partner_type": partner_type,
            "column_mapping": mapping,
        },
        report,
        "vastelastenpartners",
    )
    for index, raw in enumerate(item.get("agreements", [])):
        spec = _agreement_spec(raw, f"{where}.agreements[{index}]")
        code = str(spec["municipality"]).zfill(4)
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise ConfigurationError(
                f"{where}.agreements[{index}]: gemeente {code} bestaat niet; zet haar onder municipalities."
            )
        valid_from = _date(spec.get("valid_from"), where) or dt.date(2021, 1, 1)
        try:
            _update_or_create(
                Agreement,
                {"creditor": creditor, "municipality": municipality, "valid_from": valid_from},
                {
                    "valid_to": _date(spec.get("valid_to"), where),
                    "share_known_client_status": bool(spec.get("share_known_client_status")),
                },
                report,
                "convenanten",
            )
        except ValidationError as exc:  # a period that is none, or overlaps (agreement_rules)
            raise ConfigurationError(
                f"{where}.agreements[{index}]: {' '.join(exc.messages)}"
            ) from exc


def _apply_region(item: dict, where: str, report: ApplyReport) -> None:
    region = _update_or_create(Region, {"name": item["name"]}, {}, report, "regio's")
    for code in item.get("municipalities", []):
        code = str(code).zfill(4)
        if not Municipality.objects.filter(code=code).update(region=region):
            raise ConfigurationError(f"{where}: gemeente {code} bestaat niet.")


def _place_numbers(problem: str) -> list[int]:
    """'municipalities[2].postcodes[10]: ...' → [2, 10]."""
    return [int(number) for number in re.findall(r"\[(\d+)\]", problem.split(":", 1)[0])]


def _each(kind: str, items: list, apply, problems: list[str]) -> None:
    """Apply each item in a savepoint of its own, so one item's error (also a database error)
    leaves the others to be checked: the beheerder hears every error of the document at once."""
    for index, item in enumerate(items):
        where = f"{kind}[{index}]"
        try:
            with transaction.atomic():
                apply(item, where)
        except ConfigurationError as exc:
            problems.extend(exc.problems)
        except ValidationError as exc:
            problems.append(f"{where}: {' '.join(exc.messages)}")
        except KeyError as exc:
            problems.append(f"{where}: '{exc.args[0]}' ontbreekt.")


@transaction.atomic
def apply_document(data: dict, *, allow_moves: bool = False) -> ApplyReport:
    """Create or update everything in `data`; all or nothing: with any error nothing is stored
    and `ConfigurationError` names every error. A postcode area that belongs to another
    municipality is an error unless `allow_moves` (--verhuizen)."""
    report = ApplyReport()
    problems: list[str] = []
    areas: list[AreaEntry] = []
    _each(
        "municipalities",
        data.get("municipalities", []),
        lambda item, where: _apply_municipality(item, where, report, areas, problems),
        problems,
    )
    report.areas = plan_areas(areas, allow_moves=allow_moves)
    # In document order: a municipality's own errors and its areas' come from two passes.
    problems = sorted([*problems, *report.areas.problems], key=_place_numbers)
    _each("regions", data.get("regions", []), lambda i, w: _apply_region(i, w, report), problems)
    _each(
        "creditors", data.get("creditors", []), lambda i, w: _apply_creditor(i, w, report), problems
    )
    if problems:
        raise ConfigurationError(*problems, moves_refused=report.areas.moves_refused)
    store_plan(report.areas)
    moved = len(report.areas.moves)
    for kind, count in (("created", len(report.areas.changes) - moved), ("updated", moved)):
        if count:
            getattr(report, kind)["postcodegebieden"] = count
    return report
