"""The business case of vroegsignalering: the project proposal's budget and the actual figures.

Public API:
- ``Parameters`` (with ``Parameters.from_dict`` for a JSON config, Dutch errors naming the field)
  and ``DEFAULTS`` (the regional proposal in docs/monitoring.md; domain.md "Money");
- ``calculate(parameters, share)`` → one-off and structural totals as ranges (hours are ranges),
  per municipality and per reached household, and with ``share`` one municipality's part;
- ``actuals(parameters, reached_households, months, share)`` → the same from real data: reached
  households × tariff plus the (municipality's share of the) fixed costs for the period, and the
  estimated return;
- ``from_form`` and ``form_fields``: the page's fields read (every wrong one named) and shown.
Amounts are in euros (floats rounded to whole euros): this is a planning tool, not accounting.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields

from vroegsignaal.dutch_numbers import dutch_number

PHASES = {
    "initiation": "Initiatie",
    "implementation": "Implementatie (maand 1-4)",
    "execution": "Uitvoering (maand 4-6)",
}


class ParameterError(ValueError):
    """A parameter that cannot be used; the message is Dutch and names the field by its key
    (as a configuration file writes it); `on_page()` names it by its label instead."""

    def __init__(self, message: str, name: str = ""):
        super().__init__(message)
        self.name = name

    def on_page(self) -> str:
        text = str(self)
        if self.name in LABELS and text.startswith(f"{self.name}: "):
            return f"{LABELS[self.name]}: {text[len(self.name) + 2 :]}"
        return text


@dataclass(frozen=True)
class Range:
    low: float
    high: float

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.high + other.high)

    def times(self, factor: float) -> Range:
        return Range(self.low * factor, self.high * factor)

    def rounded(self) -> dict:
        return {"laag": round(self.low), "hoog": round(self.high)}


@dataclass(frozen=True)
class Parameters:
    """The proposal's parameters; every ``*_hours`` and the households are (low, high) ranges."""

    hourly_rate: float = 95.0
    initiation_hours: tuple[float, float] = (40, 80)
    implementation_hours: tuple[float, float] = (120, 200)
    execution_hours: tuple[float, float] = (80, 160)
    structural_hours_per_year: tuple[float, float] = (400, 800)
    setup_per_municipality: float = 2200.0
    registration_per_year: float = 7000.0
    matching_per_year: float = 12000.0
    tariff_per_household: float = 625.0
    reached_households_per_year: tuple[float, float] = (300, 500)
    municipalities: int = 1
    return_factor: float = 2.20
    phase_rates: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> Parameters:
        """Parameters from a JSON object; unknown or invalid fields raise ParameterError."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ParameterError(f"Onbekende parameter(s): {', '.join(unknown)}.")
        values = {name: _value(name, data[name], known[name].default) for name in data}
        parameters = cls(**values)
        if parameters.municipalities < 1:
            raise ParameterError(
                "municipalities: het aantal gemeenten moet minstens 1 zijn.", "municipalities"
            )
        return parameters

    def rate(self, phase: str) -> float:
        """The hourly rate of ``phase`` (a phase may have its own rate in ``phase_rates``)."""
        return float(self.phase_rates.get(phase, self.hourly_rate))


def _value(name: str, value, default):
    if isinstance(default, tuple):
        if isinstance(value, int | float):
            value = [value, value]
        if not (isinstance(value, list) and len(value) == 2 and all(_number(v) for v in value)):
            raise ParameterError(f"{name}: geef een getal of [laag, hoog], niet {value!r}.", name)
        low, high = value
        if low > high:
            raise ParameterError(
                f"{name}: laag ({dutch(low)}) is groter dan hoog ({dutch(high)}).", name
            )
        return (float(low), float(high))
    if name == "phase_rates":
        allowed = {*PHASES, "structural"}
        if not isinstance(value, dict) or set(value) - allowed:
            raise ParameterError(f"phase_rates: alleen tarieven voor {', '.join(sorted(allowed))}.")
        if not all(_number(v) and v >= 0 for v in value.values()):
            raise ParameterError("phase_rates: elk uurtarief is een getal van 0 of meer.")
        return value
    if not _number(value) or value < 0:
        raise ParameterError(f"{name}: geef een getal van 0 of meer, niet {value!r}.", name)
    return int(value) if isinstance(default, int) else float(value)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


DEFAULTS = Parameters()

LABELS = {
    "hourly_rate": "Uurtarief projectleiding (€)",
    "initiation_hours": "Uren initiatie",
    "implementation_hours": "Uren implementatie (maand 1-4)",
    "execution_hours": "Uren uitvoering (maand 4-6)",
    "structural_hours_per_year": "Uren projectleiding structureel per jaar",
    "setup_per_municipality": "Eenmalige inrichting systemen per gemeente (€)",
    "registration_per_year": "Registratiesysteem per jaar (€)",
    "matching_per_year": "Matchingssysteem per jaar (€)",
    "tariff_per_household": "Tarief per bereikt huishouden (€)",
    "reached_households_per_year": "Verwacht aantal bereikte huishoudens per jaar",
    "municipalities": "Aantal deelnemende gemeenten",
    "return_factor": "Rendementsfactor (opbrengst per uitgegeven euro)",
}


def dutch(value) -> str:
    """A figure of the business case as Dutch readers write it, with only the decimals it has
    (at most two): 2760000 → '2.760.000', 625.0 → '625', 2.2 → '2,2'; None → '–'."""
    if isinstance(value, float):
        decimals = next((d for d in (0, 1) if abs(round(value, d) - value) < 1e-9), 2)
        return dutch_number(round(value, decimals), decimals)
    return dutch_number(value)


def from_form(typed: dict[str, str], base: dict) -> tuple[Parameters | None, dict[str, str]]:
    """The parameters typed on the page (field name → text) over ``base``, and the Dutch
    message per wrong field (named by its label). Each field is checked on its own, so every
    wrong field is named at once; with any error there are no parameters (nothing is computed
    from values the user did not mean)."""
    values, errors = dict(base), {}
    for name in LABELS:
        text = typed.get(name, "").strip()
        if not text:
            continue
        try:
            values[name] = read_numbers(name, text)
            Parameters.from_dict({name: values[name]})
        except ParameterError as exc:
            errors[name] = exc.on_page()
    return (None if errors else Parameters.from_dict(values)), errors


def form_fields(
    parameters: Parameters, typed: dict[str, str] | None = None, errors: dict | None = None
) -> list[tuple[str, str, str, str]]:
    """(name, Dutch label, value as text, error) per parameter; a range reads '1.200-1.800',
    one of a single value '1.200' (read back as that value). With ``errors`` a field shows
    what was ``typed`` in it, so that nothing the user typed is lost."""
    errors = errors or {}

    def text(name: str) -> str:
        if errors and typed and typed.get(name, "").strip():
            return typed[name]
        value = getattr(parameters, name)
        if isinstance(value, tuple):
            return "-".join(dutch(v) for v in dict.fromkeys(value))
        return dutch(value)

    return [(name, label, text(name), errors.get(name, "")) for name, label in LABELS.items()]


# A number as typed in the form: Dutch (12.000; 2,5; 1.200,50) or with a decimal point (2.5).
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?")


_RANGE = re.compile(rf"\s*({_NUMBER.pattern})\s*(?:-|–|tot)\s*({_NUMBER.pattern})\s*")

# Examples for the message of a field that cannot be read, where amounts and counts do not fit.
_EXAMPLES = {"return_factor": ("2,2", "1,8-2,5")}


def read_numbers(name: str, text: str):
    """A parameter as the page's field has it: '95' → 95.0; '40-80' or '40 tot 80' → [40.0,
    80.0]; '12.000' → 12000.0 (a point before three digits groups thousands, as the page
    writes them); '2,5' and '2.5' → 2.5. Anything else (a word, a minus sign) raises
    ParameterError naming the field."""
    matched = re.fullmatch(rf"\s*({_NUMBER.pattern})\s*", text) or _RANGE.fullmatch(text)
    if matched is None:
        number, span = _EXAMPLES.get(name, ("95 of 12.000", "40-80"))
        raise ParameterError(
            f"{name}: '{text}' is geen getal van 0 of meer (bv. {number}) en geen bereik "
            f"(bv. {span}).",
            name,
        )
    values = [_float(number) for number in matched.groups()]
    return values[0] if len(values) == 1 else values


def _float(number: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", number):
        number = number.replace(".", "")
    return float(number.replace(",", "."))


def _hours(parameters: Parameters, phase: str) -> Range:
    return Range(*getattr(parameters, f"{phase}_hours")).times(parameters.rate(phase))


def calculate(parameters: Parameters, share: float | None = None) -> dict:
    """One-off and yearly structural costs as ranges, per municipality and per household.

    With ``share`` (a municipality's fraction of its region, ``cost_share``) also that
    municipality's part ("aandeel"): its share of project leading, systems and expected
    households, plus its own set-up; the parts of a region's municipalities add up to it."""
    p = parameters
    phases = {PHASES[phase]: _hours(p, phase) for phase in PHASES}
    setup = Range(p.setup_per_municipality, p.setup_per_municipality).times(p.municipalities)
    one_off = sum(phases.values(), Range(0, 0)) + setup
    households = Range(*p.reached_households_per_year)
    fixed = Range(*p.structural_hours_per_year).times(p.rate("structural"))
    systems = p.registration_per_year + p.matching_per_year
    fixed = fixed + Range(systems, systems)
    help_costs = households.times(p.tariff_per_household)
    structural = fixed + help_costs
    result = {
        "eenmalig": {
            "projectleiding_per_fase": {name: r.rounded() for name, r in phases.items()},
            "inrichting_systemen": setup.rounded(),
            "totaal": one_off.rounded(),
            "per_gemeente": one_off.times(1 / p.municipalities).rounded(),
        },
        "structureel_per_jaar": {
            "vaste_kosten": fixed.rounded(),
            "hulp_bereikte_huishoudens": help_costs.rounded(),
            "totaal": structural.rounded(),
            "per_gemeente": structural.times(1 / p.municipalities).rounded(),
            # Most expensive per household when fewest are reached, so low/high cross over.
            "per_bereikt_huishouden": {
                "laag": round(fixed.low / households.high + p.tariff_per_household),
                "hoog": round(fixed.high / households.low + p.tariff_per_household),
            },
            "geschatte_opbrengst": structural.times(p.return_factor).rounded(),
        },
        "parameters": asdict(p),
    }
    if share is not None:
        own_setup = Range(p.setup_per_municipality, p.setup_per_municipality)
        result["aandeel"] = {
            "fractie": share,
            "eenmalig": (sum(phases.values(), Range(0, 0)).times(share) + own_setup).rounded(),
            "structureel_per_jaar": structural.times(share).rounded(),
            "bereikte_huishoudens_per_jaar": households.times(share).rounded(),
            "geschatte_opbrengst": structural.times(share * p.return_factor).rounded(),
        }
    return result


def actuals(
    parameters: Parameters, reached_households: int, months: int, share: float = 1.0
) -> dict:
    """Costs from real data: reached households × tariff plus the period's share of fixed costs.

    Fixed costs (structural project leading at the middle of its range, registration and
    matching) are taken for ``months``/12 of a year, and for a municipality of a region its
    ``share`` of them; the return uses ``return_factor``.
    """
    p = parameters
    part = months / 12 * share
    low, high = p.structural_hours_per_year
    fixed = (
        (low + high) / 2 * p.rate("structural") + p.registration_per_year + p.matching_per_year
    ) * part
    help_costs = reached_households * p.tariff_per_household
    total = fixed + help_costs
    return {
        "bereikte_huishoudens": reached_households,
        "maanden": months,
        "aandeel_vaste_kosten": share,
        "hulp_bereikte_huishoudens": round(help_costs),
        "vaste_kosten": round(fixed),
        "totaal": round(total),
        "per_bereikt_huishouden": round(total / reached_households) if reached_households else None,
        "rendementsfactor": p.return_factor,
        "geschatte_opbrengst": round(total * p.return_factor),
    }
