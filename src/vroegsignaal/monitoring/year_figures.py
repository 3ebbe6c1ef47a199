"""Evictions and bailiff judgments per municipality per year: the figures monitoring cannot
derive from the chain (domain step 10), entered by the project leader or the beheerder.

Public API: ``check_year`` (the years that may be entered, with a Dutch message),
``save_year_figures`` (one municipality's figures of one year, replacing what was there) and
``entered_figures`` (what has been entered for a set of municipalities, newest year first).
The page (``views.year_figures``) and the admin (``admin.YearFiguresAdmin``) both use them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

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
