"""The audit log (append-only) and the record of each retention run."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from vroegsignaal.organisations.models import Role
from vroegsignaal.privacy.pages import (
    describe_page,
    meldingen_searches_with_text,
    object_label,
    page_without_search_text,
    typed_texts_still_there,
    without_search_text,
)


class AuditAction(models.TextChoices):
    VIEW = "view", "Bekeken"
    EXPORT = "export", "Geëxporteerd"
    DOWNLOAD = "download", "Gedownload"
    CHANGE = "change", "Gewijzigd"
    ERASE = "erase", "Gewist"
    # A page of personal data that was refused or not found: an attempt the officer may look into.
    REFUSED = "refused", "Geweigerd"
    # What an administrator added, changed or removed in the beheeromgeving (users, roles,
    # passwords, convenanten, policy versions): who gave whom access (privacy.admin_audit).
    ADMIN = "admin", "Beheer"


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit entry through the application."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Auditregels kunnen niet worden gewijzigd.")

    def delete(self):
        raise AppendOnlyError("Auditregels kunnen niet worden verwijderd.")


class AppendOnlyModel(models.Model):
    """A row of the audit log: added, never changed or removed through the application (only
    the retention job purges it, in SQL, after the term)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Auditregels kunnen niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Auditregels kunnen niet worden verwijderd.")


class AuditQuerySet(AppendOnlyQuerySet):
    def purge_before(self, moment) -> int:
        """Remove entries older than `moment`, with what their lists showed: only the retention
        job does this, after the term."""
        expired = self.filter(created_at__lt=moment)
        shown = AuditShownObject.objects.using(expired.db).filter(entry__in=expired.values("pk"))
        shown._raw_delete(shown.db)
        return expired._raw_delete(expired.db)

    def erase_search_texts(self) -> int:
        """Replace the typed text of the searches among these entries (for meldingen, the
        privacy officer's of the audit log, a list's typed filter) by `pages.ERASED_SEARCH_TEXT`,
        in the description and the page: only the retention job does this, once the text may
        name a resident whose data is erased. No other entry and no other field changes (who, when, in which
        screen, how many found and the list shown stay)."""
        searches = self.filter(meldingen_searches_with_text() | typed_texts_still_there())
        # Few distinct results ('... (op adres, 1 gevonden)', 'auditlog; gezocht op [...]'):
        # one UPDATE for each.
        erased: dict[tuple[str, str], list[int]] = {}
        for pk, description, endpoint in searches.values_list("pk", "description", "endpoint"):
            new = (without_search_text(description), page_without_search_text(endpoint))
            erased.setdefault(new, []).append(pk)
        # A plain QuerySet: the only write besides purge_before that the log allows.
        rows = models.QuerySet(self.model, using=self.db)
        for (description, endpoint), pks in erased.items():
            rows.filter(pk__in=pks).update(description=description, endpoint=endpoint)
        return sum(len(pks) for pks in erased.values())


class AuditEntry(AppendOnlyModel):
    """Who looked at, exported, downloaded or changed which (personal) data, when and where.

    The user and organisation are copied as text: the audit database holds no foreign keys, so
    an entry stays readable after the user or organisation is gone.
    """

    created_at = models.DateTimeField("tijdstip", default=timezone.now, db_index=True)
    user_id = models.IntegerField("gebruiker-id", null=True, blank=True, db_index=True)
    username = models.CharField("gebruikersnaam", max_length=150)
    role = models.CharField("rol", max_length=20, blank=True)
    organisation = models.CharField("organisatie", max_length=200, blank=True)
    municipality_id = models.IntegerField(
        "gemeente-id",
        null=True,
        blank=True,
        db_index=True,
        help_text="De gemeente van de gegevens (of van de gebruiker): wat de FG van die gemeente ziet.",
    )
    action = models.CharField("handeling", max_length=10, choices=AuditAction.choices)
    object_type = models.CharField("soort gegevens", max_length=60, blank=True, db_index=True)
    object_id = models.CharField("id", max_length=40, blank=True, db_index=True)
    # Text, not a short field: an administrator's change lists every setting it touched, and
    # the officer must read all of it (a policy version with its rules runs to thousands).
    description = models.TextField("omschrijving", blank=True)
    shown = models.CharField(
        "getoond",
        max_length=120,
        blank=True,
        help_text="Bij een lijst of download: hoeveel van welke gegevens erin stonden "
        "('25 meldingen'); welke precies staat in de getoonde gegevens van de regel.",
    )
    endpoint = models.CharField("pagina of endpoint", max_length=300, blank=True)
    ip_address = models.GenericIPAddressField("IP-adres", null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditlog"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%d-%m-%Y %H:%M} {self.username} {self.action} {self.object_type}"

    @property
    def role_label(self) -> str:
        """The role in Dutch, as people know it (the code is kept for searching)."""
        return dict(Role.choices).get(self.role, self.role)

    @property
    def readable_description(self) -> str:
        """The description; entries written before pages had Dutch names show it now."""
        return describe_page(self.description)

    @property
    def object_label(self) -> str:
        """'melding 7941' instead of 'casework.melding 7941'."""
        return object_label(self.object_type, self.object_id)


class AuditShownObject(AppendOnlyModel):
    """One signal or melding that a list page or a download showed, under the entry of that
    page: the answer to "who saw this resident's data?" includes the werkbakje, the search
    result and the creditor's list that showed her address, not only the pages about her."""

    entry = models.ForeignKey(
        AuditEntry,
        on_delete=models.CASCADE,
        related_name="shown_objects",
        verbose_name="auditregel",
    )
    object_type = models.CharField("soort gegevens", max_length=60)
    object_id = models.CharField("id", max_length=40)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "getoond in een lijst"
        verbose_name_plural = "getoond in lijsten"
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_shown_object")]

    def __str__(self) -> str:
        return object_label(self.object_type, self.object_id)


class RetentionRun(models.Model):
    """One run of `vroegsignaal retention`: what was (or, in a dry run, would be) erased."""

    started_at = models.DateTimeField("gestart", default=timezone.now)
    dry_run = models.BooleanField("proefdraaien", default=False)
    counts = models.JSONField(
        "aantallen", default=dict, help_text="Per soort gegevens: hoeveel gewist (of te wissen)."
    )
    cutoffs = models.JSONField(
        "peildata", default=dict, help_text="Per soort: gewist wat vóór deze datum valt."
    )
    # A run that failed erased nothing (one transaction); the privacy officer must see it at once.
    failed = models.BooleanField("mislukt", default=False)
    failure = models.CharField(
        "reden",
        max_length=200,
        blank=True,
        help_text="Bij een mislukte run: wat er misging, zonder persoonsgegevens (de volledige "
        "fout staat in het logbestand).",
    )

    class Meta:
        verbose_name = "bewaartermijnrun"
        verbose_name_plural = "bewaartermijnruns"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        kind = "Proef" if self.dry_run else "Mislukte run" if self.failed else "Run"
        return f"{kind} {self.started_at:%d-%m-%Y %H:%M}"
