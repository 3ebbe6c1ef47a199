"""A municipality's share in its region's business case.

The proposal's parameters (project leading, systems, expected households) are the region's.
On the page of one municipality of a region, that municipality carries its share: by
inhabitants when every municipality of the region has them, otherwise an equal share. The
municipality pages of a region then add up to the region.

Public API: ``Share`` and ``regional_share(scope)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from vroegsignaal.dutch_numbers import dutch_number
from vroegsignaal.monitoring.scope import Scope


@dataclass(frozen=True)
class Share:
    """``municipality``'s part (``fraction``, 0-1) of the costs of ``region`` with
    ``municipalities`` members; ``by_inhabitants`` False: an equal share."""

    municipality: str
    region: str
    municipalities: int
    fraction: float
    by_inhabitants: bool

    @property
    def percentage(self) -> str:
        """'33,3 %'."""
        return f"{dutch_number(round(self.fraction * 100, 1), 1)} %"

    @property
    def text(self) -> str:
        """How the page states it: 'aandeel van Hengelo in de regionale kosten: 33,3 % naar
        inwoners'."""
        basis = (
            "naar inwoners"
            if self.by_inhabitants
            else f"(een gelijk deel van {self.municipalities} gemeenten: niet van elke gemeente "
            "is het aantal inwoners bekend)"
        )
        return f"aandeel van {self.municipality} in de regionale kosten: {self.percentage} {basis}"


def regional_share(scope: Scope) -> Share | None:
    """The share of the scope's one municipality in its region; None for a region, or for a
    municipality without a region (or alone in it): then the scope carries all costs."""
    if scope.is_region:
        return None
    municipality = scope.municipalities[0]
    region = municipality.region
    if region is None:
        return None
    inhabitants = list(region.municipalities.values_list("inhabitants", flat=True))
    if len(inhabitants) < 2:
        return None
    by_inhabitants = all(inhabitants)
    fraction = (
        municipality.inhabitants / sum(inhabitants) if by_inhabitants else 1 / len(inhabitants)
    )
    return Share(municipality.name, region.name, len(inhabitants), fraction, by_inhabitants)


def sharing(scope: Scope | None) -> tuple[dict, Share | None]:
    """The default parameters of ``scope``'s business case and its share: the proposal's costs
    are shared by the municipalities of the figures, or for one municipality of a region by
    the region's municipalities (of which it carries its share)."""
    if scope is None:
        return {}, None
    share = regional_share(scope)
    count = share.municipalities if share else len(scope.municipalities)
    return {"municipalities": count}, share
