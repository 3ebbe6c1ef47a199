"""The other meldingen at a melding's address, as far as the viewer may open them.

The history at an address helps the caseworker: an earlier melding that ended without contact,
a newer one that came in meanwhile. But a caseworker in a team does not see another team's
meldingen (`privacy.policy`), and listing their kenmerk and result here would tell her what
happened to a household she has no task for. So the page lists only the meldingen she may
open, and of the others says how many there are and whether they came earlier or later,
nothing else: that there is history she can ask the meldpunt about. That much the melding
already tells her when it is opeenvolgend (docs/privacy.md, "Andere meldingen op dit adres").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from vroegsignaal.casework.access import meldingen_visible_to
from vroegsignaal.casework.models import Melding
from vroegsignaal.dutch_numbers import counted
from vroegsignaal.dutch_text import listed
from vroegsignaal.organisations.models import User

EARLIER, LATER, SAME_PERIOD = "eerder", "later", "zelfde periode"
# How a count of another team's meldingen reads when they all came at one time.
_ALL_AT_ONE_TIME = {
    EARLIER: ("eerdere melding", "eerdere meldingen"),
    LATER: ("latere melding", "latere meldingen"),
    SAME_PERIOD: ("melding van dezelfde periode", "meldingen van dezelfde periode"),
}


@dataclass(frozen=True)
class AddressHistory:
    """The meldingen at the address the viewer may open, each with when it came relative to
    this one, and how many others another team has, in words ('' when none)."""

    listed: list[tuple[Melding, str]]
    elsewhere: str


def address_history(melding: Melding, viewer: User) -> AddressHistory:
    """The other meldingen at `melding`'s address, in order of matching period, for `viewer`."""
    at_address = (
        Melding.objects.filter(
            municipality_id=melding.municipality_id, address_key=melding.address_key
        )
        .exclude(pk=melding.pk)
        .order_by("period_start", "pk")
    )
    may_open = meldingen_visible_to(viewer).values("pk")
    hidden = at_address.exclude(pk__in=may_open).values_list("period_start", flat=True)
    return AddressHistory(
        listed=[
            (other, _relative_period(other.period_start, melding))
            for other in at_address.filter(pk__in=may_open)
        ],
        elsewhere=_counted_elsewhere([_relative_period(start, melding) for start in hidden]),
    )


def _relative_period(period_start: date, melding: Melding) -> str:
    # The history helps the caseworker, and so does a newer melding at the same address.
    if period_start < melding.period_start:
        return EARLIER
    return LATER if period_start > melding.period_start else SAME_PERIOD


def _counted_elsewhere(relations: list[str]) -> str:
    """'Nog 2 eerdere meldingen op dit adres bij een ander team.', or with earlier and later
    ones 'Nog 3 meldingen op dit adres bij een ander team (2 eerder en 1 later).'"""
    if not relations:
        return ""
    per_relation = Counter(relations)
    if len(per_relation) == 1:
        singular, plural = _ALL_AT_ONE_TIME[relations[0]]
        return f"Nog {counted(len(relations), singular, plural)} op dit adres bij een ander team."
    parts = [f"{per_relation[r]} {r}" for r in (EARLIER, SAME_PERIOD, LATER) if per_relation[r]]
    return (
        f"Nog {counted(len(relations), 'melding', 'meldingen')} op dit adres bij een ander team "
        f"({listed(parts)})."
    )
