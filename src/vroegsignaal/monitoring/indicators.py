"""The monitoring indicators of the chain (domain step 10), each as a ``Table``.

Public API: one function per indicator taking a ``Scope``, the signal and attempt counts of
``frames.py``, the melding counts of ``melding_counts.py`` and, for the figures about residents'
answers and outcomes, the scope's ``Protection`` (small numbers hidden); ``dashboard_tables(scope,
today)`` computes them all from one read of the (already counted) data, and
``tables_and_protection`` also returns the protection for the report's further tables.
Everything is aggregated: no table carries personal data. Percentages are of the row's base,
named in the column header; lead times are in calendar days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat, Signaalpartner
from vroegsignaal.monitoring import accepted_help, deadline_compliance
from vroegsignaal.monitoring.frames import (
    attempt_counts,
    first_signal_months,
    scope_meldingen,
    signal_counts,
)
from vroegsignaal.monitoring.melding_counts import (
    HEROPAF_PLANNED,
    HEROPAF_REOPENED,
    HEROPAF_RESTORED,
    HEROPAF_UNANSWERED,
    MeldingCounts,
    melding_counts,
)
from vroegsignaal.monitoring.protection import Protection, with_legend
from vroegsignaal.monitoring.satisfaction import REACHED_CLOSED, always_reached, satisfaction
from vroegsignaal.monitoring.scope import Scope
from vroegsignaal.monitoring.small_numbers import HIDDEN
from vroegsignaal.monitoring.tables import Table, dutch_number, percentage
from vroegsignaal.privacy.pseudonyms import address_pseudonym

# 'Opgepakt' has one meaning, DDAS's signal status: the policy picks the melding up (go), as
# the creditor's page and the matching page ('Op te pakken') say. DDAS's datumOpgepakt is the
# day of the first contact attempt or conversation: that step is 'Eerste actie gedaan'. The
# note says what each means without naming those screens: a steering group never sees them.
PICKED_UP = "Opgepakt (go)"
FIRST_ACTION = "Eerste actie gedaan"
FUNNEL_STEPS = (
    ("Meldingen", None),
    (PICKED_UP, "go"),
    # One step for the first action: a step 'Contact geprobeerd' (at least one attempt) beside
    # it always carried the same number.
    (FIRST_ACTION, "picked_up"),
    ("Bereikt", "reached"),
    ("Hulp geaccepteerd", "help_accepted"),
    ("Doorverwezen", "referred"),
)
# The steps that tell what a resident chose or got; small numbers of them are hidden
# (``accepted_help``, with the statutory terms that only accepted help has).
SENSITIVE_STEPS = (accepted_help.HELP_ACCEPTED, accepted_help.REFERRED)
FLAGS = (
    ("Enkelvoudig", "is_single"),
    ("Meervoudig", "is_multiple"),
    ("Opeenvolgend", "is_consecutive"),
    ("Crisis", "is_crisis"),
)
LEAD_TIMES = (
    ("Signaal tot eerste contactpoging", "first_attempt"),
    ("Signaal tot eerste contact", "first_contact"),
    ("Signaal tot resultaat", "closed_on"),
)
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def month_label(month: dt.date) -> str:
    """'okt 2026'."""
    return f"{MONTHS[month.month - 1]} {month.year}"


PER_1000_DECIMALS = 2  # also how the figure is written: 4,00 beside 4,01, never 4 or 4,0


def per_1000_per_month(signals: int, inhabitant_months: int) -> float | None:
    """Signals per 1,000 inhabitants per month, two decimals: ``inhabitant_months`` is the
    inhabitants times the months counted (None when it is 0: no inhabitants or no month)."""
    if not inhabitant_months:
        return None
    return round(signals * 1000 / inhabitant_months, PER_1000_DECIMALS)


def signals_per_municipality(signals: pl.DataFrame) -> dict[int, int]:
    """Municipality id → its signals in ``signals`` (as from ``frames.signal_counts``)."""
    return dict(signals.group_by("municipality_id").agg(pl.col("signals").sum()).iter_rows())


def _months_between(first: dt.date, last: dt.date) -> int:
    return max(0, (last.year - first.year) * 12 + last.month - first.month + 1)


@dataclass(frozen=True)
class MonthlyRate:
    """The basis of 'per month': per municipality the signals of the months counted and how
    many months that are. Counted are the scope's complete months from the municipality's first
    signal on. The running month (and any later one) is left out: its signals are still coming
    in (most partners deliver once a month), so it would dilute the rate; so are the months
    before the first signal (a period starting before go-live would divide by empty months)."""

    signals: dict[int, int]
    months: dict[int, int]
    running: str  # the running month's label when the scope touches it, else ''
    data_from: tuple[dt.date, ...]  # the first months counted, when later than the scope start
    before_data: bool  # the whole period lies before any signal

    @classmethod
    def of(
        cls, scope: Scope, signals: pl.DataFrame, today: dt.date, first: dict[int, dt.date]
    ) -> MonthlyRate:
        """``first``: municipality id → month of its first signal (``frames.first_signal_months``)."""
        running = today.replace(day=1)
        end = min(scope.end, running - dt.timedelta(days=1))
        starts = {pk: max(scope.start, first[pk]) for pk in scope.municipality_ids if pk in first}
        months = {pk: _months_between(start, end) for pk, start in starts.items()}
        counted = signals.filter(pl.col("month") < running)
        touches = scope.start <= today and scope.end >= running
        late = sorted({s for s in starts.values() if s > scope.start and s <= scope.end})
        return cls(
            signals_per_municipality(counted),
            months,
            month_label(running) if touches else "",
            tuple(late),
            all(start > scope.end for start in starts.values()),
        )

    def rate(self, municipalities) -> float | None:
        """Signals per 1,000 inhabitants per month of ``municipalities`` together: their
        signals over the sum of each one's inhabitants times its months counted."""
        signals = sum(self.signals.get(m.pk, 0) for m in municipalities)
        inhabitant_months = sum(m.inhabitants * self.months.get(m.pk, 0) for m in municipalities)
        return per_1000_per_month(signals, inhabitant_months)

    @property
    def note(self) -> str:
        return " ".join(part for part in (self._running_note, self._data_note) if part)

    @property
    def _running_note(self) -> str:
        if not self.running:
            return ""
        return (
            f"Per maand over de afgelopen maanden: de lopende maand ({self.running}) telt niet "
            "mee, omdat de signalen van die maand nog binnenkomen. De kolom Signalen telt wel "
            "alle signalen van de periode."
        )

    @property
    def _data_note(self) -> str:
        if self.before_data:
            return "De periode ligt vóór de eerste signalen: er is geen cijfer per maand."
        if not self.data_from:
            return ""
        first = month_label(self.data_from[0])
        since = (
            f"per maand vanaf {first}"
            if len(self.data_from) == 1
            else f"per gemeente vanaf haar eerste maand met signalen (vanaf {first})"
        )
        return f"Maanden vóór de eerste signalen tellen niet mee: {since}."


def _with_go_count(cube: pl.DataFrame) -> pl.DataFrame:
    """The cube with ``go`` as a count of meldingen (the key is 1 for a go row, else 0)."""
    return cube.with_columns(go=pl.col("go") * pl.col("meldingen"))


FUNNEL_NOTE = (
    f"{PICKED_UP}: meldingen die de gemeente volgens haar beleid oppakt (zonder meldingen die "
    "daarna alsnog niet zijn opgepakt, bijvoorbeeld omdat de inwoner is overleden). "
    f"{FIRST_ACTION}: de gemeente heeft voor het eerst geprobeerd de inwoner te bereiken, of "
    "met hem gesproken. Die dag levert de gemeente aan CBS als de datum van oppakken."
)


def funnel(
    signals: pl.DataFrame, counts: MeldingCounts, shown: Protection, today: dt.date
) -> Table:
    """From signals to referred meldingen, as % of meldingen and % of the previous step; a
    step of ``SENSITIVE_STEPS`` shows its mark instead of a small number, and no percentage
    gives it back."""
    accepted_help.protect(shown, today)
    rows = [("Signalen", int(signals["signals"].sum()), None, None)]
    cube = _with_go_count(counts.cube)
    previous = total = int(cube["meldingen"].sum())
    previous_mark = None
    for label, column in FUNNEL_STEPS:
        count = int(cube[column or "meldingen"].sum())
        mark = shown.mark(accepted_help.HELP, column) if column in SENSITIVE_STEPS else None
        of_total = HIDDEN if mark else percentage(count, total)
        of_previous = HIDDEN if mark or previous_mark else percentage(count, previous)
        rows.append((label, mark or count, of_total, of_previous))
        previous, previous_mark = count, mark
    columns = ("Stap", "Aantal", "% van meldingen", "% van vorige stap")
    return Table("trechter", "Van signaal tot doorverwijzing", columns, rows, FUNNEL_NOTE)


def signals_per_inhabitants(scope: Scope, signals: pl.DataFrame, rate: MonthlyRate) -> Table:
    """Signals per 1,000 inhabitants per month (over the complete months of ``rate``), per
    municipality and for the whole scope."""
    per_municipality = signals_per_municipality(signals)
    rows = [
        (m.name, m.inhabitants, per_municipality.get(m.pk, 0), rate.rate([m]))
        for m in scope.municipalities
    ]
    if scope.is_region:
        total = sum(row[2] for row in rows)
        rows.append(
            (
                "Totaal",
                scope.inhabitants,
                total,
                rate.rate(scope.municipalities),
            )
        )
    columns = ("Gemeente", "Inwoners", "Signalen", "Per 1.000 inwoners per maand")
    title = "Signalen per 1.000 inwoners per maand"
    return Table(
        "per-1000-inwoners", title, columns, rows, rate.note, decimals={3: PER_1000_DECIMALS}
    )


def _split(
    key: str, title: str, header: str, counts: dict, order, base_label: str,
    shown: Protection | None = None, note: str = "",
) -> Table:  # fmt: skip
    """``counts`` per label in ``order`` with their share of the total; with ``shown``, the
    counts of ``key`` as the reader sees them (marks instead of small numbers)."""
    total = sum(counts.values())
    labels = [label for label in order if counts.get(label)] + sorted(
        label for label in counts if label not in order
    )
    if shown is None:
        rows = [(label, counts[label], percentage(counts[label], total)) for label in labels]
    else:
        rows = [
            (label, shown.shown(key, label), shown.share(key, label, total)) for label in labels
        ]
    return Table(key, title, (header, "Aantal", f"% van {base_label}"), rows, note)


def by_partner_type(signals: pl.DataFrame) -> Table:
    """Signals per kind of signal partner."""
    counts = dict(signals.group_by("partner_type").agg(pl.col("signals").sum()).iter_rows())
    return _split(
        "signaalpartner", "Signalen per soort signaalpartner", "Soort signaalpartner",
        counts, list(Signaalpartner.values), "signalen",
    )  # fmt: skip


def by_flag(counts: MeldingCounts) -> Table:
    """Meldingen per kind; a melding can be meervoudig and opeenvolgend (and crisis) at once."""
    cube = counts.cube
    total = int(cube["meldingen"].sum())
    rows = [
        (label, int(cube[column].sum()), percentage(int(cube[column].sum()), total))
        for label, column in FLAGS
    ]
    note = "Een melding kan meervoudig én opeenvolgend (en crisis) zijn; de som is dus geen 100%."
    return Table(
        "soort-melding", "Meldingen per soort", ("Soort", "Aantal", "% van meldingen"), rows, note
    )


def by_queue(counts: MeldingCounts) -> Table:
    """Picked-up (go) meldingen per work queue (werkbakje), with how many were reached: how
    each queue's approach works. No-go meldingen have no werkbakje; the note counts them."""
    go = pl.col("go") == 1
    per_queue = (
        counts.cube.filter(go).with_columns(pl.col("queue").fill_null("Geen werkbakje"))
        .group_by("queue").agg(pl.col("meldingen").sum(), pl.col("reached").sum())
        .sort("meldingen", "queue", descending=[True, False])
    )  # fmt: skip
    total = int(per_queue["meldingen"].sum())
    rows = [
        (queue, n, percentage(n, total), reached, percentage(reached, n))
        for queue, n, reached in per_queue.iter_rows()
    ]
    columns = ("Werkbakje", "Meldingen (go)", "% van go-meldingen", "Bereikt", "% bereikt")
    return Table("werkbakje", "Meldingen per werkbakje", columns, rows, _go_note(counts))


def _go_note(counts: MeldingCounts) -> str:
    """'Only go meldingen', with how many no-go meldingen were left out."""
    no_go = int(counts.cube.filter(pl.col("go") == 0)["meldingen"].sum())
    note = "Alleen meldingen die volgens het beleid zijn opgepakt (go)."
    if not no_go:
        return note
    one = no_go == 1
    return (
        f"{note} {dutch_number(no_go)} no-go-melding{'' if one else 'en'} (niet opgepakt: "
        "onterecht signaal, andere reden, herhaalde melding, al bekend, overleden of geen "
        f"inwoner) {'telt' if one else 'tellen'} niet mee."
    )


# The contact kinds that can reach the resident at the moment of the attempt: only these say
# which part of the day works. A letter, card, mail, text message or administrative step is
# answered later (if at all), and 'Overige'/'Onbekend' may be either (see docs/monitoring.md).
AT_THE_MOMENT = (
    Contactsoort.AFSPRAAK_OP_LOCATIE.value, Contactsoort.HUISBEZOEK.value,
    Contactsoort.TELEFOON.value,
)  # fmt: skip


def reach(attempts: pl.DataFrame, by: str) -> Table:
    """Contact attempts and how often they reached the resident, per contact kind (every kind)
    or part of day (only the kinds of ``AT_THE_MOMENT``); ``by``: 'kind' or 'part_of_day',
    ``attempts`` as from ``frames.attempt_counts``."""
    if by == "kind":
        key, title, header, order = (
            "bereik-contactsoort",
            "Bereik per contactsoort",
            "Contactsoort",
            Contactsoort.values,
        )
        # Kaartje is a DDAS contactsoort: CBS counts it as a contactpoging, so this table does.
        note = (
            "Een kaartje na een gemist huisbezoek telt als eigen contactpoging (contactsoort "
            "Kaartje), zoals in de landelijke levering aan CBS."
        )
    else:
        key, title, header, order = (
            "bereik-dagdeel",
            "Bereik per dagdeel",
            "Dagdeel",
            Dagdeel.values,
        )
        attempts = attempts.filter(pl.col("kind").is_in(AT_THE_MOMENT))
        note = (
            "Alleen pogingen waarbij de inwoner op dat moment bereikt kan worden: afspraak op "
            "locatie, huisbezoek en telefoon. Brieven, kaartjes, mail, SMS/Whatsapp, "
            "administratieve pogingen en overige of onbekende soorten tellen niet mee."
        )
    per_value = attempts.group_by(by).agg(pl.col("attempts").sum(), pl.col("reached").sum())
    counts = {row[0]: row[1:] for row in per_value.iter_rows()}
    rows = [
        (label, tried, hit, percentage(hit, tried))
        for label in order
        if label in counts
        for tried, hit in [counts[label]]
    ]
    return Table(key, title, (header, "Pogingen", "Bereikt", "% bereikt"), rows, note)


# The end results in which the arrears were dealt with, grouped by the kind of solution (the
# report's 'Opgeloste dossiers'); their shares of that group are shown too.
SOLUTIONS = {
    Eindresultaat.ADVIES_QUICK_FIX: "Advies of quick fix",
    Eindresultaat.ZELF_BETAALD: "Zelf betaald of regeling getroffen",
    Eindresultaat.VERWIJZING: "Vervolghulp of verwijzing",
    Eindresultaat.VERWIJZING_FINANCIEEL: "Vervolghulp of verwijzing financieel",
    Eindresultaat.VERWIJZING_NIET_FINANCIEEL: "Vervolghulp of verwijzing niet financieel",
    Eindresultaat.VERWIJZING_ZONDER_INWONER: "Verwijzing zonder tussenkomst inwoner",
}


RESULTS_NOTE = (
    "Eindresultaten bereikt in de periode: elke contactronde telt met haar eigen resultaat op "
    "de dag dat ze is afgesloten, ook van meldingen uit een eerdere matchingsmaand. Een melding "
    "die na een heropaf opnieuw is afgesloten, telt zo één keer per ronde, elke keer in de "
    "periode van die afsluiting; een heropaf verandert een afgelopen periode niet."
)


def protect_results(shown: Protection) -> None:
    """Hide the small numbers of the end results over the peers' municipalities: shown as
    shares of all results reached and (the solutions) of the solved ones, and those in which
    the resident was reached add up to the satisfaction table's 'Bereikt en afgesloten'."""
    cells = {
        (result, m): n for m, result, n in shown.results.select(
            "municipality_id", "result", "results"
        ).iter_rows()
    }  # fmt: skip
    every = {result for result, _ in cells}
    shown.protect_counts(
        "resultaten", cells, shares_of=(every, [str(r) for r in SOLUTIONS]),
        told={REACHED_CLOSED: always_reached(shown.results)},
    )  # fmt: skip


def results(shown: Protection) -> Table:
    """The DDAS end results reached in the scope's period, one per contact round closed in it
    (``melding_counts.result_counts``)."""
    protect_results(shown)
    own = shown.results.filter(pl.col("municipality_id").is_in(shown.scope.municipality_ids))
    per_result = dict(own.group_by("result").agg(pl.col("results").sum()).iter_rows())
    return _split(
        "resultaten", "Eindresultaten (DDAS)", "Eindresultaat", per_result,
        list(Eindresultaat.values), "eindresultaten", shown, RESULTS_NOTE,
    )  # fmt: skip


def lead_times(counts: MeldingCounts) -> Table:
    """Days from the first signal to first attempt, first contact and first result (round 1's
    closing: a heropaf later neither removes nor lengthens it) of the picked-up (go)
    meldingen: median and p90. A no-go closed on the matching day is no lead time."""
    rows = []
    for label, column in LEAD_TIMES:
        days = counts.days(column)
        if days.is_empty():
            rows.append((label, 0, None, None))
            continue
        median, p90 = days.median(), days.quantile(0.9, interpolation="linear")
        rows.append((label, days.len(), round(median, 1), round(p90, 1)))
    columns = ("Doorlooptijd", "Meldingen (go)", "Mediaan (dagen)", "90e percentiel (dagen)")
    title = "Doorlooptijden vanaf het eerste signaal"
    note = (
        f"{_go_note(counts)} Signaal tot resultaat loopt tot het eerste eindresultaat (het "
        "afsluiten van contactronde 1); een heropaf die de melding later heropent, verandert "
        "het niet."
    )
    return Table("doorlooptijden", title, columns, rows, note)


HEROPAF_ROWS = (
    ("Betalingen lopen weer (hersteld)", HEROPAF_RESTORED),
    ("Heropend: nieuwe contactronde", HEROPAF_REOPENED),
    ("Afgerond zonder antwoord van de signaalpartner", HEROPAF_UNANSWERED),
    ("Heropaf nog gepland", HEROPAF_PLANNED),
)
HEROPAF_NOTE = (
    "Eén rij per melding: hoe haar heropaf nu staat. Nog gepland: de heropaf moet nog komen. "
    "Anders telt de laatste uitkomst: een melding die bij een heropaf is heropend en bij de "
    "volgende heropaf weer betaalt, staat alleen bij hersteld, en heeft ze na het heropenen "
    "weer een heropaf gepland, alleen bij nog gepland. Hoeveel signaalpartners ook "
    "antwoordden, een heropaf heeft één uitkomst. Zonder antwoord: de uitvoerder rondde de "
    "heropaf af zonder dat een signaalpartner bevestigde dat de betalingen weer lopen; dat "
    "telt niet als hersteld."
)


def heropaf(shown: Protection) -> Table:
    """The scope's meldingen with a heropaf, one row each: payments regular again, reopened for
    a new contact round, or still planned (``melding_counts.heropaf_standing``). Whether
    payments are regular is about the household: small numbers of the outcomes are hidden."""
    cells = {(outcome, m): n for m, outcome, n in shown.heropaf.iter_rows()}
    shown.protect_counts("heropaf", {k: n for k, n in cells.items() if k[0] != HEROPAF_PLANNED})
    planned = sum(cells.get((HEROPAF_PLANNED, m), 0) for m in shown.scope.municipality_ids)
    rows = [
        (label, planned if outcome == HEROPAF_PLANNED else shown.shown("heropaf", outcome))
        for label, outcome in HEROPAF_ROWS
    ]
    return Table("heropaf", "Uitkomsten heropaf", ("Uitkomst", "Meldingen"), rows, HEROPAF_NOTE)


def trend(signals: pl.DataFrame, counts: MeldingCounts, today: dt.date) -> Table:
    """Per month: signals (by signaaldatum) and meldingen, picked up (go), first action done
    and reached (by period)."""
    per_signal_month = signals.group_by("month").agg(pl.col("signals").sum())
    per_period = _with_go_count(counts.cube).group_by("month").agg(
        pl.col("meldingen").sum(), pl.col("go").sum(), pl.col("picked_up").sum(),
        pl.col("reached").sum(),
    )  # fmt: skip
    joined = per_signal_month.join(per_period, on="month", how="full", coalesce=True).sort("month")
    running = today.replace(day=1)
    rows = [
        (
            month_label(month) + (" (lopend)" if month == running else ""),
            *(int(v or 0) for v in values),
        )
        for month, *values in joined.select(
            "month", "signals", "meldingen", "go", "picked_up", "reached"
        ).iter_rows()
    ]
    note = (
        "De lopende maand is nog niet afgelopen: bij meldingen van de laatste weken is vaak nog "
        "geen eerste actie gedaan en is de inwoner nog niet bereikt."
        if running in joined["month"]
        else ""
    )
    columns = ("Maand", "Signalen", "Meldingen", PICKED_UP, FIRST_ACTION, "Bereikt")
    return Table("trend", "Ontwikkeling per maand", columns, rows, note)


def side_by_side(
    scope: Scope, signals: pl.DataFrame, counts: MeldingCounts, rate: MonthlyRate,
    shown: Protection, today: dt.date,
) -> Table:  # fmt: skip
    """The municipalities of the scope next to each other on the main indicators.

    Percentages of all meldingen follow the national measure, but they mostly show a
    municipality's policy (a minimum of two signals leaves most meldingen a no-go); "% go" shows
    that choice and "% bereikt van go" how well the meldingen it took on were reached. The
    shares of help accepted and referred are hidden where their count is (``funnel``).
    """
    accepted_help.protect(shown, today)
    per_signal = signals_per_municipality(signals)
    go = pl.col("go") == 1
    stats = {
        row["municipality_id"]: row
        for row in counts.cube.group_by("municipality_id").agg(
            pl.col("meldingen").sum().alias("n"), pl.col("meldingen").filter(go).sum().alias("go"),
            pl.col("picked_up").sum(), pl.col("reached").sum(),
            pl.col("reached").filter(go).sum().alias("go_reached"),
        ).iter_rows(named=True)
    }  # fmt: skip
    empty = dict.fromkeys(("n", "go", "picked_up", "reached", "go_reached"), 0)
    rows = []
    for m in scope.municipalities:
        s = stats.get(m.pk, empty)
        count = per_signal.get(m.pk, 0)
        rows.append((
            m.name, count, rate.rate([m]), s["n"],
            percentage(s["go"], s["n"]), percentage(s["picked_up"], s["n"]),
            percentage(s["reached"], s["n"]), percentage(s["go_reached"], s["go"]),
            *(shown.share(accepted_help.HELP, step, s["n"], m.pk) for step in SENSITIVE_STEPS),
        ))  # fmt: skip
    columns = (
        "Gemeente", "Signalen", "Per 1.000 inwoners per maand", "Meldingen", "% go",
        "% eerste actie gedaan", "% bereikt", "% bereikt van go", "% hulp geaccepteerd", "% doorverwezen",
    )  # fmt: skip
    return Table(
        "gemeenten", "Gemeenten naast elkaar", columns, rows, rate.note,
        decimals={2: PER_1000_DECIMALS},
    )  # fmt: skip


def reached_households(scope: Scope) -> int:
    """Households (addresses) of the scope's meldingen in which the resident was reached: the
    business case's tariff is per reached household, and a household reached in two months
    has two meldingen. An erased melding's address key is its pseudonym; keys are compared as
    pseudonyms, so one address counts once whether or not retention erased its meldingen."""
    keys = (
        scope_meldingen(scope)
        .filter(first_contact_on__isnull=False)
        .values_list("address_key", flat=True)
        .distinct()
    )
    return len({address_pseudonym(key) for key in keys})


def dashboard_tables(scope: Scope, today: dt.date) -> dict[str, Table]:
    """Every dashboard table of ``scope``, keyed by ``Table.key`` in page order; unless the
    scope is exact, small numbers about residents are hidden (``protection``)."""
    return tables_and_protection(scope, today)[0]


def tables_and_protection(scope: Scope, today: dt.date) -> tuple[dict[str, Table], Protection]:
    """``dashboard_tables(scope, today)`` and the ``Protection`` they were hidden with, which
    the report's further tables use too."""
    signals = signal_counts(scope)
    counts = melding_counts(scope)
    attempts = attempt_counts(scope)
    rate = MonthlyRate.of(scope, signals, today, first_signal_months(scope))
    shown = Protection.of(scope, counts)
    tables = [
        funnel(signals, counts, shown, today),
        signals_per_inhabitants(scope, signals, rate),
        trend(signals, counts, today),
        by_partner_type(signals),
        by_flag(counts),
        by_queue(counts),
        reach(attempts, "kind"),
        reach(attempts, "part_of_day"),
        results(shown),
        lead_times(counts),
        deadline_compliance.compliance(counts, today, shown),
        heropaf(shown),
        satisfaction(shown),
    ]
    if scope.is_region:
        tables.append(side_by_side(scope, signals, counts, rate, shown, today))
    return {table.key: with_legend(table) for table in tables}, shown
