"""Numbers and amounts written the way Dutch readers write them: 30.744; 2,5; € 1.234,56.

One place for the notation, so pages, reports, letters-like texts and Dutch messages agree.
No Django: the matching engine uses it too.
"""

from __future__ import annotations

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
    text = f"{value + 0:,.{decimals}f}"  # + 0 turns -0.0 into 0.0
    return text.translate(_SWAP_SEPARATORS)


def dutch_amount(cents: int) -> str:
    """An amount in cents without the euro sign: 123456 → '1.234,56', -7500 → '-75,00'.

    Integer arithmetic, so no amount is ever rounded."""
    whole, rest = divmod(abs(int(cents)), 100)
    return f"{'-' if cents < 0 else ''}{dutch_number(whole)},{rest:02d}"


def euros(cents: int) -> str:
    """An amount in cents with the euro sign: 123456 → '€ 1.234,56', -7500 → '€ -75,00'."""
    return f"€ {dutch_amount(cents)}"
