"""What the municipality released to creditors: batches, per-signal feedback and heropaf checks.

`SignalFeedback.content` holds only what `permitted.py` allowed at release time, so the portal
and the API show exactly what was released and nothing that was never meant for the creditor.
Released feedback is append-only: a go/no-go that changed is corrected by a new item.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import ApiKey, Creditor


class FeedbackRelease(models.Model):
    """One run of the release job (`vroegsignaal release-feedback`), whenever it is scheduled."""

    released_at = models.DateTimeField("vrijgegeven op", auto_now_add=True, db_index=True)
    released_on = models.DateField(
        "datum vrijgave", help_text="De werkdag waarop de terugkoppeling geldt als gegeven."
    )
    summary = models.JSONField(
        "uitkomst",
        default=dict,
        help_text="Aantallen per vastelastenpartner; geen persoonsgegevens.",
    )

    class Meta:
        verbose_name = "vrijgave terugkoppeling"
        verbose_name_plural = "vrijgaven terugkoppeling"
        ordering = ["-released_at"]

    def __str__(self) -> str:
        return f"Vrijgave {self.released_on}"


class FeedbackKind(models.TextChoices):
    GO_NO_GO = "go_no_go", "Go/no-go"
    OUTCOME = "outcome", "Uitkomst"


class SignalFeedback(models.Model):
    """The feedback a creditor received about one of its signals: go/no-go or the outcome."""

    signal = models.ForeignKey(
        Signal, verbose_name="signaal", related_name="feedback", on_delete=models.CASCADE
    )
    creditor = models.ForeignKey(
        Creditor,
        verbose_name="vastelastenpartner",
        related_name="signal_feedback",
        on_delete=models.PROTECT,
        help_text="De partner van het signaal; elke query voor een partner filtert hierop.",
    )
    release = models.ForeignKey(
        FeedbackRelease, verbose_name="vrijgave", related_name="items", on_delete=models.PROTECT
    )
    kind = models.CharField("soort", max_length=10, choices=FeedbackKind.choices)
    contact_round = models.PositiveSmallIntegerField(
        "contactronde", default=1, help_text="Na een heropaf volgt een nieuwe uitkomst."
    )
    content = models.JSONField("inhoud", help_text="Alleen de velden die permitted.py toestaat.")
    released_at = models.DateTimeField("vrijgegeven op", db_index=True)
    # A released item is never changed: a go/no-go that turns out wrong (e.g. a re-run of
    # matching on a corrected BRP extract) gets a new item that names the one it corrects, so
    # the creditor's history of what it was told stays whole. RESTRICT: an item with a
    # correction cannot be deleted on its own, only with its signal.
    corrects = models.OneToOneField(
        "self",
        verbose_name="corrigeert",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="correction",
        help_text="De eerder vrijgegeven go/no-go die deze rechtzet.",
    )

    class Meta:
        verbose_name = "terugkoppeling signaal"
        verbose_name_plural = "terugkoppelingen signaal"
        ordering = ["released_at", "id"]
        constraints = [
            # One first release per kind and round; each correction follows the one before.
            models.UniqueConstraint(
                fields=["signal", "kind", "contact_round"],
                condition=models.Q(corrects__isnull=True),
                name="unique_feedback_per_round",
            )
        ]
        indexes = [models.Index(fields=["creditor", "released_at"])]

    def __str__(self) -> str:
        corrected = " (correctie)" if self.corrects_id else ""
        return f"{self.get_kind_display()}{corrected} signaal {self.signal_id}"


class HeropafAnswer(models.TextChoices):
    YES = "ja", "Ja, de betalingen lopen weer"
    NO = "nee", "Nee, de betalingen lopen niet"


class HeropafCheck(models.Model):
    """The question to a creditor, months after the outcome: are payments regular again?"""

    melding = models.ForeignKey(Melding, related_name="heropaf_checks", on_delete=models.CASCADE)
    creditor = models.ForeignKey(
        Creditor,
        verbose_name="vastelastenpartner",
        related_name="heropaf_checks",
        on_delete=models.PROTECT,
    )
    contact_round = models.PositiveSmallIntegerField("contactronde", default=1)
    asked_on = models.DateField(
        "gevraagd vanaf",
        db_index=True,
        help_text="De heropafdatum: vanaf dan ziet de partner de vraag.",
    )
    answer_due_on = models.DateField("antwoord uiterlijk", db_index=True)
    answer = models.CharField("antwoord", max_length=3, choices=HeropafAnswer.choices, blank=True)
    amount_open_cents = models.PositiveBigIntegerField(
        "bedrag nog open (cent)", null=True, blank=True
    )
    announced_in = models.ForeignKey(
        FeedbackRelease,
        verbose_name="aangekondigd bij vrijgave",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announced_heropaf_checks",
        help_text="De vrijgave waarvan de e-mailsamenvatting deze vraag aankondigde.",
    )
    reminded_in = models.ForeignKey(
        FeedbackRelease,
        verbose_name="herinnerd bij vrijgave",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reminded_heropaf_checks",
        help_text="De vrijgave waarvan de e-mailsamenvatting aan deze onbeantwoorde vraag "
        "herinnerde, na de antwoordtermijn (één keer).",
    )
    answered_at = models.DateTimeField("beantwoord op", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="beantwoord door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by_api_key = models.ForeignKey(
        ApiKey,
        verbose_name="beantwoord met API-sleutel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "heropafvraag"
        verbose_name_plural = "heropafvragen"
        ordering = ["asked_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "creditor", "contact_round"], name="unique_heropaf_check"
            )
        ]

    def __str__(self) -> str:
        return f"Heropafvraag {self.pk} ({self.creditor})"
