"""Evictions and bailiff judgments per municipality per year: the figures monitoring cannot
derive from the chain (domain step 10), entered by the project leader or the beheerder.

Public API: ``check_year`` (the years that may be entered, with a Dutch message),
``implausible_figures`` (figures that cannot be right for the municipality, with Dutch messages),
``save_year_figures`` (one municipality's figures of one year, replacing what was there) and
``entered_figures`` (what has been entered for a set of municipalities, newest year first).
The page (``views.year_figures``) and the admin (``admin.YearFiguresAdmin``) both use them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from vroegsignaal.dutch_numbers import dutch_number
from vroegsignaal.monitoring.models import YearFigures
from vroegsignaal.organisations.models import Municipality

FIRST_YEAR = 2000  # well before the Wgs (2021): room for the years a comparison needs


def check_year(year: int, today: dt.date) -> int:
    """``year`` when figures may be entered for it: from ``FIRST_YEAR`` up to this year."""
    if year > today.year:
        raise ValidationError(
            f"{year} ligt in de toekomst; vul een jaar tot en met {today.year} in."
        )
    if year < FIRST_YEAR:
        raise ValidationError(f"Vul een jaar vanaf {FIRST_YEAR} in.")
    return year


# At most one eviction or bailiff judgment per year for every ten inhabitants: real figures are
# far below (evictions some per 10.000 inhabitants), a typing error (12.000.000 for a
# municipality of 21.700) far above. Without inhabitants known, a cap above any municipality.
INHABITANTS_PER_FIGURE = 10
CAP_WITHOUT_INHABITANTS = 100_000
# The Dutch name of each figure, in messages and as the field of the page's form.
FIGURE_NAMES = {"evictions": "huisuitzettingen", "bailiff_judgments": "vonnissen"}


def implausible_figures(municipality: Municipality, **figures: int | None) -> dict[str, str]:
    """Field (``evictions``, ``bailiff_judgments``) → a Dutch message for each figure that
    cannot be right for ``municipality``: more than one per ``INHABITANTS_PER_FIGURE``
    inhabitants in a year."""
    inhabitants = municipality.inhabitants
    limit = inhabitants // INHABITANTS_PER_FIGURE if inhabitants else CAP_WITHOUT_INHABITANTS
    whose = (
        f"{municipality.name} ({dutch_number(inhabitants)} inwoners)"
        if inhabitants
        else municipality.name
    )
    why = ", een op de tien inwoners" if inhabitants else ""
    return {
        field: (
            f"{dutch_number(value)} {FIGURE_NAMES[field]} in één jaar kan niet kloppen voor {whose}: "
            f"hoogstens {dutch_number(limit)}{why}. Controleer het getal."
        )
        for field, value in figures.items()
        if value is not None and value > limit
    }


def save_year_figures(
    *,
    municipality: Municipality,
    year: int,
    evictions: int | None,
    bailiff_judgments: int | None,
    source: str,
    user,
) -> YearFigures:
    """Store the figures of ``municipality`` over ``year``, replacing earlier ones; None = not
    known (the reports show '–')."""
    figures, _ = YearFigures.objects.update_or_create(
        municipality=municipality,
        year=year,
        defaults={
            "evictions": evictions,
            "bailiff_judgments": bailiff_judgments,
            "source": source,
            "entered_by": user,
        },
    )
    return figures


def entered_figures(municipalities) -> QuerySet[YearFigures]:
    """The figures entered for ``municipalities``, newest year first, then by municipality."""
    return (
        YearFigures.objects.filter(municipality__in=municipalities)
        .select_related("municipality")
        .order_by("-year", "municipality__name")
    )
