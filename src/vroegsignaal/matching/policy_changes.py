"""What a new policy version changes, in words for the privacy officer's audit log.

Every save in the beheeromgeving stores a new `PolicyVersion` (`matching.policies`); its audit
entry (`privacy.admin_audit`) describes it against the version it replaces, the owner's previous
one. Each setting with its old and new value as the form shows it ("Minimumbedrag (€): 50,00 →
60,00"; "leeg": taken over from the region or the default), then the werkbakjes rules by name:
removed ("Regel 2 'Crisis' verwijderd"), added at a place with their parts, changed part by part,
and their new order when it changed. A rule is known by its name (unique within a policy), so a
rule given another name is one removed and one added.
"""

from __future__ import annotations

from typing import Any

from vroegsignaal.matching.engine.policy import WEIGHT_LABELS, Window
from vroegsignaal.matching.engine.vocabulary import PARTNER_TYPES
from vroegsignaal.matching.policies import canonical
from vroegsignaal.matching.policy_form import (
    FILTER_FIELDS,
    NO,
    YES,
    PolicyVersionForm,
    initial_from,
)
from vroegsignaal.matching.routing_form import (
    RULE_LINES,
    RULE_PARTS,
    RuleForm,
    rule_rows,
    rule_title,
)
from vroegsignaal.privacy.admin_audit import EMPTY, change_part

_SETTING_FIELDS = PolicyVersionForm.base_fields
_RULE_FIELDS = RuleForm.base_fields
# A rule's parts besides its name, in the order of the page.
_RULE_PARTS_SHOWN = [
    name for line in RULE_LINES for name in line if name in _RULE_FIELDS and name != "name"
]


def describe_changes(old: dict | None, new: dict) -> list[str]:
    """What policy document `new` changes against `old`, the version it replaces; for an
    owner's first version (`old` None) what `new` sets, without old values."""
    old_document, new_document = canonical(old or {}), canonical(new)
    before, after = _settings(old_document), _settings(new_document)
    parts = [
        change_part(label, None if old is None else before[label], text)
        for label, text in after.items()
        if text != before[label]
    ]
    return parts + _rule_changes(
        old_document.get("routing_rules", []), new_document.get("routing_rules", [])
    )


def _settings(document: dict) -> dict[str, str]:
    """Every setting as label → text, in the form's order; EMPTY where `document` leaves it to
    the region or the default."""
    values = initial_from(document)
    texts = {_label(name): _text(values.get(name)) for name in FILTER_FIELDS}
    texts["Standaardvenster"] = _window(document.get("default_window"))
    texts[_label("windows_own")] = YES if "windows" in document else NO
    windows = document.get("windows", {})
    texts |= {f"Venster {partner}": _window(windows.get(partner)) for partner in PARTNER_TYPES}
    weights = document.get("weights", {})
    texts |= {f"Weging '{label}'": _text(weights.get(key)) for key, label in WEIGHT_LABELS.items()}
    texts[_label("routing_own")] = YES if "routing_rules" in document else NO
    route = document.get("default_route", {})
    texts |= {
        f"Standaardwerkbakje, {_rule_label(part)}": _text(route.get(part)) for part in RULE_PARTS
    }
    return texts


def _rule_changes(old_rules: list[dict], new_rules: list[dict]) -> list[str]:
    old = {row["name"]: (place, _rule_texts(row)) for place, row in _places(old_rules)}
    new = {row["name"]: (place, _rule_texts(row)) for place, row in _places(new_rules)}
    parts = [
        f"{rule_title(place)} '{name}' verwijderd"
        for name, (place, _) in old.items()
        if name not in new
    ]
    for name, (place, texts) in new.items():
        if name not in old:
            parts.append(f"Regel '{name}' toegevoegd op plaats {place}")
        # An added rule: the parts it sets, without old values.
        before = old[name][1] if name in old else dict.fromkeys(texts)
        parts += [
            change_part(f"Regel '{name}', {label}", before[label], text)
            for label, text in texts.items()
            if text != (before[label] or EMPTY)
        ]
    if [name for name in old if name in new] != [name for name in new if name in old]:
        parts.append(change_part("Volgorde", ", ".join(old), ", ".join(new)))
    return parts


def _places(rules: list[dict]):
    return enumerate(rule_rows(rules), start=1)


def _rule_texts(row: dict[str, Any]) -> dict[str, str]:
    """A rule's parts as label → text, as its row on the page shows them."""
    texts = {}
    for name in _RULE_PARTS_SHOWN:
        value = row[name]
        if isinstance(value, list):  # ticked boxes: their labels
            labels = dict(_RULE_FIELDS[name].choices)
            value = ", ".join(str(labels[item]) for item in value)
        texts[_rule_label(name)] = _text(value)
    return texts


def _label(name: str) -> str:
    return str(_SETTING_FIELDS[name].label)


def _rule_label(name: str) -> str:
    return str(_RULE_FIELDS[name].label).lower()


def _text(value: Any) -> str:
    return EMPTY if value in (None, "") else str(value)


def _window(window: dict | None) -> str:
    return EMPTY if window is None else f"{Window(**window).label()} dagen"
