"""A municipality's letter settings (letterhead, contact details, its own texts) and the record
of every letter made, which keeps a print-room batch from being recorded twice.

Letters only read casework: a sent letter becomes a contact attempt through
``casework.contact.record_contact_attempt`` (a confirmation of an appointment only an event on the
timeline, ``record_letter_to_reached_resident``), never by writing casework tables here.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models

from vroegsignaal import kenmerk
from vroegsignaal.casework.models import ContactAttempt, Melding
from vroegsignaal.letters.kinds import OPENING_LETTERS, LetterKind
from vroegsignaal.letters.placeholders import validate_texts
from vroegsignaal.organisations.models import Municipality


class Addressing(models.TextChoices):
    PERSONS = "personen", "Aan iedere persoon die in de signalen staat"
    RESIDENTS = "bewoners", "Aan de bewoners van het adres"


def logo_upload_path(instance: Letterhead, filename: str) -> str:
    return f"letters/logos/{instance.municipality.code}-{filename}"


class Letterhead(models.Model):
    """How a municipality's letters look and who signs them, and to whom they are addressed."""

    municipality = models.OneToOneField(
        Municipality, verbose_name="gemeente", related_name="letterhead", on_delete=models.CASCADE
    )
    logo = models.ImageField(
        "logo",
        upload_to=logo_upload_path,
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"])],
        help_text="PNG of JPEG; komt linksboven op de brief, maximaal 25 mm hoog.",
    )
    sender_name = models.CharField(
        "afzender", max_length=100, help_text="Bijvoorbeeld 'Gemeente Enschede, team Vroeg Eropaf'."
    )
    sender_address = models.TextField(
        "adres afzender", help_text="Postadres, één regel per regel: Postbus 20, 7500 AA Enschede."
    )
    signature_name = models.CharField("naam ondertekening", max_length=100)
    signature_role = models.CharField("functie ondertekening", max_length=100)
    addressing = models.CharField(
        "adressering",
        max_length=10,
        choices=Addressing.choices,
        default=Addressing.PERSONS,
        help_text="Staan er meer personen in de signalen op het adres, dan krijgt ieder een "
        "eigen brief, of gaat er één brief 'Aan de bewoners van' het adres.",
    )

    class Meta:
        verbose_name = "briefhoofd"
        verbose_name_plural = "briefhoofden"

    def __str__(self) -> str:
        return f"Briefhoofd {self.municipality.name}"


class ContactDetails(models.Model):
    """The ways a resident can answer a letter; the letter shows every one that is filled in."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name="gemeente",
        related_name="letter_contact",
        on_delete=models.CASCADE,
    )
    phone = models.CharField("telefoonnummer", max_length=30)
    email = models.EmailField("e-mailadres", blank=True)
    whatsapp = models.CharField("WhatsApp-nummer", max_length=30, blank=True)
    walk_in_hours = models.CharField(
        "inloopspreekuur",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld 'elke dinsdag van 9.00 tot 12.00 uur in het Stadskantoor'.",
    )

    class Meta:
        # One row is one municipality's entry; the plural as its name read 'De contactgegevens
        # ... is gewijzigd'.
        verbose_name = "opgave contactgegevens voor brieven"
        verbose_name_plural = "contactgegevens voor brieven"

    def __str__(self) -> str:
        return f"Contactgegevens {self.municipality.name}"


class LetterTemplate(models.Model):
    """A municipality's own text for one kind of letter; without one the default text is used."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        related_name="letter_templates",
        on_delete=models.CASCADE,
    )
    kind = models.CharField("soort brief", max_length=20, choices=LetterKind.choices)
    subject = models.CharField("onderwerp", max_length=150)
    body = models.TextField(
        "tekst",
        help_text="Een lege regel begint een nieuwe alinea. Invulvelden staan tussen accolades, "
        "bv. {aanhef}.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="laatst gewijzigd door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)

    class Meta:
        verbose_name = "brieftekst"
        verbose_name_plural = "briefteksten"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="unique_letter_template")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.municipality.name})"

    def save(self, *args, **kwargs) -> None:
        # Checked here as well as in the form: a broken text must never reach a letter.
        validate_texts(self.kind, self.subject, self.body)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        validate_texts(self.kind, self.subject, self.body)


def batch_upload_path(instance: LetterBatch, filename: str) -> str:
    return f"letters/batches/{instance.municipality.code}/{filename}"


class LetterBatch(models.Model):
    """One PDF for the print room with the letters of several meldingen.

    ``selection_key`` (kind + the selected meldingen) makes a repeated run return this batch
    instead of printing and recording again.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        related_name="letter_batches",
        on_delete=models.CASCADE,
    )
    kind = models.CharField("soort brief", max_length=20, choices=LetterKind.choices)
    selection_key = models.CharField("selectiesleutel", max_length=64, unique=True)
    pdf = models.FileField("pdf voor de printkamer", upload_to=batch_upload_path, max_length=200)
    letter_count = models.PositiveIntegerField("aantal brieven", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gemaakt door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "printopdracht"
        verbose_name_plural = "printopdrachten"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        letters = "brief" if self.letter_count == 1 else "brieven"
        return f"Printopdracht {self.pk} ({self.letter_count} {letters})"


def letter_upload_path(instance: SentLetter, filename: str) -> str:
    return f"letters/sent/{instance.melding.municipality.code}/{filename}"


class SentLetter(models.Model):
    """A letter or card made for a melding and recorded as its contact attempt."""

    melding = models.ForeignKey(Melding, related_name="letters", on_delete=models.CASCADE)
    kind = models.CharField("soort brief", max_length=20, choices=LetterKind.choices)
    contact_round = models.PositiveSmallIntegerField("contactronde")
    recipients = models.JSONField("geadresseerden", default=list)
    # Empty for a letter that is not an attempt to reach the resident (kinds.NOT_AN_ATTEMPT).
    contact_attempt = models.OneToOneField(
        ContactAttempt,
        verbose_name="contactpoging",
        null=True,
        blank=True,
        related_name="letter",
        on_delete=models.CASCADE,
    )
    batch = models.ForeignKey(
        LetterBatch,
        verbose_name="printopdracht",
        null=True,
        blank=True,
        related_name="letters",
        on_delete=models.SET_NULL,
    )
    pdf = models.FileField(
        "pdf van de brief",
        upload_to=letter_upload_path,
        blank=True,
        max_length=200,
        help_text="Alleen bij een losse brief; een brief uit een printopdracht staat in die pdf.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gemaakt door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "verstuurde brief"
        verbose_name_plural = "verstuurde brieven"
        ordering = ["-created_at"]
        constraints = [
            # The letter that opens a contact round (first letter, or after a heropaf the
            # heropaf letter) goes once per round, however often a batch is run or a page sent.
            models.UniqueConstraint(
                fields=["melding", "contact_round"],
                condition=models.Q(kind__in=OPENING_LETTERS),
                name="one_opening_letter_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} bij melding {kenmerk.of(self.melding_id)}"
