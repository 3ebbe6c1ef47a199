"""Meldingen (vroegsignaalzaken), their work queues (werkbakjes) and the casework done on them.

Matching writes Queue, Melding and MeldingSignal; everything after that (assignment, contact
attempts, conversation, budget scan, plan, referrals, result, heropaf) is written only by the
casework services, each change as an Event on the melding's timeline.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from vroegsignaal import kenmerk
from vroegsignaal.addresses import house_number_text
from vroegsignaal.casework import deadlines
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Municipality, Team
from vroegsignaal.privacy.pseudonyms import is_pseudonym
from vroegsignaal.search_keys import SearchKeyField, prefix_search_index

# The resident's satisfaction is a Dutch rapportcijfer; 6 or higher is a voldoende.
SATISFACTION_MIN, SATISFACTION_MAX, SATISFACTION_PASS = 1, 10, 6


def satisfaction_in_range(name: str) -> models.CheckConstraint:
    """A rapportcijfer from 1 to 10, or none (not asked): for the melding and each round."""
    return models.CheckConstraint(
        condition=Q(satisfaction__gte=SATISFACTION_MIN, satisfaction__lte=SATISFACTION_MAX)
        | Q(satisfaction__isnull=True),
        name=name,
    )


class Queue(models.Model):
    """A werkbakje of a municipality; created by the routing rules of its policy."""

    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", related_name="queues", on_delete=models.CASCADE
    )
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


# The first action of the current contact round in SQL (Melding.current_due_on): the werkbakje
# list orders on it, and its index holds it so a page reads 50 index entries.
CURRENT_DUE_ON = Coalesce(F("round_due_on"), F("due_on"))


# What an erased melding's address reads as (Melding.address).
ERASED_ADDRESS = "adres gewist na de bewaartermijn"


class Melding(models.Model):
    """The signals at one address in one matching period of one municipality (vroegsignaalzaak).

    `key` (municipality + period + address key) makes a matching run idempotent: running it again
    updates the same melding and keeps the work already done on it.
    """

    key = models.CharField("meldingsleutel", max_length=80, unique=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", related_name="meldingen", on_delete=models.PROTECT
    )
    period_start = models.DateField("start matchingsperiode")
    period_end = models.DateField("einde matchingsperiode")
    matched_on = models.DateField("matchingsdatum")
    address_key = models.CharField("adressleutel", max_length=32, db_index=True)
    postcode = models.CharField(max_length=6)
    house_number = models.PositiveIntegerField("huisnummer")
    # Apart, as on the signals: glued together ('B2') they can no longer be written '417B-2'.
    house_letter = models.CharField("huisletter", max_length=1, blank=True)
    house_number_addition = models.CharField("huisnummertoevoeging", max_length=10, blank=True)
    street = models.CharField("straat", max_length=120, blank=True)
    # Zoeken finds a street by it whatever its accents ('cobelstraat').
    street_search = SearchKeyField("zoeksleutel straat", source="street")
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
    queue = models.ForeignKey(
        Queue, verbose_name="werkbakje", null=True, blank=True, on_delete=models.SET_NULL
    )
    term_kind = models.CharField("soort termijn", max_length=40, blank=True)
    due_on = models.DateField("uiterlijk oppakken op", null=True, blank=True, db_index=True)

    state = models.CharField("fase", max_length=30, default="new", db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="toegewezen aan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_meldingen",
    )
    picked_up_on = models.DateField("datum opgepakt", null=True, blank=True)
    result = models.CharField(
        "eindresultaat", max_length=80, choices=Eindresultaat.choices, blank=True
    )
    # Result, closing date and cijfer are those of the current contact round (a heropaf
    # reopening blanks them); every round's are kept in RoundResult.
    closed_on = models.DateField("afgesloten op", null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        "tevredenheid van de inwoner",
        null=True,
        blank=True,
        validators=[MinValueValidator(SATISFACTION_MIN), MaxValueValidator(SATISFACTION_MAX)],
        help_text="Rapportcijfer van 1 tot en met 10 dat de inwoner bij het afsluiten van deze "
        "contactronde gaf; leeg als het niet gevraagd is.",
    )
    first_signal_on = models.DateField(
        "eerste signaaldatum",
        null=True,
        blank=True,
        help_text="Vroegste signaaldatum van de signalen van de melding; gezet door de matching. "
        "Begin van de doorlooptijden in de monitoring.",
    )
    contact_round = models.PositiveSmallIntegerField(
        "contactronde", default=1, help_text="Verhoogd als een heropaf de melding heropent."
    )
    # A reopening by the heropaf starts a new first action (casework.terms): its date and the
    # day it was met are kept apart from round 1's due_on and picked_up_on, which stay the
    # pick-up after matching that the monitoring and the DDAS export report.
    round_due_on = models.DateField(
        "uiterlijk oppakken in deze contactronde",
        null=True,
        blank=True,
        help_text="Na heropenen door de heropaf: de eerste actie van de nieuwe contactronde.",
    )
    round_picked_up_on = models.DateField(
        "opgepakt in deze contactronde",
        null=True,
        blank=True,
        help_text="Na heropenen door de heropaf: de eerste contactpoging of het eerste gesprek "
        "van de nieuwe contactronde.",
    )
    # The chain facts below span every contact round (a heropaf reopening keeps them), are set
    # by the casework services that record results, attempts, conversations and referrals, and
    # let the monitoring count a region's year from one index instead of joining every child
    # table.
    first_closed_on = models.DateField(
        "eerste resultaat op",
        null=True,
        blank=True,
        help_text="Afsluitdatum van contactronde 1; een heropaf wist hem niet. Einde van de "
        "doorlooptijd 'Signaal tot resultaat' en van de termijn om op te pakken in de monitoring.",
    )
    first_attempt_on = models.DateField(
        "eerste contactpoging op",
        null=True,
        blank=True,
        help_text="Datum van de vroegste contactpoging, over alle contactrondes.",
    )
    first_contact_on = models.DateField(
        "eerste contact op",
        null=True,
        blank=True,
        help_text="Vroegste datum waarop de inwoner bereikt is (contactpoging met de inwoner "
        "bereikt, of een gesprek), over alle contactrondes.",
    )
    accepted_in_conversation = models.BooleanField(
        "hulp geaccepteerd in een gesprek",
        default=False,
        help_text="In een gesprek (van welke contactronde ook) is 'Ja' geantwoord op hulp.",
    )
    referred = models.BooleanField(
        "doorverwezen", default=False, help_text="Er is ten minste één verwijzing vastgelegd."
    )
    accepted_on = models.DateField(
        "hulp geaccepteerd op",
        null=True,
        blank=True,
        help_text="Start van de termijn voor het eerste gesprek (Wgs art. 4).",
    )
    first_conversation_on = models.DateField("eerste gesprek op", null=True, blank=True)
    feedback_on = models.DateField("terugkoppeling aan signaalpartner op", null=True, blank=True)
    heropaf_due_on = models.DateField(
        "heropaf op",
        null=True,
        blank=True,
        db_index=True,
        help_text="Vanaf deze datum staat de melding in het werkbakje Heropaf.",
    )
    version = models.PositiveIntegerField(
        "versie",
        default=1,
        help_text="Verhoogd bij elke wijziging: twee gelijktijdige bewerkingen overschrijven elkaar niet.",
    )
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    updated_at = models.DateTimeField("laatst gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        # The worklist shows open meldingen in working order and counts them per werkbakje; the
        # partial indexes hold only open (or heropaf) meldingen, so a page of a large
        # municipality reads 50 index entries instead of sorting a year of meldingen.
        indexes = [
            models.Index(fields=["municipality", "period_start"]),
            # Monitoring reads a scope (municipalities, matching period) of every melding with
            # these columns; from the index alone it skips the wide rows (address, reasons).
            models.Index(
                fields=["municipality", "period_start"],
                name="melding_monitoring",
                include=[
                    "id",
                    "matched_on",
                    "is_single",
                    "is_multiple",
                    "is_consecutive",
                    "is_crisis",
                    "go",
                    "queue",
                    "due_on",
                    "picked_up_on",
                    "accepted_on",
                    "first_conversation_on",
                    "result",
                    "closed_on",
                    "first_closed_on",
                    "heropaf_due_on",
                    "first_signal_on",
                    "first_attempt_on",
                    "first_contact_on",
                    "accepted_in_conversation",
                    "referred",
                ],
            ),
            models.Index(fields=["municipality", "state", "-priority_score"]),
            models.Index(
                F("municipality"),
                F("priority_score").desc(),
                CURRENT_DUE_ON,  # ascending puts nulls last on PostgreSQL, as the worklist does
                F("id"),
                name="melding_open_worklist",
                condition=~Q(state="closed"),
                # The worklist filters, so counting a filtered list reads only the index.
                include=[
                    "queue",
                    "assigned_to",
                    "picked_up_on",
                    "round_due_on",
                    "round_picked_up_on",
                    "postcode",
                    "total_amount_cents",
                    "is_crisis",
                    "is_warm_handover",
                    "is_multiple",
                    "is_consecutive",
                ],
            ),
            models.Index(
                fields=["municipality", "queue"],
                name="melding_open_queue",
                condition=~Q(state="closed"),
                include=[
                    "id",
                    "assigned_to",
                    "due_on",
                    "picked_up_on",
                    "round_due_on",
                    "round_picked_up_on",
                ],
            ),
            models.Index(
                fields=["municipality", "heropaf_due_on"],
                name="melding_heropaf_due",
                condition=Q(state="closed", heropaf_due_on__isnull=False),
                include=["id", "assigned_to"],
            ),
            prefix_search_index("street_search", "melding_street_search"),
        ]
        constraints = [
            satisfaction_in_range(name="melding_satisfaction_1_to_10"),
        ]

    def __str__(self) -> str:
        if self.address_erased:
            return f"Melding {self.reference} ({self.address})"
        return f"Melding {self.reference} ({self.postcode} {self.house_number_text})"

    @property
    def address_erased(self) -> bool:
        """True once retention erased the address (casework.erasure): its key is a pseudonym."""
        return is_pseudonym(self.address_key)

    @property
    def address(self) -> str:
        """'Lasondersingel 93-2, 7511AB Enschede': the address where it is a title or a list
        cell (melding page, werkbakje, search). Once erased, it says so with the PC4 that is
        kept: house number 0 and a bare '7625' read as an error in the data."""
        if self.address_erased:
            return f"{ERASED_ADDRESS}, postcodegebied {self.postcode}"
        return f"{self.street_and_number}, {self.postcode} {self.city}".strip()

    @property
    def house_number_text(self) -> str:
        """'93-2', '417B': as the letters write it (`vroegsignaal.addresses`)."""
        return house_number_text(self.house_number, self.house_letter, self.house_number_addition)

    @property
    def street_and_number(self) -> str:
        """'Lasondersingel 93-2': the address line of pages, letters and documents."""
        return f"{self.street} {self.house_number_text}".strip()

    @property
    def reference(self) -> str:
        """The kenmerk in letters and on the melding page ('VS-7941'): what a resident who calls
        back quotes, and what the search finds (`casework.search`)."""
        return kenmerk.of(self.pk)

    @property
    def current_due_on(self):
        """The first action of the current contact round: after a heropaf reopening that
        round's own date, otherwise the werkbakje's date matching set."""
        return self.round_due_on if self.round_due_on is not None else self.due_on

    @property
    def current_picked_up_on(self):
        """When the current contact round's first action was done (its first attempt or
        conversation), or None while it waits."""
        return self.round_picked_up_on if self.round_due_on is not None else self.picked_up_on


class RoundResult(models.Model):
    """The end result one contact round of a melding was closed with (DDAS Eindresultaat).

    A heropaf reopening blanks the melding's own result for the new round; this row keeps the
    round's, so the monitoring counts every round's result in the period it closed and the DDAS
    export gives the latest result reached. Written only by the closing services
    (``casework.results``, ``casework.no_go``) in the transaction that closes, and never
    changed; only matching withdraws its own closure of a melding a later run picks up after
    all (``no_go.reopen_picked_up_after_rematch``).
    """

    melding = models.ForeignKey(Melding, related_name="round_results", on_delete=models.CASCADE)
    # The melding's (it never changes): the monitoring counts a region's closings in a period
    # from the index below alone, without reading the meldingen.
    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", related_name="+", on_delete=models.PROTECT
    )
    contact_round = models.PositiveSmallIntegerField("contactronde")
    result = models.CharField("eindresultaat", max_length=80, choices=Eindresultaat.choices)
    closed_on = models.DateField("afgesloten op")
    reached = models.BooleanField(
        "inwoner bereikt in deze contactronde",
        default=False,
        help_text="Een contactpoging waarbij de inwoner is bereikt, of een gesprek, in deze "
        "contactronde: alleen dan kan de inwoner een cijfer geven.",
    )
    satisfaction = models.PositiveSmallIntegerField(
        "tevredenheid van de inwoner",
        null=True,
        blank=True,
        validators=[MinValueValidator(SATISFACTION_MIN), MaxValueValidator(SATISFACTION_MAX)],
        help_text="Rapportcijfer dat de inwoner bij dit afsluiten gaf; leeg als het niet "
        "gevraagd is.",
    )
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "eindresultaat van een contactronde"
        verbose_name_plural = "eindresultaten per contactronde"
        ordering = ["contact_round"]
        indexes = [
            models.Index(
                fields=["municipality", "closed_on"],
                name="round_result_monitoring",
                include=["result", "reached", "satisfaction"],
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "contact_round"], name="one_result_per_contact_round"
            ),
            satisfaction_in_range(name="round_result_satisfaction_1_to_10"),
        ]

    def __str__(self) -> str:
        return f"Ronde {self.contact_round}: {self.result} ({self.closed_on:%d-%m-%Y})"


class MeldingSignal(models.Model):
    """Which melding a signal belongs to (at most one), and the person it was linked to."""

    signal = models.OneToOneField(
        Signal, verbose_name="signaal", related_name="melding_link", on_delete=models.CASCADE
    )
    melding = models.ForeignKey(Melding, related_name="signal_links", on_delete=models.CASCADE)
    # The melding's key (up to 80 characters, longer once erased) and a signal id.
    person_key = models.CharField("persoon", max_length=120, blank=True)
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


class CaseworkPolicy(models.Model):
    """A municipality's own casework terms; without one the usual practice (the defaults) holds.

    The terms are checked by ``deadlines.DeadlinePolicy`` (pages compute every deadline with
    it), so impossible terms are refused here at their fields and by the database."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name="gemeente",
        related_name="casework_policy",
        on_delete=models.CASCADE,
    )
    no_contact_after_attempts = models.PositiveSmallIntegerField(
        "voorstel geen contact na pogingen",
        default=3,
        validators=[
            MinValueValidator(
                1,
                "Vul minstens 1 poging in: geen contact wordt pas voorgesteld na een mislukte "
                "contactpoging.",
            )
        ],
        help_text="Na zoveel mislukte contactpogingen in een contactronde stelt Vroegsignaal "
        "'Definitief geen contact kunnen krijgen' voor. Minstens 1. Standaard 3.",
    )
    first_action_days = models.PositiveSmallIntegerField(
        "termijn eerste actie (dagen)",
        default=14,
        help_text="Kalenderdagen na de matching (of na heropenen door de heropaf) om de melding "
        "op te pakken, als het werkbakje geen eigen termijn heeft en in een nieuwe contactronde; "
        "de termijn van het werkbakje (matchingsbeleid) gaat voor. Minstens 1. Standaard 14.",
    )
    first_action_limit_days = models.PositiveSmallIntegerField(
        "uiterste termijn eerste actie (dagen)",
        default=28,
        help_text="Kalenderdagen na de matching (of na heropenen door de heropaf) waarna een "
        "melding die nog niet is opgepakt over de uiterste termijn is. Niet korter dan de "
        "termijn eerste actie. Standaard 28.",
    )
    heropaf_months = models.PositiveSmallIntegerField(
        "heropaf na (maanden)",
        default=6,
        help_text="Kalendermaanden na de terugkoppeling aan de signaalpartner waarop de heropaf "
        "gepland wordt: lopen de betalingen nog? Minstens 1. Standaard 6.",
    )

    class Meta:
        # A de-word: the beheeromgeving says 'De <naam> ... is toegevoegd'.
        verbose_name = "uitvoeringsnorm"
        verbose_name_plural = "uitvoeringsnormen"
        constraints = [
            models.CheckConstraint(
                condition=Q(no_contact_after_attempts__gte=1),
                name="casework_policy_at_least_one_attempt",
            ),
            models.CheckConstraint(
                condition=Q(first_action_days__gte=1), name="casework_policy_first_action_days"
            ),
            models.CheckConstraint(
                condition=Q(first_action_limit_days__gte=F("first_action_days")),
                name="casework_policy_limit_not_before_first_action",
            ),
            models.CheckConstraint(
                condition=Q(heropaf_months__gte=1), name="casework_policy_heropaf_months"
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality)

    def clean(self):
        super().clean()
        terms = self._terms()
        if None in terms.values():
            return  # the field's own message says what is missing
        if problems := deadlines.policy_problems(**terms):
            raise ValidationError(problems)

    def _terms(self) -> dict[str, int]:
        return {
            "first_action_days": self.first_action_days,
            "first_action_limit_days": self.first_action_limit_days,
            "heropaf_months": self.heropaf_months,
        }

    def deadline_policy(self) -> deadlines.DeadlinePolicy:
        """The terms in the form the pure deadline module takes (it validates them)."""
        return deadlines.DeadlinePolicy(**self._terms())


class ClosedDay(models.Model):
    """A day the municipality closes on its own (carnaval, a collective day off): no working
    day in any of its terms except the statutory ones (``casework.policy.calendar_for``)."""

    policy = models.ForeignKey(
        CaseworkPolicy,
        verbose_name="uitvoeringsnorm",
        related_name="closed_days",
        on_delete=models.CASCADE,
    )
    day = models.DateField(
        "datum",
        help_text="Een werkdag waarop de gemeente dicht is. Feestdagen en de dagen die de wet "
        "ermee gelijkstelt (zoals 2 januari 2026) tellen al niet als werkdag.",
    )
    description = models.CharField(
        "omschrijving", max_length=80, help_text="Bijvoorbeeld: carnaval, collectieve vrije dag."
    )

    class Meta:
        verbose_name = "extra gesloten dag"
        verbose_name_plural = "extra gesloten dagen"
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "day"],
                name="closed_day_once_per_policy",
                violation_error_message="Deze dag staat al bij de extra gesloten dagen.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day:%d-%m-%Y} {self.description}"

    def clean(self):
        super().clean()
        if self.day is not None and (problem := deadlines.closed_day_problem(self.day)):
            raise ValidationError({"day": problem})


class EventKind(models.TextChoices):
    ASSIGNED = "assigned", "Toegewezen"
    UNASSIGNED = "unassigned", "Toewijzing ingetrokken"
    CONTACT_ATTEMPT = "contact_attempt", "Contactpoging"
    HELP_ACCEPTED = "help_accepted", "Hulp geaccepteerd"
    CONVERSATION = "conversation", "Gesprek"
    BUDGET_LINE = "budget_line", "Budgetscan bijgewerkt"
    PLAN = "plan", "Plan van aanpak"
    REFERRAL = "referral", "Verwijzing"
    HANDOVER_MOVED = "handover_moved", "Warme overdracht verzet"
    CLOSED = "closed", "Afgesloten"
    HEROPAF_SCHEDULED = "heropaf_scheduled", "Heropaf gepland"
    HEROPAF_DONE = "heropaf_done", "Heropaf: betalingen lopen weer"
    HEROPAF_UNANSWERED = (
        "heropaf_unanswered",
        "Heropaf afgerond zonder antwoord van de signaalpartner",
    )
    HEROPAF_LATE_ANSWER = "heropaf_late_answer", "Antwoord op heropafvraag na het afronden"
    REOPENED = "reopened", "Heropend door heropaf"
    NOT_PICKED_UP = "not_picked_up", "Niet opgepakt bij matching"
    PICKED_UP_AFTER_REMATCH = "rematched", "Alsnog op te pakken na nieuwe matching"
    LETTER = "letter", "Brief gemaakt"
    SIGNAL_NOT_RESIDENT = "signal_not_resident", "Signaal: geen inwoner (meer)"
    REPEAT_JOINED = "repeat_joined", "Later signaal toegevoegd als herhaalde melding"
    SIGNAL_CORRECTED = "signal_corrected", "Signaal verbeterd aangeleverd"
    SIGNAL_MOVED = "signal_moved", "Signaal naar de melding van een ander adres"


class Event(models.Model):
    """One entry on a melding's timeline: what happened, who did it and when."""

    melding = models.ForeignKey(Melding, related_name="events", on_delete=models.CASCADE)
    kind = models.CharField("soort", max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    details = models.JSONField("gegevens", default=dict)

    class Meta:
        verbose_name = "gebeurtenis"
        verbose_name_plural = "gebeurtenissen"
        ordering = ["-created_at", "-id"]
        # Monitoring counts heropaf outcomes per melding; they are a sliver of the timeline
        # (one event per contact attempt, conversation, ...), so a partial index finds them
        # without reading a region's whole timeline.
        indexes = [
            models.Index(
                fields=["melding"],
                name="event_heropaf_outcome",
                condition=Q(kind__in=["heropaf_done", "heropaf_unanswered", "reopened"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({kenmerk.of(self.melding_id)})"


# A letter or card has no outcome of its own: it went out, and an answer is a new attempt. It
# stays a DDAS contactpoging that did not reach the resident (reached=False, counted so); only
# the words on the melding page differ.
WENT_OUT = {Contactsoort.BRIEF: "verstuurd", Contactsoort.KAARTJE: "achtergelaten"}


class ContactAttempt(models.Model):
    """A contactpoging (DDAS): how, when and whether the resident was reached."""

    melding = models.ForeignKey(Melding, related_name="contact_attempts", on_delete=models.CASCADE)
    contact_round = models.PositiveSmallIntegerField("contactronde", default=1)
    kind = models.CharField("contactsoort", max_length=30, choices=Contactsoort.choices)
    attempted_on = models.DateField("datum")
    part_of_day = models.CharField("dagdeel", max_length=10, choices=Dagdeel.choices)
    moment = models.TimeField(
        "tijd",
        null=True,
        blank=True,
        help_text="Leeg als alleen het dagdeel is vastgelegd (zoals vóór de tijd werd bewaard).",
    )
    reached = models.BooleanField("inwoner bereikt", default=False)
    note = models.CharField("notitie", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "contactpoging"
        verbose_name_plural = "contactpogingen"
        ordering = ["attempted_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.attempted_on}"

    @property
    def went_out(self) -> str:
        """'verstuurd' or 'achtergelaten' for a letter or card that did not reach anyone (it has
        no reached/not-reached outcome of its own); '' for every other attempt."""
        return "" if self.reached else WENT_OUT.get(self.kind, "")


class HelpAnswer(models.TextChoices):
    YES = "ja", "Ja"
    NO = "nee", "Nee"
    LATER = "later", "Later"


class YesNoUnknown(models.TextChoices):
    YES = "ja", "Ja"
    NO = "nee", "Nee"
    UNKNOWN = "onbekend", "Onbekend"


class Provision(models.TextChoices):
    """The usual provisions of the voorzieningencheck."""

    HUURTOESLAG = "huurtoeslag", "Huurtoeslag"
    ZORGTOESLAG = "zorgtoeslag", "Zorgtoeslag"
    KINDGEBONDEN_BUDGET = "kindgebonden_budget", "Kindgebonden budget"
    KINDEROPVANGTOESLAG = "kinderopvangtoeslag", "Kinderopvangtoeslag"
    KWIJTSCHELDING = "kwijtschelding", "Kwijtschelding gemeentelijke belastingen"
    BIJZONDERE_BIJSTAND = "bijzondere_bijstand", "Bijzondere bijstand"
    INDIVIDUELE_INKOMENSTOESLAG = "individuele_inkomenstoeslag", "Individuele inkomenstoeslag"
    ENERGIETOESLAG = "energietoeslag", "Energietoeslag"


class ProvisionStatus(models.TextChoices):
    RECEIVES = "ontvangt_al", "Ontvangt al"
    APPLIED = "aangevraagd", "Nu aangevraagd"
    NOT_ENTITLED = "geen_recht", "Geen recht"
    UNKNOWN = "onbekend", "Onbekend"


class Cause(models.TextChoices):
    """The global cause of the arrears: the only part of the conversation a creditor may hear."""

    INCOME_DROP = "inkomensdaling", "Inkomensdaling"
    HIGHER_COSTS = "hogere_uitgaven", "Hogere uitgaven"
    LIFE_EVENT = "levensgebeurtenis", "Ingrijpende gebeurtenis (scheiding, ziekte, overlijden)"
    NO_OVERVIEW = "geen_overzicht", "Onvoldoende overzicht over de financiën"
    FORGOTTEN = "vergeten", "Vergeten of vergissing"
    OTHER = "anders", "Anders"
    UNKNOWN = "onbekend", "Onbekend"


class LifeDomain(models.TextChoices):
    HOUSING = "wonen", "Wonen"
    WORK = "werk", "Werk en dagbesteding"
    HEALTH = "gezondheid", "Lichamelijke gezondheid"
    MENTAL_HEALTH = "psychisch", "Psychische gezondheid"
    ADDICTION = "verslaving", "Verslaving"
    FAMILY = "gezin", "Gezin en relaties"
    ADMINISTRATION = "administratie", "Administratie"


class Conversation(models.Model):
    """A conversation with the resident: help offered and accepted, voorzieningencheck, cause."""

    melding = models.ForeignKey(Melding, related_name="conversations", on_delete=models.CASCADE)
    contact_round = models.PositiveSmallIntegerField("contactronde", default=1)
    held_on = models.DateField("datum gesprek")
    help_offered = models.CharField("hulp aangeboden", max_length=10, choices=HelpAnswer.choices)
    help_accepted = models.CharField("hulp geaccepteerd", max_length=10, choices=HelpAnswer.choices)
    cause = models.CharField("globale oorzaak", max_length=30, choices=Cause.choices)
    other_domains = models.JSONField(
        "problemen op andere leefgebieden",
        default=list,
        help_text="De andere leefgebieden waarop de inwoner problemen heeft.",
    )
    provisions = models.JSONField(
        "voorzieningencheck",
        default=dict,
        help_text="Per voorziening: ontvangt al, nu aangevraagd, geen recht of onbekend.",
    )
    note = models.TextField("notitie", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "gesprek"
        verbose_name_plural = "gesprekken"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Gesprek {self.held_on}"

    @property
    def other_domain_labels(self) -> list[str]:
        """The other life domains with problems, by their Dutch names, in the form's order."""
        return [domain.label for domain in LifeDomain if domain.value in self.other_domains]

    @property
    def provisions_checked(self) -> list[tuple[str, str]]:
        """The voorzieningencheck as (provision, status) in Dutch, leaving out the provisions
        whose status stayed 'Onbekend' (not asked about)."""
        return [
            (provision.label, ProvisionStatus(self.provisions[provision.value]).label)
            for provision in Provision
            if self.provisions.get(provision.value, ProvisionStatus.UNKNOWN)
            != ProvisionStatus.UNKNOWN
        ]


class BudgetLineKind(models.TextChoices):
    INCOME = "inkomsten", "Inkomsten"
    EXPENSE = "uitgaven", "Uitgaven"


class BudgetLine(models.Model):
    """One monthly income or expense line of the budget scan."""

    melding = models.ForeignKey(Melding, related_name="budget_lines", on_delete=models.CASCADE)
    kind = models.CharField("soort", max_length=10, choices=BudgetLineKind.choices)
    description = models.CharField("omschrijving", max_length=100)
    monthly_cents = models.PositiveBigIntegerField("bedrag per maand (cent)")

    class Meta:
        verbose_name = "regel budgetscan"
        verbose_name_plural = "regels budgetscan"
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class Plan(models.Model):
    """The plan van aanpak: ongoing payments per creditor, room to pay off, problematic debts."""

    melding = models.ForeignKey(Melding, related_name="plans", on_delete=models.CASCADE)
    contact_round = models.PositiveSmallIntegerField("contactronde", default=1)
    ongoing_payments = models.JSONField(
        "afspraken lopende betalingen",
        default=dict,
        help_text="Id van de signaalpartner (als tekst) → afspraak; de naam kan veranderen.",
    )
    room_to_pay_off = models.CharField(
        "ruimte om achterstand af te lossen", max_length=10, choices=YesNoUnknown.choices
    )
    problematic_debts = models.CharField(
        "problematische schulden", max_length=10, choices=YesNoUnknown.choices
    )
    debt_help_started = models.BooleanField(
        "schuldhulpverleningstraject gestart",
        default=False,
        help_text="Het moment van registratie bij BKR; een intake na een signaal telt niet.",
    )
    debt_help_started_on = models.DateField("traject gestart op", null=True, blank=True)
    note = models.TextField("overige afspraken", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "plan van aanpak"
        verbose_name_plural = "plannen van aanpak"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Plan {self.pk} bij melding {kenmerk.of(self.melding_id)}"


class ReferralKind(models.TextChoices):
    DEBT_HELP = "schuldhulpverlening", "Schuldhulpverlening"
    BUDGET_COACHING = "budgetcoaching", "Budgetcoaching"
    ADMINISTRATION = "bewindvoering", "Bewindvoering"
    SOCIAL_WORK = "maatschappelijk_werk", "Maatschappelijk werk"
    NEIGHBOURHOOD_TEAM = "wijkteam", "Wijkteam"
    VOLUNTEERS = "vrijwilligers", "Vrijwillige thuisadministratie"
    OTHER = "anders", "Anders"


class Referral(models.Model):
    """A referral to regular services, with the date of the warm hand-over."""

    melding = models.ForeignKey(Melding, related_name="referrals", on_delete=models.CASCADE)
    # The round it was made in: a result of a later round (after a heropaf reopening) needs a
    # referral of its own round, as it needs a conversation of its own round.
    contact_round = models.PositiveSmallIntegerField("contactronde", default=1)
    kind = models.CharField("verwezen naar", max_length=30, choices=ReferralKind.choices)
    handover_on = models.DateField("datum warme overdracht")
    note = models.CharField("toelichting", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "verwijzing"
        verbose_name_plural = "verwijzingen"
        ordering = ["handover_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.handover_on}"


class ResidenceCheckMethod(models.TextChoices):
    """How a caseworker checked that a person is no resident (any more)."""

    BRP = "brp", "BRP-bevraging"
    HOME_VISIT = "home_visit", "Huisbezoek"
    NEIGHBOURS = "neighbours", "Navraag bij buren of verhuurder"
    OTHER = "other", "Anders"


class NotResidentConfirmation(models.Model):
    """A caseworker's 'Bevestig: geen inwoner (meer)' for one signal that is in force: who, when
    and how it was checked (``casework.not_resident``). Withdrawing it deletes the row; the
    timeline keeps both events."""

    signal = models.OneToOneField(
        Signal,
        verbose_name="signaal",
        related_name="not_resident_confirmation",
        on_delete=models.CASCADE,
    )
    melding = models.ForeignKey(
        Melding, related_name="not_resident_confirmations", on_delete=models.CASCADE
    )
    method = models.CharField(
        "gecontroleerd via", max_length=20, choices=ResidenceCheckMethod.choices
    )
    note = models.CharField("toelichting", max_length=200, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bevestigd door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("bevestigd op", auto_now_add=True)

    class Meta:
        verbose_name = "bevestiging geen inwoner (meer)"
        verbose_name_plural = "bevestigingen geen inwoner (meer)"

    def __str__(self) -> str:
        return f"Geen inwoner (meer): signaal {self.signal_id}"

    @property
    def how(self) -> str:
        """How it was checked, in words: 'Huisbezoek', or the caseworker's own for Anders."""
        if self.method == ResidenceCheckMethod.OTHER and self.note:
            return self.note
        return self.get_method_display()
