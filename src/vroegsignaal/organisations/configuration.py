"""Organisations as code: create or update regions, municipalities, creditors and agreements
from a JSON or YAML document. Applying the same document twice changes nothing.

The format is documented in docs/organisaties-als-code.md.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.intake.columns import mapping_problems
from vroegsignaal.organisations.models import (
    Agreement,
    Creditor,
    Municipality,
    PostcodeArea,
    Region,
    Team,
)
from vroegsignaal.organisations.postcodes import normalise_postcode_area


class ConfigurationError(ValueError):
    """The document is not valid; the message names the place in Dutch."""


@dataclass
class ApplyReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool, changed: bool = True) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif changed:
            self.updated[kind] = self.updated.get(kind, 0) + 1


def load_document(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
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


def _apply_municipality(item: dict, where: str, report: ApplyReport) -> Municipality:
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
    for raw in item.get("postcodes", []):
        postcode = normalise_postcode_area(str(raw))
        if postcode is None:
            raise ConfigurationError(f"{where}: postcodegebied '{raw}' is geen PC4 of PC6.")
        _update_or_create(
            PostcodeArea,
            {"postcode": postcode},
            {"municipality": municipality},
            report,
            "postcodegebieden",
        )
    for team_name in item.get("teams", []):
        _update_or_create(
            Team, {"municipality": municipality, "name": team_name}, {}, report, "teams"
        )
    return municipality


def _agreement_spec(raw, where: str) -> dict:
    spec = {"municipality": raw} if isinstance(raw, str | int) else dict(raw)
    if "municipality" not in spec:
        raise ConfigurationError(f"{where}: 'municipality' ontbreekt.")
    return spec


def _apply_creditor(item: dict, where: str, report: ApplyReport) -> None:
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


@transaction.atomic
def apply_document(data: dict) -> ApplyReport:
    """Create or update everything in `data`; all or nothing."""
    report = ApplyReport()
    try:
        for index, item in enumerate(data.get("municipalities", [])):
            _apply_municipality(item, f"municipalities[{index}]", report)
        for index, item in enumerate(data.get("regions", [])):
            region = _update_or_create(Region, {"name": item["name"]}, {}, report, "regio's")
            for code in item.get("municipalities", []):
                code = str(code).zfill(4)
                updated = Municipality.objects.filter(code=code).update(region=region)
                if not updated:
                    raise ConfigurationError(f"regions[{index}]: gemeente {code} bestaat niet.")
        for index, item in enumerate(data.get("creditors", [])):
            _apply_creditor(item, f"creditors[{index}]", report)
    except ValidationError as exc:
        raise ConfigurationError("; ".join(exc.messages)) from exc
    return report
