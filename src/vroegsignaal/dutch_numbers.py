"""Numbers and amounts written the way Dutch readers write them: 30.744; 2,5; € 1.234,56.

One place for the notation, so pages, reports, letters-like texts and Dutch messages agree.
No Django: the matching engine uses it too.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def dutch_number(value, decimals: int | None = None) -> str:
    """A number as Dutch readers write it: 30744 → '30.744', 2.5 → '2,5'; None → '–'.

    Whole numbers get no decimals unless ``decimals`` asks for them; other numbers get
    ``decimals`` (default one), so 4.0 → '4,00' with two. Texts are returned as they are.
    """
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if decimals is None:
        decimals = 0 if isinstance(value, int) else 1
    if isinstance(value, float) and math.isfinite(value):
        value = _half_up(value, decimals)
    text = f"{value + 0:,.{decimals}f}"  # + 0 turns -0.0 into 0.0
    return text.translate(_SWAP_SEPARATORS)


def round_half_up(value: float, decimals: int) -> float:
    """``value`` rounded as a spreadsheet and a reader do: 31.25 → 31.3 (Python's round goes
    to even, 31.2, so a table recalculated in Excel would differ)."""
    return float(_half_up(value, decimals))


def _half_up(value: float, decimals: int) -> Decimal:
    # str(): the shortest text of the float, as it was written (2.675, not 2.67499999...).
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def dutch_amount(cents: int) -> str:
    """An amount in cents without the euro sign: 123456 → '1.234,56', -7500 → '-75,00'.

    Integer arithmetic, so no amount is ever rounded."""
    whole, rest = divmod(abs(int(cents)), 100)
    return f"{'-' if cents < 0 else ''}{dutch_number(whole)},{rest:02d}"


def euros(cents: int) -> str:
    """An amount in cents with the euro sign: 123456 → '€ 1.234,56', -7500 → '€ -75,00'."""
    return f"€ {dutch_amount(cents)}"


def counted(count: int, singular: str, plural: str) -> str:
    """A count with its noun: '1 signaal', '2 signalen', '1.234 signalen', '0 signalen'."""
    return f"{dutch_number(count)} {singular if count == 1 else plural}"


def dutch_percentage(part: int, whole: int) -> str:
    """``part`` as a percentage of ``whole`` (not 0) in whole per cents, '58%', as readers of a
    message want it; but a part that is not all or nothing is never said to be: 4490 of 4499 is
    '99,8%', not '100%', and 99.999 of 100.000 '99,9%'."""
    share = 100 * part / whole
    whole_percent = round_half_up(share, 0)
    if 0 < part < whole and whole_percent in (0, 100):
        return f"{dutch_number(min(max(round_half_up(share, 1), 0.1), 99.9), 1)}%"
    return f"{dutch_number(int(whole_percent))}%"
