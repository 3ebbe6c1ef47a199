"""Meldingen (vroegsignaalzaken) and the work queues (werkbakjes) they are routed to."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vroegsignaal.ddas import Contactsoort, Eindresultaat
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Municipality, Team


class Queue(models.Model):
    """A werkbakje of a municipality; created by the routing rules of its policy."""

    municipality = models.ForeignKey(Municipality, related_name="queues", on_delete=models.CASCADE)
    name = models.CharField("naam", max_length=100)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    first_contact_channel = models.CharField(
        "eerste contactsoort",
        max_length=30,
        choices=Contactsoort.choices,
        default=Contactsoort.BRIEF,
    )
    term_days = models.PositiveSmallIntegerField("termijn (dagen)", default=14)

    class Meta:
        verbose_name = "werkbakje"
        verbose_name_plural = "werkbakjes"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_queue_name")
        ]

    def __str__(self) -> str:
        return self.name


class Melding(models.Model):
    """The signals at one address in one matching period of one municipality (vroegsignaalzaak).

    `key` (municipality + period + address key) makes a matching run idempotent: running it again
    updates the same melding and keeps the work already done on it.
    """

    key = models.CharField(max_length=80, unique=True)
    municipality = models.ForeignKey(
        Municipality, related_name="meldingen", on_delete=models.PROTECT
    )
    period_start = models.DateField("start matchingsperiode")
    period_end = models.DateField("einde matchingsperiode")
    matched_on = models.DateField("matchingsdatum")
    address_key = models.CharField("adressleutel", max_length=32, db_index=True)
    postcode = models.CharField(max_length=6)
    house_number = models.PositiveIntegerField("huisnummer")
    house_suffix = models.CharField("huisletter/toevoeging", max_length=12, blank=True)
    street = models.CharField("straat", max_length=120, blank=True)
    city = models.CharField("woonplaats", max_length=80, blank=True)

    is_single = models.BooleanField("enkelvoudig", default=False)
    is_multiple = models.BooleanField("meervoudig", default=False)
    is_consecutive = models.BooleanField("opeenvolgend", default=False)
    is_crisis = models.BooleanField("crisis", default=False)
    is_warm_handover = models.BooleanField("warme overdracht", default=False)
    partner_types = models.JSONField("soorten signaalpartner", default=list)
    partner_type_count = models.PositiveSmallIntegerField("aantal soorten partners", default=0)
    total_amount_cents = models.PositiveBigIntegerField("totaal achterstand (cent)", default=0)
    go = models.BooleanField(
        "oppakken", default=False, help_text="Volgens het beleid op te pakken (go) of niet (no-go)."
    )
    priority_score = models.IntegerField("prioriteit", default=0, db_index=True)
    priority_reasons = models.JSONField("redenen prioriteit", default=list)
    queue = models.ForeignKey(Queue, null=True, blank=True, on_delete=models.SET_NULL)
    term_kind = models.CharField("soort termijn", max_length=40, blank=True)
    due_on = models.DateField("uiterlijk oppakken op", null=True, blank=True, db_index=True)

    state = models.CharField("fase", max_length=30, default="new", db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_meldingen",
    )
    picked_up_on = models.DateField("datum opgepakt", null=True, blank=True)
    result = models.CharField(
        "eindresultaat", max_length=80, choices=Eindresultaat.choices, blank=True
    )
    closed_on = models.DateField("afgesloten op", null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1,
        help_text="Verhoogd bij elke wijziging: twee gelijktijdige bewerkingen overschrijven elkaar niet.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        indexes = [
            models.Index(fields=["municipality", "period_start"]),
            models.Index(fields=["municipality", "state", "-priority_score"]),
        ]

    def __str__(self) -> str:
        return f"Melding {self.pk} ({self.postcode} {self.house_number}{self.house_suffix})"


class MeldingSignal(models.Model):
    """Which melding a signal belongs to (at most one), and the person it was linked to."""

    signal = models.OneToOneField(Signal, related_name="melding_link", on_delete=models.CASCADE)
    melding = models.ForeignKey(Melding, related_name="signal_links", on_delete=models.CASCADE)
    person_key = models.CharField("persoon", max_length=40, blank=True)
    attached_as_repeat = models.BooleanField(
        "herhaalde melding",
        default=False,
        help_text="Aan een eerdere melding gekoppeld omdat dezelfde partner dezelfde klant opnieuw meldde.",
    )

    class Meta:
        verbose_name = "signaal bij melding"
        verbose_name_plural = "signalen bij melding"

    def __str__(self) -> str:
        return f"{self.signal_id} → {self.melding_id}"
