"""Every term in vroegsignalering, computed in one pure module (no Django, no database).

Public API:
- ``WorkingCalendar`` / ``DEFAULT_CALENDAR``: which days are working days (the law's days, plus a
  municipality's own closed days: ``casework.policy.calendar_for`` builds its calendar);
- ``EQUATED_BY_DECREE``: the days a Royal Decree equates with a holiday (Atw art. 3 lid 3);
  ``is_equated_by_decree(day)``: whether ``day`` is one;
- ``closed_day_problem(day)``: why a day cannot be a municipality's own closed day;
- ``public_holidays(year)``, ``is_working_day``, ``roll_forward``, ``roll_back``,
  ``add_working_days``, ``add_calendar_days``, ``add_months``: the counting primitives;
- ``day_off_name(day, calendar)`` and ``closed_day_note(due, calendar)``: what a due date on a
  day off is, and the last working day before it, for the caseworker;
- ``Term``, ``DeadlinePolicy`` / ``DEFAULT_POLICY`` and ``due_date(term, start, ...)``: the terms;
- ``DeadlineState`` and ``deadline_state(due, today, done_on, closed_on=...)``: what a melding shows.

Non-working days follow the Algemene termijnenwet (Atw) art. 3: Saturdays, Sundays, Nieuwjaarsdag,
Goede Vrijdag (art. 3 lid 2), Tweede Paasdag, Koningsdag, 5 mei, Hemelvaartsdag, Tweede
Pinksterdag and both Kerstdagen, the days equated with them by Royal Decree (art. 3 lid 3), plus
the ``extra_closed_days`` of a calendar. The statutory terms (Wgs art. 4) count the law's days
only; the terms a municipality sets itself or agrees with creditors also skip its own closed days
(``due_date``). docs/termijnen.md explains every term, its basis and how it is counted.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

SATURDAY = 5

# Days a Royal Decree equates with the generally recognised holidays (Atw art. 3 lid 3), exactly
# as lid 2 does for Goede Vrijdag: for every term they are no working day. Each decree covers a
# few years and names its days itself, so no rule can predict them: when the next decree (for
# 2029-2031) is published in the Staatsblad, add it here as one line (docs/termijnen.md).
EQUATED_BY_DECREE: dict[str, frozenset[date]] = {
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en "
    "30 mei 2025 met een algemeen erkende feestdag": frozenset({
        date(2023, 4, 28), date(2023, 5, 19), date(2024, 5, 10), date(2024, 12, 27),
        date(2025, 5, 30),
    }),
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en "
    "26 mei 2028 met een algemeen erkende feestdag": frozenset({
        date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28),
        date(2028, 5, 26),
    }),
}  # fmt: skip


def is_equated_by_decree(day: date) -> bool:
    """Whether a Royal Decree equates ``day`` with a holiday: no working day, yet no feestdag
    (a warning names it as what it is)."""
    return any(day in days for days in EQUATED_BY_DECREE.values())


@lru_cache(maxsize=512)
def public_holidays(year: int) -> frozenset[date]:
    """Return the generally recognised holidays (Atw art. 3) of ``year``, with the days a Royal
    Decree equates with them (``EQUATED_BY_DECREE``).

    The ``holidays`` package lists 5 May only every fifth year (the collective-agreement
    practice); the Atw names it every year, so it is added here.
    """
    equated = {day for days in EQUATED_BY_DECREE.values() for day in days if day.year == year}
    return frozenset(_holiday_names(year)) | equated


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days: Monday to Friday, minus public holidays, minus ``extra_closed_days``.

    ``extra_closed_days`` are the days a municipality closes on its own (carnaval, a collective
    day off); the days of the law, decrees included, are in ``public_holidays``.
    """

    extra_closed_days: frozenset[date] = frozenset()
    # What the municipality called its closed days ('Carnaval'), for the note beside a due date
    # (``closed_day_note``); it changes no count, so two calendars with the same days are equal.
    closed_day_names: tuple[tuple[date, str], ...] = field(default=(), compare=False)

    @property
    def statutory(self) -> WorkingCalendar:
        """The law's working days only: a municipality closing its doors does not lengthen a
        term the law sets (Wgs art. 4, with the extension of Atw art. 1)."""
        return DEFAULT_CALENDAR

    def is_working_day(self, day: date) -> bool:
        """Return whether ``day`` counts as a working day in this calendar."""
        return (
            day.weekday() < SATURDAY
            and day not in public_holidays(day.year)
            and day not in self.extra_closed_days
        )


DEFAULT_CALENDAR = WorkingCalendar()


def closed_day_problem(day: date) -> str:
    """Why ``day`` makes no sense as a municipality's own closed day, in Dutch; '' if it does:
    a day that is no working day anyway changes no term, and is most likely a typing error."""
    if day.weekday() >= SATURDAY:
        return f"{day:%d-%m-%Y} valt in het weekend en is al geen werkdag."
    if day in public_holidays(day.year):
        return (
            f"{day:%d-%m-%Y} telt al niet als werkdag: het is een feestdag of een dag die de "
            "wet met een feestdag gelijkstelt."
        )
    return ""


def is_working_day(day: date, calendar: WorkingCalendar = DEFAULT_CALENDAR) -> bool:
    """Return whether ``day`` is a working day (see ``WorkingCalendar``)."""
    return calendar.is_working_day(day)


def roll_forward(day: date, calendar: WorkingCalendar = DEFAULT_CALENDAR) -> date:
    """Return ``day`` itself if it is a working day, else the next working day (Atw art. 1)."""
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def roll_back(day: date, calendar: WorkingCalendar = DEFAULT_CALENDAR) -> date:
    """Return ``day`` itself if it is a working day, else the last working day before it."""
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


_WEEKDAY_NAMES = {SATURDAY: "zaterdag", SATURDAY + 1: "zondag"}


@lru_cache(maxsize=512)
def _holiday_names(year: int) -> dict[date, str]:
    """The holidays of ``year`` by their Dutch names, as the Atw writes them ('Eerste Kerstdag',
    'Goede Vrijdag'; the package writes 'Eerste kerstdag'), 5 May every year: the one reading
    of the ``holidays`` package, which `public_holidays` counts with."""
    names = holidays.country_holidays("NL", years=year, language="nl")
    written = {
        day: " ".join(w[:1].upper() + w[1:] for w in name.split()) for day, name in names.items()
    }
    return written | {date(year, 5, 5): "Bevrijdingsdag"}


def day_off_name(day: date, calendar: WorkingCalendar = DEFAULT_CALENDAR) -> str:
    """What makes ``day`` no working day in ``calendar``, in Dutch: the holiday ('Eerste
    Kerstdag', also when it falls in the weekend), a day a decree equates with one, the
    municipality's own closed day ('gemeente gesloten (Carnaval)'), 'zaterdag' or 'zondag';
    '' on a working day."""
    if calendar.is_working_day(day):
        return ""
    if is_equated_by_decree(day):
        # Not a feestdag itself: a caseworker who knows 15 May is none would doubt the note.
        return "bij besluit met een feestdag gelijkgesteld"
    holiday = _holiday_names(day.year).get(day)
    if holiday:
        return holiday
    if day in calendar.extra_closed_days:
        description = dict(calendar.closed_day_names).get(day, "")
        return f"gemeente gesloten ({description})" if description else "gemeente gesloten"
    return _WEEKDAY_NAMES[day.weekday()]


def closed_day_note(due: date, calendar: WorkingCalendar = DEFAULT_CALENDAR) -> str:
    """The note beside a due date that is no working day in ``calendar``: 'Eerste Kerstdag;
    laatste werkdag ervoor 24-12-2026'; '' on a working day.

    A term the municipality sets in calendar days ends where it ends, also on a holiday (only a
    statutory term runs on, Atw art. 1; docs/termijnen.md): the caseworker reads that the office
    is closed then and which day is the last to act on."""
    name = day_off_name(due, calendar)
    if not name:
        return ""
    return f"{name}; laatste werkdag ervoor {roll_back(due, calendar):%d-%m-%Y}"


def add_working_days(start: date, n: int, calendar: WorkingCalendar = DEFAULT_CALENDAR) -> date:
    """Return the ``n``-th working day after ``start``.

    Counting starts the day after ``start``; ``start`` itself never counts, whether or not it is a
    working day. So a term of 1 working day from Saturday, or from Tweede Paasdag, ends on the
    first working day after it, exactly as from an ordinary Friday. ``n`` must be at least 1.
    """
    if n < 1:
        raise ValueError(f"Aantal werkdagen moet minstens 1 zijn, niet {n}.")
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def add_calendar_days(start: date, n: int) -> date:
    """Return the date ``n`` calendar days after ``start`` (day ``n`` is the last day)."""
    if n < 0:
        raise ValueError(f"Aantal kalenderdagen mag niet negatief zijn, niet {n}.")
    return start + timedelta(days=n)


def add_months(start: date, months: int) -> date:
    """Return the same day ``months`` months later, clamped to the end of a shorter month.

    31 August + 6 months is 28 February (29 February in a leap year).
    """
    if months < 0:
        raise ValueError(f"Aantal maanden mag niet negatief zijn, niet {months}.")
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


@dataclass(frozen=True)
class DeadlinePolicy:
    """The terms a municipality sets itself; the defaults are the usual practice."""

    first_action_days: int = 14
    first_action_limit_days: int = 28
    heropaf_months: int = 6

    def __post_init__(self) -> None:
        if problems := policy_problems(**vars(self)):
            raise ValueError(" ".join(f"{key}: {message}" for key, message in problems.items()))


def policy_problems(
    first_action_days: int, first_action_limit_days: int, heropaf_months: int
) -> dict[str, str]:
    """What makes a municipality's terms impossible, by setting, in Dutch: the beheeromgeving
    shows each at its field (CaseworkPolicy.clean) before DeadlinePolicy would refuse them."""
    problems = {}
    if first_action_days < 1:
        problems["first_action_days"] = "De termijn voor de eerste actie is minstens 1 dag."
    elif first_action_limit_days < first_action_days:
        problems["first_action_limit_days"] = (
            f"De termijn voor de eerste actie ({first_action_days} dagen) ligt na de uiterste "
            f"termijn ({first_action_limit_days} dagen); maak de uiterste termijn minstens even "
            "lang."
        )
    if heropaf_months < 1:
        problems["heropaf_months"] = "De heropaf is minstens 1 maand na de terugkoppeling."
    return problems


DEFAULT_POLICY = DeadlinePolicy()

# Fixed by law or by the agreements with creditors, so deliberately not in DeadlinePolicy.
CRISIS_CONVERSATION_WORKING_DAYS = 3
FIRST_CONVERSATION_CALENDAR_DAYS = 28
GO_NO_GO_WORKING_DAYS = 5
OUTCOME_FEEDBACK_WORKING_DAYS = 28


class Term(StrEnum):
    """Every term a melding can have; ``label`` and ``basis`` are shown to users."""

    FIRST_ACTION = "first_action"
    FIRST_ACTION_LIMIT = "first_action_limit"
    CRISIS_CONVERSATION = "crisis_conversation"
    FIRST_CONVERSATION = "first_conversation"
    GO_NO_GO = "go_no_go"
    OUTCOME_FEEDBACK = "outcome_feedback"
    HEROPAF = "heropaf"

    @property
    def label(self) -> str:
        """Dutch name of the term."""
        return _TERM_TEXT[self][0]

    @property
    def basis(self) -> str:
        """Dutch description of where the term comes from and what the start date is."""
        return _TERM_TEXT[self][1]


# The first action of a crisis melding, whichever day its term runs from.
CRISIS_FIRST_ACTION = "bij een crisissignaal 3 werkdagen (eigen spoednorm, geen wettelijke termijn)"

_TERM_TEXT: dict[Term, tuple[str, str]] = {
    Term.FIRST_ACTION: (
        "Eerste actie gemeente",
        f"Termijn van het werkbakje (beleid gemeente) na de matchingsdatum; {CRISIS_FIRST_ACTION}",
    ),
    Term.FIRST_ACTION_LIMIT: (
        "Uiterste termijn eerste actie",
        "Gemeentelijk beleid; kalenderdagen na de matchingsdatum",
    ),
    Term.CRISIS_CONVERSATION: (
        "Eerste gesprek bij crisissignaal",
        "Wgs art. 4 lid 2; 3 werkdagen na acceptatie van hulp",
    ),
    Term.FIRST_CONVERSATION: (
        "Eerste gesprek",
        "Wgs art. 4 lid 1; 4 weken na acceptatie van hulp, verlengd volgens Atw art. 1",
    ),
    Term.GO_NO_GO: (
        "Go/no-go aan signaalpartner",
        "Afspraak met de signaalpartner; 5 werkdagen na de matchingsrun",
    ),
    Term.OUTCOME_FEEDBACK: (
        "Terugkoppeling uitkomst aan signaalpartner",
        "Afspraak met de signaalpartner; 28 werkdagen na de matchingsrun",
    ),
    Term.HEROPAF: (
        "Heropaf",
        "Gemeentelijk beleid; kalendermaanden na de datum van de terugkoppeling, op een werkdag",
    ),
}


def due_date(
    term: Term,
    start: date,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
    policy: DeadlinePolicy = DEFAULT_POLICY,
) -> date:
    """Return the last day on which ``term`` is met, counted from ``start``.

    ``start`` is the event the term runs from (see ``Term.basis``): the matching date or run,
    the acceptance of help, or the feedback date for heropaf.
    ``calendar`` is the municipality's (``casework.policy.calendar_for``): its own closed days
    count for go/no-go, outcome feedback and the heropaf; the statutory conversation terms
    count the law's days only (``WorkingCalendar.statutory``).
    """
    match term:
        case Term.FIRST_ACTION:
            return add_calendar_days(start, policy.first_action_days)
        case Term.FIRST_ACTION_LIMIT:
            return add_calendar_days(start, policy.first_action_limit_days)
        case Term.CRISIS_CONVERSATION:
            # Statutory (Wgs art. 4 lid 2): the law's working days, not the municipality's.
            return add_working_days(start, CRISIS_CONVERSATION_WORKING_DAYS, calendar.statutory)
        case Term.FIRST_CONVERSATION:
            # A statutory term ending on a non-working day runs on to the next working day
            # (Atw art. 1): a day of the law, not one the municipality closes on its own.
            end = add_calendar_days(start, FIRST_CONVERSATION_CALENDAR_DAYS)
            return roll_forward(end, calendar.statutory)
        case Term.GO_NO_GO:
            return add_working_days(start, GO_NO_GO_WORKING_DAYS, calendar)
        case Term.OUTCOME_FEEDBACK:
            return add_working_days(start, OUTCOME_FEEDBACK_WORKING_DAYS, calendar)
        case Term.HEROPAF:
            # Six months after a Friday release is often a Sunday: the heropaf is on a workday.
            return roll_forward(add_months(start, policy.heropaf_months), calendar)
    raise ValueError(f"Onbekende termijn: {term!r}.")


def conversation_term(crisis: bool) -> Term:
    """The statutory term for the first conversation: Wgs art. 4 lid 2 for a crisis signal,
    lid 1 otherwise. Both run from the acceptance of help and only from it: a melding closed
    without its resident accepting help has neither (``DeadlineState.NO_HELP_ACCEPTED``)."""
    return Term.CRISIS_CONVERSATION if crisis else Term.FIRST_CONVERSATION


class DeadlineState(StrEnum):
    """Where a deadline stands; ``label`` is the Dutch text on the melding."""

    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"
    LAPSED = "lapsed"
    MISSED = "missed"
    # Closed without the resident accepting help: a term that runs from acceptance never began.
    NO_HELP_ACCEPTED = "no_help_accepted"
    # The heropaf date has come but a creditor may still answer the heropaf question.
    AWAITING_PARTNER = "awaiting_partner"

    @property
    def label(self) -> str:
        """Dutch label shown to users."""
        return _STATE_LABELS[self]


_STATE_LABELS: dict[DeadlineState, str] = {
    DeadlineState.ON_TIME: "Op tijd",
    DeadlineState.DUE_SOON: "Bijna verlopen",
    DeadlineState.OVERDUE: "Verlopen",
    DeadlineState.MET: "Gehaald",
    DeadlineState.MET_LATE: "Te laat gehaald",
    DeadlineState.LAPSED: "Vervallen: melding afgesloten",
    DeadlineState.MISSED: "Niet gehaald",
    DeadlineState.NO_HELP_ACCEPTED: "Vervallen: geen hulp geaccepteerd",
    DeadlineState.AWAITING_PARTNER: "Wacht op antwoord signaalpartner",
}


def deadline_state(
    due: date,
    today: date,
    done_on: date | None = None,
    soon_days: int = 3,
    closed_on: date | None = None,
) -> DeadlineState:
    """Return the state of a deadline that ends on ``due`` (inclusive), as seen on ``today``.

    Once done, the state depends only on ``done_on``. A term not done when its melding was
    closed (``closed_on``) stops running: lapsed if it had not ended yet, missed if it had.
    Otherwise it is due soon from ``soon_days`` calendar days before ``due`` up to and including
    ``due``, and overdue after it.
    """
    if done_on is not None:
        return DeadlineState.MET if done_on <= due else DeadlineState.MET_LATE
    if closed_on is not None:
        return DeadlineState.LAPSED if closed_on <= due else DeadlineState.MISSED
    if today > due:
        return DeadlineState.OVERDUE
    if (due - today).days <= soon_days:
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TIME
