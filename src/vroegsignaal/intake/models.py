"""Deliveries (aanleveringen) and the signals (vroegsignalen) they carry."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vroegsignaal.ddas import Geslacht, Signaalstatus
from vroegsignaal.organisations.models import Creditor, Municipality
from vroegsignaal.privacy.bsn import BsnHashField, EncryptedBsnField
from vroegsignaal.search_keys import SearchKeyField, prefix_search_index


class DeliveryStatus(models.TextChoices):
    ACCEPTED = "accepted", "Geaccepteerd"
    PARTIALLY_ACCEPTED = "partially_accepted", "Gedeeltelijk geaccepteerd"
    REJECTED = "rejected", "Geweigerd"
    DUPLICATE = "duplicate", "Al eerder aangeleverd"


class Channel(models.TextChoices):
    UPLOAD = "upload", "Uploadpagina"
    API = "api", "API"
    CLI = "cli", "Opdrachtregel"


JSON_LIST_FILENAME = "signalen.json"
"""The name a JSON list of signals (the API without a file) is stored under."""


def delivery_upload_path(instance: Delivery, filename: str) -> str:
    return f"deliveries/{instance.creditor.code}/{instance.checksum[:16]}-{filename}"


class Delivery(models.Model):
    """One file or API call from a creditor, with its report. Stored only when it was readable."""

    creditor = models.ForeignKey(
        Creditor,
        verbose_name="vastelastenpartner",
        related_name="deliveries",
        on_delete=models.PROTECT,
    )
    channel = models.CharField("kanaal", max_length=10, choices=Channel.choices)
    filename = models.CharField("bestandsnaam", max_length=255, blank=True)
    checksum = models.CharField(
        "controlegetal",
        max_length=64,
        help_text="SHA-256 van de inhoud: herkent dubbele aanlevering.",
    )
    original_file = models.FileField(
        "origineel bestand", upload_to=delivery_upload_path, blank=True, max_length=300
    )
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices)
    row_count = models.PositiveIntegerField("rijen", default=0)
    accepted_count = models.PositiveIntegerField("geaccepteerd", default=0)
    rejected_count = models.PositiveIntegerField("geweigerd", default=0)
    replaced_count = models.PositiveIntegerField(
        "vervangen", default=0, help_text="Rijen die een eerder aangeleverd signaal verbeterden."
    )
    repeated_count = models.PositiveIntegerField(
        "herhaald",
        default=0,
        help_text=(
            "Geweigerde rijen met het klantnummer en de signaaldatum van een eerdere rij in "
            "hetzelfde bestand. Ze staan niet in de download van geweigerde rijen: opnieuw "
            "aangeleverd zouden ze het signaal van de eerdere rij vervangen."
        ),
    )
    header = models.JSONField(
        "kopregel",
        default=list,
        blank=True,
        help_text="De kolomnamen zoals de partner ze aanleverde, in de volgorde van het bestand.",
    )
    rejected_rows = models.JSONField(
        "geweigerde rijen",
        default=list,
        help_text="De oorspronkelijke waarden van elke geweigerde rij, om te verbeteren en opnieuw aan te leveren.",
    )
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangeleverd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField("aangeleverd op", auto_now_add=True, db_index=True)
    file_removed_at = models.DateTimeField("bestand verwijderd op", null=True, blank=True)

    class Meta:
        verbose_name = "aanlevering"
        verbose_name_plural = "aanleveringen"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["creditor", "checksum"], name="unique_delivery_content")
        ]

    def __str__(self) -> str:
        return f"Aanlevering {self.pk} van {self.creditor}"

    @property
    def is_json_list(self) -> bool:
        """Sent as a JSON list of signals: its rows are numbered from 1 for the first signal,
        with no header row. (A CSV or XLSX file sent under that name would be misjudged, but
        no file is read as JSON, so a file called so is not what the API was sent.)"""
        return self.channel == Channel.API and self.filename == JSON_LIST_FILENAME


class RowMessage(models.Model):
    """A Dutch message about one row of a delivery: the row number in the file, the field (the
    column as the creditor named it) and the message, which starts 'Rij 7, postcode: '."""

    row = models.PositiveIntegerField("rij")
    field = models.CharField("veld", max_length=50, blank=True)
    message = models.CharField("melding", max_length=300)

    class Meta:
        abstract = True
        ordering = ["row", "id"]

    def __str__(self) -> str:
        return f"Rij {self.row}, {self.field}: {self.message}"

    @property
    def reason(self) -> str:
        """The message without the 'Rij 2, postcode: ' it starts with (for the API and the
        command line), for a table that has columns for row and field already."""
        prefix = f"Rij {self.row}, {self.field}: " if self.field else f"Rij {self.row}: "
        return self.message.removeprefix(prefix)


class DeliveryError(RowMessage):
    """A reason a row was rejected."""

    delivery = models.ForeignKey(
        Delivery, verbose_name="aanlevering", related_name="errors", on_delete=models.CASCADE
    )

    class Meta(RowMessage.Meta):
        verbose_name = "foutmelding"
        verbose_name_plural = "foutmeldingen"


class DeliveryNotice(RowMessage):
    """A remark on an accepted row that is no reason to reject it: a value not taken over (a
    BSN from a partner that is not a health insurer), or no straat or woonplaats, without which
    the municipality cannot send a letter. It never repeats a value, so it holds no personal
    data and stays after the delivery's file and errors are removed."""

    delivery = models.ForeignKey(
        Delivery, verbose_name="aanlevering", related_name="notices", on_delete=models.CASCADE
    )

    class Meta(RowMessage.Meta):
        verbose_name = "opmerking"
        verbose_name_plural = "opmerkingen"


class ContractType(models.TextChoices):
    PARTICULIER = "particulier", "Particulier"
    ZAKELIJK = "zakelijk", "Zakelijk"


class Signal(models.Model):
    """A vroegsignaal: one creditor's report of arrears for one customer at one address.

    (creditor, klantnummer, signal_date) identifies it: a corrected re-delivery replaces it.
    """

    creditor = models.ForeignKey(
        Creditor,
        verbose_name="vastelastenpartner",
        related_name="signals",
        on_delete=models.PROTECT,
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", related_name="signals", on_delete=models.PROTECT
    )
    delivery = models.ForeignKey(
        Delivery, verbose_name="aanlevering", related_name="signals", on_delete=models.PROTECT
    )
    row_number = models.PositiveIntegerField("rij in aanlevering")
    customer_number = models.CharField("klantnummer", max_length=64)
    signal_date = models.DateField("signaaldatum", db_index=True)

    initials = models.CharField("voorletters", max_length=30, blank=True)
    first_names = models.CharField("voornamen", max_length=120, blank=True)
    surname_prefix = models.CharField("voorvoegsel", max_length=20, blank=True)
    surname = models.CharField("achternaam", max_length=120)
    # Zoeken and the privacy pages find a surname by it whatever its accents ('noellering').
    surname_search = SearchKeyField("zoeksleutel achternaam", source="surname")
    birth_date = models.DateField("geboortedatum", null=True, blank=True)
    gender = models.CharField(
        "geslacht", max_length=10, choices=Geslacht.choices, default=Geslacht.LEEG
    )
    street = models.CharField("straat", max_length=120, blank=True)
    house_number = models.PositiveIntegerField("huisnummer")
    house_letter = models.CharField("huisletter", max_length=1, blank=True)
    house_number_addition = models.CharField("huisnummertoevoeging", max_length=10, blank=True)
    postcode = models.CharField("postcode", max_length=6, help_text="Genormaliseerd: 7511AB.")
    city = models.CharField("woonplaats", max_length=80, blank=True)
    phone = models.CharField("telefoon", max_length=30, blank=True)
    email = models.CharField("e-mail", max_length=254, blank=True)
    bsn = EncryptedBsnField("burgerservicenummer", blank=True)
    bsn_hash = BsnHashField(
        "BSN (sleutel-hash)", help_text="Om op BSN te zoeken en te vergelijken (privacy.bsn)."
    )

    amount_cents = models.PositiveBigIntegerField("bedrag achterstand (cent)")
    arrears_start = models.DateField("datum ontstaan")
    unpaid_terms = models.PositiveSmallIntegerField("aantal termijnen", null=True, blank=True)
    contract_type = models.CharField(
        "contractsoort",
        max_length=12,
        choices=ContractType.choices,
        default=ContractType.PARTICULIER,
    )
    crisis = models.BooleanField("crisissignaal", default=False)
    intended_termination_date = models.DateField(
        "datum voorgenomen beëindiging", null=True, blank=True
    )
    warm_handover = models.BooleanField("warme overdracht", default=False)

    address_key = models.CharField(
        "adressleutel",
        max_length=32,
        db_index=True,
        help_text="Postcode + huisnummer + huisletter/toevoeging, genormaliseerd: koppelt signalen per adres.",
    )
    status = models.CharField(
        max_length=50, choices=Signaalstatus.choices, default=Signaalstatus.NOG_NIET_OPGEPAKT
    )
    status_reason = models.CharField("reden status", max_length=200, blank=True)
    # The BRP check found the person at another address of the municipality: still an inwoner,
    # but the caseworker may find them there (set by matching, with the status).
    brp_note = models.CharField("opmerking BRP", max_length=200, blank=True)
    # How the BRP extract writes the name of the person the check found (set by matching):
    # the melding page and the letters name the person so (casework.persons).
    brp_initials = models.CharField("voorletters volgens de BRP", max_length=30, blank=True)
    brp_surname_prefix = models.CharField("voorvoegsel volgens de BRP", max_length=20, blank=True)
    brp_surname = models.CharField("achternaam volgens de BRP", max_length=120, blank=True)
    received_at = models.DateTimeField("ontvangen op", auto_now_add=True)
    updated_at = models.DateTimeField("laatst gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        constraints = [
            models.UniqueConstraint(
                fields=["creditor", "customer_number", "signal_date"],
                name="unique_signal_per_customer_and_date",
            )
        ]
        # Monitoring counts a scope's signals per month, partner type and crisis from this
        # index alone (covering), instead of visiting a year of wide signal rows.
        indexes = [
            models.Index(
                fields=["municipality", "signal_date"],
                name="signal_monitoring",
                include=["creditor", "crisis"],
            ),
            prefix_search_index("surname_search", "signal_surname_search"),
        ]

    def __str__(self) -> str:
        return f"Signaal {self.pk} ({self.creditor.partner_type}, {self.signal_date})"


class SignalCorrection(models.Model):
    """A re-delivery that changed an accepted signal (same creditor, klantnummer and
    signaaldatum), and what it changed (`intake.corrections`). A signal already in a melding
    keeps the melding's old count until its period is matched again; that run names the
    correction on the melding's timeline and in its report, and marks it `matched` (QA14 B2)."""

    signal = models.ForeignKey(
        Signal, verbose_name="signaal", related_name="corrections", on_delete=models.CASCADE
    )
    delivery = models.ForeignKey(
        Delivery,
        verbose_name="aanlevering",
        related_name="corrections",
        on_delete=models.CASCADE,
    )
    changes = models.JSONField(
        "wijzigingen",
        help_text=(
            "Per veld de oude en de nieuwe waarde van bedrag, datums, aantal termijnen, "
            "contractsoort, crisissignaal en warme overdracht; van naam, adres, contactgegevens "
            "en BSN alleen dat ze veranderden, nooit de waarden."
        ),
    )
    matched = models.BooleanField(
        "gematcht",
        default=False,
        help_text="Een matchingsrun van de periode van het signaal heeft de correctie verwerkt.",
    )
    created_at = models.DateTimeField("aangeleverd op", auto_now_add=True)

    class Meta:
        verbose_name = "verbetering van een signaal"
        verbose_name_plural = "verbeteringen van signalen"
        ordering = ["created_at", "id"]
        # The matching page asks for the corrections no run has taken in: a few among many.
        indexes = [
            models.Index(
                fields=["signal"],
                name="signal_correction_pending",
                condition=models.Q(matched=False),
            )
        ]

    def __str__(self) -> str:
        return f"Verbetering van signaal {self.signal_id} (aanlevering {self.delivery_id})"
