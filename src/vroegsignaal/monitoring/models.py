"""Figures that monitoring cannot derive from the chain itself, entered per year.

Evictions and bailiff judgments are counted by housing corporations, bailiffs or the project
leader; the quarterly report compares them with earlier years. Monitoring never writes the
operational tables; these are its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vroegsignaal.organisations.models import Municipality


class YearFigures(models.Model):
    """One municipality's externally counted indicators for one calendar year."""

    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", related_name="year_figures", on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField("jaar")
    evictions = models.PositiveIntegerField(
        "huisuitzettingen", null=True, blank=True, help_text="Uitgevoerde ontruimingen."
    )
    bailiff_judgments = models.PositiveIntegerField(
        "vonnissen deurwaarder", null=True, blank=True, help_text="Betekende vonnissen."
    )
    source = models.CharField(
        "bron", max_length=200, blank=True, help_text="Wie de cijfers aanleverde."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingevoerd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    updated_at = models.DateTimeField("laatst gewijzigd op", auto_now=True)

    class Meta:
        # One row is one entry of figures; 'jaarcijfers' alone reads as a plural in Django's
        # messages ('De jaarcijfers ... is gewijzigd').
        verbose_name = "opgave jaarcijfers"
        verbose_name_plural = "jaarcijfers"
        ordering = ["municipality", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="unique_year_figures_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} {self.year}"
