"""Matching policy (versioned), matching runs, and the municipality's reference lists."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from vroegsignaal.dutch_numbers import counted
from vroegsignaal.organisations.models import Municipality, Region
from vroegsignaal.privacy.bsn import HASH_DIGITS


class PolicyVersion(models.Model):
    """One saved version of a municipality's (or region's) matching policy; never edited in place."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        null=True,
        blank=True,
        related_name="policy_versions",
        on_delete=models.CASCADE,
    )
    region = models.ForeignKey(
        Region,
        verbose_name="regio",
        null=True,
        blank=True,
        related_name="policy_versions",
        on_delete=models.CASCADE,
    )
    number = models.PositiveIntegerField("versie")
    document = models.JSONField("beleid")
    created_at = models.DateTimeField("opgeslagen op", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="opgeslagen door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = "beleidsversie"
        verbose_name_plural = "beleidsversies"
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True) ^ models.Q(region__isnull=True),
                name="policy_for_municipality_xor_region",
            )
        ]

    def __str__(self) -> str:
        return f"Beleid {self.municipality or self.region} v{self.number}"

    @property
    def short_name(self) -> str:
        """'Hengelo v2', 'Twente v1': whose policy and which version, as a run names it (a
        bare 'versie 2' read as the next version of the policy before it)."""
        owner = self.municipality or self.region
        return f"{owner.name} v{self.number}"


def combined_name(versions) -> str:
    """'Twente v3 + Enschede v2': the versions a policy in force was built from, the region's
    first (its document lies under the municipality's own settings); absent ones left out."""
    return " + ".join(version.short_name for version in versions if version is not None)


class MatchingRun(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        related_name="matching_runs",
        on_delete=models.CASCADE,
    )
    period_start = models.DateField("matchingsperiode")
    # The policy in force is the region's version with the municipality's own on top
    # (policies.effective_policy): a run records both, so that a change of either shows.
    regional_policy_version = models.ForeignKey(
        PolicyVersion,
        verbose_name="beleidsversie regio",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regional_runs",
        help_text="Leeg: de regio had geen beleid; wat de gemeente niet zelf instelde, waren "
        "de standaardwaarden.",
    )
    policy_version = models.ForeignKey(
        PolicyVersion,
        verbose_name="beleidsversie gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Het eigen beleid van de gemeente, bovenop dat van de regio. Leeg: de "
        "gemeente had geen eigen beleid.",
    )
    # Stamped when the run object is made, before the work: not at its save, which is at the end.
    started_at = models.DateTimeField("gestart op", default=timezone.now)
    finished_at = models.DateTimeField("klaar op", null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gestart door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    command_line_user = models.CharField(
        "gestart op de opdrachtregel door",
        max_length=150,
        blank=True,
        help_text="De gebruiker op de server die vroegsignaal match draaide; leeg bij een run "
        "via de website of een geplande taak.",
    )
    summary = models.JSONField("uitkomst", default=dict)
    # Why a run failed, for the matching page; nothing of a failed run is stored.
    failure = models.TextField("fout", blank=True)

    class Meta:
        verbose_name = "matchingsrun"
        verbose_name_plural = "matchingsruns"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Matching {self.municipality} {self.period_start:%Y-%m}"

    @property
    def policy_label(self) -> str:
        """'Twente v3 + Enschede v2', or '' when the run used the defaults (or failed)."""
        return combined_name([self.regional_policy_version, self.policy_version])

    @property
    def started_by_label(self) -> str:
        """Who started the run, as the matching page says it: a person on the website, an
        account on the server's command line, or else the scheduled task."""
        if self.started_by is not None:
            return self.started_by.display_name
        if self.command_line_user:
            return f"opdrachtregel (gebruiker {self.command_line_user})"
        return "automatisch (planning)"


class KnownClient(models.Model):
    """A resident already known to the municipality's debt help (klantenlijst schuldhulpverlening)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        related_name="known_clients",
        on_delete=models.CASCADE,
    )
    bsn = models.CharField(
        "BSN (sleutel-hash)",
        max_length=HASH_DIGITS,
        blank=True,
        help_text="privacy.bsn.bsn_hash van het BSN: vergelijkbaar, maar het BSN zelf staat er niet.",
    )
    surname = models.CharField("achternaam", max_length=120, blank=True)
    birth_date = models.DateField("geboortedatum", null=True, blank=True)
    postcode = models.CharField(max_length=6, blank=True)
    house_number = models.PositiveIntegerField("huisnummer", null=True, blank=True)
    house_letter = models.CharField("huisletter", max_length=1, blank=True)
    house_number_addition = models.CharField("huisnummertoevoeging", max_length=10, blank=True)

    class Meta:
        verbose_name = "bekende klant schuldhulp"
        verbose_name_plural = "bekende klanten schuldhulp"

    def __str__(self) -> str:
        return f"Klant {self.pk} ({self.municipality.code})"


class ResidentRecord(models.Model):
    """One resident from a population-register (BRP) extract loaded by the municipality."""

    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", related_name="residents", on_delete=models.CASCADE
    )
    bsn = models.CharField(
        "BSN (sleutel-hash)",
        max_length=HASH_DIGITS,
        blank=True,
        help_text="privacy.bsn.bsn_hash van het BSN: vergelijkbaar, maar het BSN zelf staat er niet.",
    )
    initials = models.CharField("voorletters", max_length=30, blank=True)
    surname_prefix = models.CharField("voorvoegsel", max_length=20, blank=True)
    surname = models.CharField("achternaam", max_length=120)
    birth_date = models.DateField("geboortedatum", null=True, blank=True)
    postcode = models.CharField(max_length=6)
    house_number = models.PositiveIntegerField("huisnummer")
    house_letter = models.CharField("huisletter", max_length=1, blank=True)
    house_number_addition = models.CharField("huisnummertoevoeging", max_length=10, blank=True)
    death_date = models.DateField("overlijdensdatum", null=True, blank=True)
    loaded_at = models.DateTimeField("ingelezen op", auto_now_add=True)

    class Meta:
        verbose_name = "BRP-inwoner"
        verbose_name_plural = "BRP-uittreksel"
        indexes = [models.Index(fields=["municipality", "postcode", "house_number"])]

    def __str__(self) -> str:
        return f"Inwoner {self.pk} ({self.municipality.code})"


class ReferenceListKind(models.TextChoices):
    CLIENTS = "clients", "Klantenlijst schuldhulpverlening"
    BRP = "brp", "BRP-uittreksel"


class ReferenceListImport(models.Model):
    """Who read in which reference list of a municipality, when, and how many rows it had.

    A list is replaced as a whole by each import, so these records are its history: the page
    shows how old the list is that matching checks against.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        related_name="reference_list_imports",
        on_delete=models.CASCADE,
    )
    kind = models.CharField("soort lijst", max_length=10, choices=ReferenceListKind.choices)
    rows = models.PositiveIntegerField("aantal rijen")
    imported_at = models.DateTimeField("ingelezen op", auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingelezen door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Leeg: op de server ingelezen (vroegsignaal import-clients / import-brp).",
    )
    filename = models.CharField("bestandsnaam", max_length=200, blank=True)

    class Meta:
        verbose_name = "ingelezen referentielijst"
        verbose_name_plural = "ingelezen referentielijsten"
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.municipality.name} ({self.rows_counted})"

    @property
    def rows_counted(self) -> str:
        """'1 rij', '4.499 rijen': as a sentence says it."""
        return counted(self.rows, "rij", "rijen")
