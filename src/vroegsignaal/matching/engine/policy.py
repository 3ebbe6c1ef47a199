"""Municipal matching policy: filter thresholds, priority weights and routing rules as data.

A `Policy` is frozen (hashable, so municipalities sharing one policy are processed together),
round-trips through JSON (the Django side stores every version and a run records the one it
used) and validates itself with Dutch messages. Defaults follow ../shared/domain.md: no minimum
amount, arrears from 30 days (Zorg 30-100 days), business contracts excluded, one signal is
enough for a go, a crisis signal that counts is a go whatever the minimum (domain.md step 4:
crisis signals are urgent; a municipality that wants two signals may still turn this off),
herhaalde melding within 3 months.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from vroegsignaal.dutch_numbers import dutch_number, euros
from vroegsignaal.matching.engine.vocabulary import CONTACT_KINDS, FLAGS, PARTNER_TYPES

# Upper bounds of the numbers in a policy: far above what any municipality sets (a minimum
# amount of EUR 75, weights of tens of points, terms of days to weeks), low enough that one
# typo with a few zeros too many is refused with a message instead of stopping every matching
# run of the municipality: the engine computes in Int64 (a weight of 10^20 did not fit) and a
# melding's score, the sum of the weights times their factors, is stored in a 32-bit column
# (docs/matching.md, "Grenzen").
MAX_AMOUNT_CENTS = 100_000_000  # EUR 1.000.000,00
MAX_SIGNALS_FOR_GO = 100
MAX_REPEAT_MONTHS = 60
MAX_WINDOW_DAYS = 3_650  # ten years of arrears
MAX_WEIGHT = 1_000
MAX_TERM_DAYS = 365
MAX_AGE = 120


class PolicyError(ValueError):
    """An invalid policy; `messages` holds one Dutch sentence per problem."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Window:
    """Allowed age of the arrears in days at the signal date; None means no bound."""

    min_days: int | None = 30
    max_days: int | None = None

    def label(self) -> str:
        """Dutch text such as '30-100' or 'vanaf 30'."""
        if self.max_days is None:
            return f"vanaf {self.min_days or 0}"
        return f"{self.min_days or 0}-{self.max_days}"


@dataclass(frozen=True)
class RouteCondition:
    """All given parts must hold; an empty condition matches every melding."""

    flags: tuple[str, ...] = ()
    min_amount_cents: int | None = None
    partner_types: tuple[str, ...] = ()
    max_age: int | None = None
    postcode_prefixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutingRule:
    """A werkbakje rule: meldingen matching `condition` go to `queue`."""

    name: str
    queue: str
    first_contact_channel: str
    term_days: int
    condition: RouteCondition = field(default_factory=RouteCondition)


# How the policy editor and its messages name each weight.
WEIGHT_LABELS = {
    "crisis": "Crisissignaal",
    "extra_partner_type": "Per extra soort signaalpartner",
    "opeenvolgend": "Opeenvolgende melding",
    "amount_per_100_euro": "Per € 100 achterstand",
    "amount_max": "Bedrag: ten hoogste",
    "rent_arrears": "Huurachterstand",
    "arrears_age_per_30_days": "Per 30 dagen ouderdom van de achterstand",
    "arrears_age_max": "Ouderdom: ten hoogste",
    "young_adult": "Jongvolwassene",
    "warm_handover": "Warme overdracht",
}


@dataclass(frozen=True)
class PriorityWeights:
    """Points per named factor; the score of a melding is their sum."""

    crisis: int = 50
    extra_partner_type: int = 15
    opeenvolgend: int = 20
    amount_per_100_euro: int = 2
    amount_max: int = 40
    rent_arrears: int = 25
    arrears_age_per_30_days: int = 5
    arrears_age_max: int = 20
    young_adult: int = 15
    warm_handover: int = 10


DEFAULT_WINDOWS: tuple[tuple[str, Window], ...] = (("Zorg", Window(30, 100)),)
DEFAULT_ROUTE = RoutingRule("Standaard", "Standaard", "Brief", 28)


@dataclass(frozen=True)
class Policy:
    """The matching policy of one municipality (see the module docstring for defaults)."""

    minimum_amount_cents: int | None = None
    default_window: Window = field(default_factory=Window)
    windows: tuple[tuple[str, Window], ...] = DEFAULT_WINDOWS
    exclude_business_contracts: bool = True
    minimum_signals_for_go: int = 1
    crisis_always_go: bool = True
    repeat_months: int = 3
    weights: PriorityWeights = field(default_factory=PriorityWeights)
    routing_rules: tuple[RoutingRule, ...] = ()
    default_route: RoutingRule = DEFAULT_ROUTE

    def __post_init__(self) -> None:
        messages = _problems(self)
        if messages:
            raise PolicyError(messages)

    def window_for(self, partner_type: str) -> Window:
        """The arrears-age window for a partner type (its own, else the default)."""
        return dict(self.windows).get(partner_type, self.default_window)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `Policy.from_dict` reads it back to an equal policy."""
        data = dataclasses.asdict(self)
        data["windows"] = {name: dataclasses.asdict(w) for name, w in self.windows}
        return data

    def to_json(self) -> str:
        """The policy as a JSON text with sorted keys (stable for versioning)."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Policy:
        """Build a policy from a dict; missing keys take their defaults."""
        _reject_unknown(data, cls, "beleid")
        kwargs = dict(data)
        if "default_window" in kwargs:
            kwargs["default_window"] = _build(Window, kwargs["default_window"], "standaardvenster")
        if "windows" in kwargs:
            kwargs["windows"] = _windows_from(kwargs["windows"])
        if "weights" in kwargs:
            kwargs["weights"] = _build(PriorityWeights, kwargs["weights"], "wegingen")
        if "routing_rules" in kwargs:
            kwargs["routing_rules"] = tuple(rule_from_dict(r) for r in kwargs["routing_rules"])
        if "default_route" in kwargs:
            kwargs["default_route"] = rule_from_dict(kwargs["default_route"])
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise PolicyError(
                [f"Een waarde in het beleid heeft het verkeerde soort ({exc})."]
            ) from exc

    @classmethod
    def from_json(cls, text: str) -> Policy:
        """Read a policy stored with `to_json`."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PolicyError(
                [f"Beleid is geen geldige JSON: {exc.msg} (regel {exc.lineno})."]
            ) from exc
        if not isinstance(data, dict):
            raise PolicyError(["Beleid moet een JSON-object zijn."])
        return cls.from_dict(data)


def inherit(region: dict[str, Any], municipality: dict[str, Any]) -> Policy:
    """A municipality's policy: its own settings over those of its region (per top-level key)."""
    return Policy.from_dict({**region, **municipality})


def _reject_unknown(data: Any, cls: type, where: str) -> None:
    if not isinstance(data, dict):
        raise PolicyError([f"'{where}' moet een object zijn."])
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise PolicyError([f"Onbekend veld '{name}' in {where}." for name in unknown])


def _build(cls: type, data: Any, where: str) -> Any:
    _reject_unknown(data, cls, where)
    return cls(**data)


def _windows_from(data: Any) -> tuple[tuple[str, Window], ...]:
    if not isinstance(data, dict):
        raise PolicyError(["'windows' moet per signaalpartner een venster geven."])
    return tuple(sorted((name, _build(Window, w, f"venster {name}")) for name, w in data.items()))


def rule_from_dict(data: Any) -> RoutingRule:
    """A werkbakjes rule from its document (as in `Policy.to_dict`), not yet checked: see
    `rule_problems`. Raises PolicyError for unknown fields or missing parts."""
    _reject_unknown(data, RoutingRule, "werkbakjesregel")
    kwargs = dict(data)
    condition = dict(kwargs.get("condition") or {})
    _reject_unknown(condition, RouteCondition, f"voorwaarde van regel '{data.get('name', '')}'")
    for key in ("flags", "partner_types", "postcode_prefixes"):
        if key in condition:
            condition[key] = tuple(condition[key])
    missing = [
        f.name
        for f in dataclasses.fields(RoutingRule)
        if f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
        and f.name not in kwargs
    ]
    if missing:
        # The document's own keys: whoever wrote the document by hand knows them by these.
        raise PolicyError(
            [
                f"Werkbakjesregel '{data.get('name', '')}' is onvolledig: {', '.join(missing)} "
                f"{'ontbreekt' if len(missing) == 1 else 'ontbreken'}."
            ]
        )
    kwargs["condition"] = RouteCondition(**condition)
    return RoutingRule(**kwargs)


def _problems(policy: Policy) -> list[str]:
    messages: list[str] = []
    if policy.minimum_amount_cents is not None and policy.minimum_amount_cents < 0:
        messages.append("Het minimumbedrag mag niet negatief zijn.")
    if _above(policy.minimum_amount_cents, MAX_AMOUNT_CENTS):
        messages.append(f"Het minimumbedrag mag hoogstens {euros(MAX_AMOUNT_CENTS)} zijn.")
    if policy.minimum_signals_for_go < 1:
        messages.append("Het minimum aantal signalen voor een go is ten minste 1.")
    if policy.minimum_signals_for_go > MAX_SIGNALS_FOR_GO:
        messages.append(
            f"Het minimum aantal signalen voor een go is hoogstens {MAX_SIGNALS_FOR_GO}."
        )
    messages += [
        f"De instelling '{name}' moet true of false zijn, niet {getattr(policy, name)!r}."
        for name in ("exclude_business_contracts", "crisis_always_go")
        if not isinstance(getattr(policy, name), bool)
    ]
    if policy.repeat_months < 0:
        messages.append("De termijn voor een herhaalde melding (maanden) mag niet negatief zijn.")
    if policy.repeat_months > MAX_REPEAT_MONTHS:
        messages.append(
            "De termijn voor een herhaalde melding (maanden) mag hoogstens "
            f"{MAX_REPEAT_MONTHS} zijn."
        )
    messages += _window_problems("standaardvenster", policy.default_window)
    for name, window in policy.windows:
        if name not in PARTNER_TYPES:
            messages.append(f"Venster voor onbekende signaalpartner '{name}'.")
        messages += _window_problems(f"venster {name}", window)
    messages += _weight_problems(policy.weights)
    messages += [message for _, message in duplicate_rule_names(policy.routing_rules)]
    for rule in (*policy.routing_rules, policy.default_route):
        messages += _rule_problems(rule)
    if policy.default_route.condition != RouteCondition():
        messages.append("Het standaardwerkbakje mag geen voorwaarde hebben: het vangt de rest.")
    return messages


def _above(value: int | None, maximum: int) -> bool:
    return value is not None and value > maximum


def _weight_problems(weights: PriorityWeights) -> list[str]:
    messages = []
    for f in dataclasses.fields(weights):
        label, value = WEIGHT_LABELS.get(f.name, f.name), getattr(weights, f.name)
        if value < 0:
            messages.append(f"Weging '{label}' mag niet negatief zijn.")
        elif value > MAX_WEIGHT:
            messages.append(f"Weging '{label}' mag hoogstens {dutch_number(MAX_WEIGHT)} zijn.")
    return messages


def duplicate_rule_names(
    rules: tuple[RoutingRule, ...] | list[RoutingRule],
) -> list[tuple[int, str]]:
    """(position, message) for each rule that repeats the name of a rule before it: a form
    shows the message at that rule's name."""
    seen: set[str] = set()
    repeats = []
    for position, rule in enumerate(rules):
        if rule.name in seen:
            repeats.append((position, f"Werkbakjesregel '{rule.name}' komt meer dan eens voor."))
        seen.add(rule.name)
    return repeats


def _window_problems(where: str, window: Window) -> list[str]:
    # Named as the form and `Window.label` name the bounds: 'vanaf' and 'tot en met'.
    bounds = {"vanaf": window.min_days, "tot en met": window.max_days}
    if any(days is not None and days < 0 for days in bounds.values()):
        return [f"Het {where} mag geen negatieve dagen bevatten."]
    too_long = [
        f"In het {where} mag '{name}' hoogstens {dutch_number(MAX_WINDOW_DAYS)} dagen zijn."
        for name, days in bounds.items()
        if _above(days, MAX_WINDOW_DAYS)
    ]
    if too_long:
        return too_long
    low, high = window.min_days, window.max_days
    if low is not None and high is not None and low > high:
        return [f"In het {where} is 'vanaf' ({low} dagen) groter dan 'tot en met' ({high} dagen)."]
    return []


def _rule_problems(rule: RoutingRule) -> list[str]:
    return [message for _, message in rule_problems(rule)]


def rule_problems(rule: RoutingRule) -> list[tuple[str, str]]:
    """(part, message) per problem of a werkbakjes rule: `part` names the field of the rule or
    of its condition the message concerns ('term_days', 'max_age', ...), so that a form can
    show it at that field."""
    where = f"werkbakjesregel '{rule.name}'"
    problems = []
    if not rule.name.strip() or not rule.queue.strip():
        part = "queue" if rule.name.strip() else "name"
        problems.append(
            (part, f"Een werkbakjesregel heeft een naam en een werkbakje nodig ({where}).")
        )
    if rule.first_contact_channel not in CONTACT_KINDS:
        problems.append((
            "first_contact_channel",
            f"Onbekende contactsoort '{rule.first_contact_channel}' in {where}; "
            f"kies uit: {', '.join(CONTACT_KINDS)}.",
        ))  # fmt: skip
    if rule.term_days < 1:
        problems.append(("term_days", f"De termijn in {where} is ten minste 1 dag."))
    if rule.term_days > MAX_TERM_DAYS:
        problems.append(("term_days", f"De termijn in {where} is hoogstens {MAX_TERM_DAYS} dagen."))
    cond = rule.condition
    problems += [
        ("flags", f"Onbekende vlag '{f}' in {where}.") for f in cond.flags if f not in FLAGS
    ]
    problems += [
        ("partner_types", f"Onbekende signaalpartner '{p}' in {where}.")
        for p in cond.partner_types
        if p not in PARTNER_TYPES
    ]
    if cond.min_amount_cents is not None and cond.min_amount_cents < 0:
        problems.append(
            ("min_amount_cents", f"Het minimumbedrag in {where} mag niet negatief zijn.")
        )
    if _above(cond.min_amount_cents, MAX_AMOUNT_CENTS):
        problems.append((
            "min_amount_cents",
            f"Het minimumbedrag in {where} mag hoogstens {euros(MAX_AMOUNT_CENTS)} zijn.",
        ))  # fmt: skip
    if cond.max_age is not None and cond.max_age < 0:
        problems.append(("max_age", f"De maximumleeftijd in {where} mag niet negatief zijn."))
    if _above(cond.max_age, MAX_AGE):
        problems.append(
            ("max_age", f"De maximumleeftijd in {where} mag hoogstens {MAX_AGE} jaar zijn.")
        )
    return problems
