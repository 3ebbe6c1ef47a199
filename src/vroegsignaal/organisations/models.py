"""Regions, municipalities with their postcode areas, creditors, agreements, teams and users."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.dispatch import Signal

from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.organisations.agreement_rules import check_overlap, check_period
from vroegsignaal.organisations.user_rules import check_organisation

cbs_code_validator = RegexValidator(r"^\d{4}$", "Een gemeentecode bestaat uit vier cijfers.")
postcode_area_validator = RegexValidator(
    r"^[1-9]\d{3}([A-Z]{2})?$", "Een postcodegebied is PC4 (7511) of PC6 (7511AB)."
)


class Region(models.Model):
    name = models.CharField("naam", max_length=100, unique=True)

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(
        "gemeentecode",
        max_length=4,
        unique=True,
        validators=[cbs_code_validator],
        help_text="CBS-gemeentecode met voorloopnullen, zoals in DDAS (bv. 0153).",
    )
    name = models.CharField("naam", max_length=100)
    inhabitants = models.PositiveIntegerField("aantal inwoners", default=0)
    region = models.ForeignKey(
        Region,
        verbose_name="regio",
        related_name="municipalities",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # Where a resident goes with a question about her data (AVG art. 38 lid 4): printed in the
    # inzage document, so she need not look it up (QA9 B10). Often one officer for a region.
    privacy_officer_email = models.EmailField("e-mailadres FG", blank=True)
    privacy_officer_phone = models.CharField("telefoonnummer FG", max_length=30, blank=True)
    privacy_officer_address = models.CharField(
        "postadres FG",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: Postbus 20, 7500 AA Enschede. De inwoner leest de "
        "contactgegevens van de functionaris gegevensbescherming in het inzageverzoek.",
    )

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def has_privacy_officer_contact(self) -> bool:
        """Whether a resident can find the privacy officer: an e-mail, phone or postal address."""
        return bool(
            self.privacy_officer_email or self.privacy_officer_phone or self.privacy_officer_address
        )


class PostcodeArea(models.Model):
    """A PC4 or PC6 area that belongs to a municipality; PC6 entries take precedence over PC4."""

    postcode = models.CharField(max_length=6, unique=True, validators=[postcode_area_validator])
    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        related_name="postcode_areas",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = "postcodegebied"
        verbose_name_plural = "postcodegebieden"
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode


class Creditor(models.Model):
    """A vastelastenpartner (signaalpartner) that delivers signals."""

    code = models.SlugField("code", max_length=50, unique=True)
    name = models.CharField("naam", max_length=150)
    partner_type = models.CharField(
        "soort signaalpartner",
        max_length=30,
        choices=Signaalpartner.choices,
        help_text="DDAS EnumSignaalpartner.",
    )
    column_mapping = models.JSONField(
        "kolomvertaling",
        default=dict,
        blank=True,
        help_text='Eigen kolomnaam van de partner → kolom van het aanleverformaat, bv. {"Debiteur": "klantnummer"}.',
    )

    class Meta:
        verbose_name = "vastelastenpartner"
        verbose_name_plural = "vastelastenpartners"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgreementQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> AgreementQuerySet:
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )


class Agreement(models.Model):
    """Convenant between a creditor and a municipality: the legal basis for accepting signals."""

    creditor = models.ForeignKey(
        Creditor,
        verbose_name="vastelastenpartner",
        related_name="agreements",
        on_delete=models.CASCADE,
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", related_name="agreements", on_delete=models.CASCADE
    )
    valid_from = models.DateField("geldig vanaf", default=dt.date(2021, 1, 1))
    valid_to = models.DateField("geldig tot en met", null=True, blank=True)
    share_known_client_status = models.BooleanField(
        "bekend-bij-schuldhulp terugkoppelen",
        default=False,
        help_text="Mag de partner horen dat de inwoner al bekend is bij schuldhulpverlening?",
    )

    objects = AgreementQuerySet.as_manager()

    # The beheeromgeving's rows of a partner are compared as submitted (AgreementFormSet): a
    # stored period may be ended in the same save that adds the next one.
    compare_with_stored = True

    class Meta:
        verbose_name = "convenant"
        verbose_name_plural = "convenanten"
        constraints = [
            models.UniqueConstraint(
                fields=["creditor", "municipality", "valid_from"], name="unique_agreement_start"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="agreement_ends_after_it_starts",
                violation_error_message="Geldig tot en met ligt vóór geldig vanaf.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.creditor} × {self.municipality}"

    def clean(self):
        super().clean()
        check_period(self)  # agreement_rules
        if self.compare_with_stored and self.creditor_id:
            check_overlap(self, self.others_with_the_same_partner())

    def others_with_the_same_partner(self) -> AgreementQuerySet:
        return Agreement.objects.filter(creditor_id=self.creditor_id).exclude(pk=self.pk)


class Team(models.Model):
    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", related_name="teams", on_delete=models.CASCADE
    )
    name = models.CharField("naam", max_length=100)

    class Meta:
        verbose_name = "team"
        verbose_name_plural = "teams"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_team_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.name})"


class Role(models.TextChoices):
    CREDITOR_STAFF = "creditor_staff", "Medewerker vastelastenpartner"
    INTAKE = "intake", "Meldpunt / intake"
    CASEWORKER = "caseworker", "Uitvoerder / hulpverlener"
    PROJECT_LEADER = "project_leader", "Projectleider"
    ADMINISTRATOR = "administrator", "Functioneel beheerder"
    PRIVACY_OFFICER = "privacy_officer", "Functionaris gegevensbescherming"


# Sent after an existing account is saved with a new password, however it was set (the mailed
# link, the password change page, the beheerder, the `changepassword` command, ...), with
# ``user``: web.lockouts lifts its lock-out then. A new account's first password is none.
new_password_saved = Signal()


class User(AbstractUser):
    """A person who logs in; belongs to exactly the organisation its role needs."""

    role = models.CharField("rol", max_length=20, choices=Role.choices, blank=True)
    creditor = models.ForeignKey(
        Creditor, verbose_name="vastelastenpartner", null=True, blank=True, on_delete=models.PROTECT
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", null=True, blank=True, on_delete=models.PROTECT
    )
    team = models.ForeignKey(
        Team, verbose_name="team", null=True, blank=True, on_delete=models.SET_NULL
    )
    region = models.ForeignKey(
        Region, verbose_name="regio", null=True, blank=True, on_delete=models.PROTECT
    )
    # When the last "Wachtwoord vergeten" mail went out: at most one per interval
    # (web.passwords); kept here so that every server process sees it.
    password_reset_mailed_at = models.DateTimeField(
        "herstelmail verstuurd op", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    @property
    def display_name(self) -> str:
        """How the person is shown on screens, in letters' logs and timelines: the full name,
        else the username."""
        return self.get_full_name() or self.username

    @property
    def organisation(self) -> Creditor | Municipality | Region | None:
        return self.creditor or self.municipality or self.region

    @property
    def organisation_name(self) -> str:
        """The organisation as the pages name it: the creditor's name, 'gemeente Enschede',
        'Regio Twente' (a region's bare name read as a municipality); '' without one."""
        if self.creditor:
            return self.creditor.name
        if self.municipality:
            return f"gemeente {self.municipality.name}"
        return f"Regio {self.region.name}" if self.region else ""

    def clean(self):
        super().clean()
        check_organisation(self)  # the organisation must fit the role (user_rules)

    def save(self, *args, **kwargs):
        # Django's own mark of a new password: ``set_password`` sets it, the save clears it, and
        # the rehash of a password at log-in leaves it unset (no new password). Every way of
        # setting a password passes here, so the rules for a new one live in one place.
        new_password = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if new_password:
            new_password_saved.send(sender=type(self), user=self)


class ApiKey(models.Model):
    """A creditor system's key. Only a SHA-256 hash is stored; the key is shown once."""

    creditor = models.ForeignKey(
        Creditor,
        verbose_name="vastelastenpartner",
        related_name="api_keys",
        on_delete=models.CASCADE,
    )
    name = models.CharField("omschrijving", max_length=100)
    prefix = models.CharField("begin van de sleutel", max_length=8, unique=True)
    hashed_key = models.CharField("SHA-256 van de sleutel", max_length=64)
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    revoked_at = models.DateTimeField("ingetrokken op", null=True, blank=True)

    class Meta:
        verbose_name = "API-sleutel"
        verbose_name_plural = "API-sleutels"

    def __str__(self) -> str:
        return f"{self.creditor.code}: {self.name} ({self.prefix}…)"
