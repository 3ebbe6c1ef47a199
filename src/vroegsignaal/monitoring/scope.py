"""What a figure is about: a set of municipalities (one, or a region's) and a period.

Public API: ``Scope`` plus ``municipality_scope``, ``region_scope``, ``quarter_period``,
``month_text_period``, ``month_period``, ``whole_month_problems``, ``not_begun_problem``,
``peer_scope``, the report
titles ``quarter_title`` and ``month_title``, and ``ScopeError`` (a Dutch message for the user).
Views, commands and the report all build a ``Scope`` first, so every figure is computed for
exactly the same selection.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass

from vroegsignaal.casework.deadlines import add_months
from vroegsignaal.organisations.models import Municipality, Region


class ScopeError(ValueError):
    """A selection that cannot be made; the message is Dutch and names the value."""


@dataclass(frozen=True)
class Scope:
    """Municipalities (ordered by name) and an inclusive date range, with a Dutch label.

    ``exact``: the reader may open every melding counted (the meldpunt of the municipality), so
    small numbers are shown as they are; otherwise they are hidden (``monitoring.protection``).
    """

    label: str
    municipalities: tuple[Municipality, ...]
    start: dt.date
    end: dt.date
    exact: bool = False

    @property
    def municipality_ids(self) -> list[int]:
        return [m.pk for m in self.municipalities]

    @property
    def inhabitants(self) -> int:
        return sum(m.inhabitants for m in self.municipalities)

    @property
    def months(self) -> int:
        """Calendar months the period touches (at least 1): the divisor for 'per month'."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def is_region(self) -> bool:
        return len(self.municipalities) != 1


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ScopeError(f"De einddatum {end:%d-%m-%Y} ligt vóór de begindatum {start:%d-%m-%Y}.")


def municipality_scope(
    municipality: Municipality | str, start: dt.date, end: dt.date, *, exact: bool = False
) -> Scope:
    """The scope of ``municipality`` (a Municipality or its CBS code)."""
    _check_period(start, end)
    if isinstance(municipality, str):
        found = Municipality.objects.filter(code=municipality).first()
        if found is None:
            raise ScopeError(f"Gemeente met code '{municipality}' bestaat niet.")
        municipality = found
    return Scope(f"Gemeente {municipality.name}", (municipality,), start, end, exact)


def region_scope(
    region: Region | str, start: dt.date, end: dt.date, *, exact: bool = False
) -> Scope:
    """The scope of all municipalities of ``region`` (a Region or its name)."""
    _check_period(start, end)
    if isinstance(region, str):
        found = Region.objects.filter(name__iexact=region).first()
        if found is None:
            raise ScopeError(f"Regio '{region}' bestaat niet.")
        region = found
    municipalities = tuple(region.municipalities.order_by("name"))
    return Scope(f"Regio {region.name}", municipalities, start, end, exact)


def peer_scope(scope: Scope) -> Scope:
    """The municipalities whose figures a reader of ``scope`` can also see for the same period:
    the region of a single municipality (a project leader sees the region and each of its
    municipalities), else the scope itself. Small numbers are hidden over these together, so
    that the region's figure minus the shown municipalities never gives a hidden one back."""
    region_id = scope.municipalities[0].region_id if len(scope.municipalities) == 1 else None
    if region_id is None:
        return scope
    return region_scope(Region.objects.get(pk=region_id), scope.start, scope.end, exact=scope.exact)


def quarter_of(day: dt.date) -> int:
    """The quarter (1-4) ``day`` lies in."""
    return (day.month - 1) // 3 + 1


def quarter_name(day: dt.date) -> str:
    """'2026Q3' for a day in July-September 2026: how the forms write a quarter."""
    return f"{day.year}Q{quarter_of(day)}"


def quarter_title(start: dt.date) -> str:
    """'Kwartaalrapportage 3e kwartaal 2026' for a quarter starting on 1 July 2026."""
    return f"Kwartaalrapportage {quarter_of(start)}e kwartaal {start.year}"


MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip


def month_title(start: dt.date) -> str:
    """'Maandrapport oktober 2026' for a month starting on 1 October 2026."""
    return f"Maandrapport {MONTH_NAMES[start.month - 1]} {start.year}"


# A quarter as people write it: 2026Q3, 2026-K3, 2026 K3, K3 2026, Q3-2026 (any case).
_QUARTER = re.compile(
    r"(?P<year>\d{4})\s*[-/]?\s*[QK](?P<quarter>[1-4])"
    r"|[QK](?P<quarter_first>[1-4])\s*[-/]?\s*(?P<year_last>\d{4})",
    re.IGNORECASE,
)


def quarter_period(text: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """'2026Q3' (or 2026-K3, K3 2026, ...) → (1 July 2026, 30 September 2026); with ``today``,
    only a started quarter."""
    match = _QUARTER.fullmatch(text.strip())
    if match is None:
        raise ScopeError(f"Kwartaal '{text}' is ongeldig; schrijf bijvoorbeeld 2026Q3.")
    year = int(match["year"] or match["year_last"])
    quarter = int(match["quarter"] or match["quarter_first"])
    first_month = 3 * quarter - 2
    start, end = month_period(year, first_month)[0], month_period(year, first_month + 2)[1]
    if today is not None:
        _check_started("Kwartaal", quarter_name(start), start, today, quarter_name(today))
    return start, end


def month_text_period(text: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """'2026-10' → (1 October 2026, 31 October 2026); with ``today``, only a started month."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise ScopeError(f"Maand '{text}' is ongeldig; schrijf bijvoorbeeld 2026-10.")
    start, end = month_period(int(match[1]), int(match[2]))
    if today is not None:
        _check_started("Maand", f"{start:%Y-%m}", start, today, f"{today:%Y-%m}")
    return start, end


def _check_started(what: str, name: str, start: dt.date, today: dt.date, current: str) -> None:
    # A period that has not begun has no figures yet: its report would be all zeros.
    if start > today:
        raise ScopeError(_not_begun(what, name, current))


def _not_begun(what: str, name: str, current: str) -> str:
    return f"{what} {name} is nog niet begonnen; kies een {what.lower()} tot en met {current}."


def not_begun_problem(start: dt.date, today: dt.date) -> str | None:
    """Why figures from ``start`` are refused when its month has not begun on ``today`` (they
    would be all zeros), in the monthly report's words; None when it has."""
    if start.replace(day=1) <= today:
        return None
    return _not_begun("Maand", f"{start:%Y-%m}", f"{today:%Y-%m}")


def month_period(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a calendar month."""
    return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])


def whole_month_problems(start: dt.date, end: dt.date, today: dt.date) -> dict[str, str]:
    """What keeps ``start`` to ``end`` from being whole months: 'start' and/or 'end' → a Dutch
    message naming the whole months around it. The figures count meldingen per matching period
    (a calendar month), so a part of a month would set a few days' signals beside the whole
    month's meldingen. The running month may end today (the default period does)."""
    problems = {}
    if start.day != 1:
        following = add_months(start.replace(day=1), 1)
        problems["start"] = (
            f"Kies een begindatum op de eerste dag van een maand, bijvoorbeeld "
            f"{start.replace(day=1):%d-%m-%Y} of {following:%d-%m-%Y}: meldingen horen bij de "
            "matchingsperiode van een hele kalendermaand, dus een deel van een maand zou de "
            "signalen van een paar dagen naast de meldingen van de hele maand zetten."
        )
    last = month_period(end.year, end.month)[1]
    if end not in (last, today):
        previous = end.replace(day=1) - dt.timedelta(days=1)
        problems["end"] = (
            f"Kies een einddatum op de laatste dag van een maand, bijvoorbeeld "
            f"{previous:%d-%m-%Y} of {last:%d-%m-%Y}, of vandaag ({today:%d-%m-%Y}): meldingen "
            "horen bij de matchingsperiode van een hele kalendermaand."
        )
    return problems
