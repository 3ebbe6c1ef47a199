"""The extra indicators of a regional project plan, for the monthly and quarterly reports.

Public API: ``report_tables(scope, today)`` → the dashboard tables plus restored payments and
solved dossiers by kind of solution, problems in other life domains, referrals by kind and the
yearly evictions and bailiff judgments compared with the two years before. Solutions, life
domains and referrals are about residents: their small numbers are hidden as the dashboard's
(``protection``); the year figures are entered totals from outside the chain and are not.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count

from vroegsignaal.casework.models import Conversation, LifeDomain, Referral, ReferralKind
from vroegsignaal.monitoring.frames import scope_meldingen
from vroegsignaal.monitoring.indicators import SOLUTIONS, protect_results, tables_and_protection
from vroegsignaal.monitoring.models import YearFigures
from vroegsignaal.monitoring.protection import Protection, with_legend
from vroegsignaal.monitoring.scope import Scope
from vroegsignaal.monitoring.tables import Table, dutch_number


def solved_dossiers(shown: Protection) -> Table:
    """Closed meldingen with a solution, by kind of solution (the end results' counts, hidden
    as in the results table)."""
    protect_results(shown)
    counts = {result: shown.count("resultaten", result) for result in SOLUTIONS}
    total = sum(counts.values())
    rows = [
        (label, shown.shown("resultaten", result), shown.share("resultaten", result, total))
        for result, label in SOLUTIONS.items()
        if counts[result]
    ]
    return Table(
        "opgelost",
        "Opgeloste dossiers naar soort oplossing",
        ("Oplossing", "Aantal", "% van opgelost"),
        rows,
    )


def _most_first(shown: Protection, table: str, kinds) -> list:
    """The ``kinds`` the scope has or hides (a count hidden for its bound may be 0: leaving it
    out would tell), the shown counts from most to fewest, then the hidden ones in the order of
    ``kinds``: a hidden count placed between two shown ones would tell them."""
    present = [kind for kind in kinds if shown.count(table, kind) or shown.mark(table, kind)]
    counted = [kind for kind in present if not shown.mark(table, kind)]
    counted.sort(key=lambda kind: -shown.count(table, kind))  # stable: ties keep their order
    return counted + [kind for kind in present if shown.mark(table, kind)]


def referrals_by_kind(shown: Protection) -> Table:
    """Referrals (warm hand-overs) on the scope's meldingen, per service referred to. A kind
    is at most the reached residents (``Protection.reached``), as is 'Doorverwezen', which is 0
    exactly when every kind is: below 5 reached each kind is hidden whatever it is, so that
    neither the kinds listed nor their marks tell whether anyone was referred."""
    per_municipality = (
        Referral.objects.filter(melding__in=scope_meldingen(shown.peers))
        .values("kind", "melding__municipality_id")
        .annotate(n=Count("id"))
        .values_list("kind", "melding__municipality_id", "n")
    )
    reached = shown.reached()
    cells = {(kind, m): 0 for kind in ReferralKind.values for m in reached}
    cells |= {(kind, m): n for kind, m, n in per_municipality}
    bounds = {(kind, m): n for kind in ReferralKind.values for m, n in reached.items()}
    shown.protect_counts("verwijzingen", cells, bounds=bounds)
    rows = [
        (ReferralKind(kind).label, shown.shown("verwijzingen", kind))
        for kind in _most_first(shown, "verwijzingen", ReferralKind.values)
    ]
    return Table("verwijzingen", "Verwijzingen naar soort hulp", ("Verwezen naar", "Aantal"), rows)


def life_domains(shown: Protection) -> Table:
    """Conversations that found problems in other life domains, per domain.

    The lists are JSON in the conversation; only the list column of conversations in scope is
    read (a small fraction of the meldingen), never a resident's other details.
    """
    lists = Conversation.objects.filter(melding__in=scope_meldingen(shown.peers)).values_list(
        "melding__municipality_id", "other_domains"
    )
    ids = set(shown.scope.municipality_ids)
    total = sum(1 for m, _ in lists if m in ids)
    cells = Counter(
        (domain, m)
        for m, domains in lists
        for domain in set(domains)
        if domain in LifeDomain.values
    )
    shown.protect_counts("leefgebieden", cells)
    rows = [
        (
            LifeDomain(domain).label,
            shown.shown("leefgebieden", domain),
            shown.share("leefgebieden", domain, total),
        )
        for domain in _most_first(shown, "leefgebieden", LifeDomain.values)
    ]
    columns = ("Leefgebied", "Gesprekken", "% van gesprekken")
    return Table("leefgebieden", "Problemen op andere leefgebieden", columns, rows)


def year_figures(scope: Scope) -> Table:
    """Evictions and bailiff judgments in the report year and the two years before.

    A region's figure is the sum of its municipalities; while not all of them have entered it,
    the cell says of how many it is ('5 (2 van 14 gemeenten)'), so that nobody reads the sum
    of two municipalities as the region's."""
    years = range(scope.end.year - 2, scope.end.year + 1)
    figures = YearFigures.objects.filter(municipality__in=scope.municipality_ids, year__in=years)
    count = len(scope.municipalities)
    rows = []
    for year in years:
        entered = [f for f in figures if f.year == year]
        rows.append((
            str(year),
            _sum([f.evictions for f in entered], count),
            _sum([f.bailiff_judgments for f in entered], count),
        ))  # fmt: skip
    note = (
        "Per jaar ingevoerd door de projectleider (Monitoring → Jaarcijfers) of de functioneel "
        "beheerder; – = niet ingevoerd."
    )
    if scope.is_region:
        note += (
            " Het cijfer van de regio is de som van haar gemeenten. Staat er '(2 van 14 "
            "gemeenten)', dan is het de som van alleen die gemeenten: dan is er geen cijfer "
            "van de hele regio."
        )
    columns = ("Jaar", "Huisuitzettingen", "Vonnissen deurwaarder")
    return Table("jaarcijfers", "Huisuitzettingen en vonnissen per jaar", columns, rows, note)


def _sum(values: list[int | None], municipalities: int) -> int | str | None:
    """The sum of the known ``values``; with fewer known than ``municipalities``, a text that
    says of how many it is; None when none is known."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    if len(known) == municipalities:
        return sum(known)
    return f"{dutch_number(sum(known))} ({len(known)} van {municipalities} gemeenten)"


def report_tables(scope: Scope, today: dt.date) -> dict[str, Table]:
    """The dashboard tables followed by the project-plan indicators, keyed by ``Table.key``."""
    tables, shown = tables_and_protection(scope, today)
    extra = [
        solved_dossiers(shown),
        life_domains(shown),
        referrals_by_kind(shown),
        year_figures(scope),
    ]
    return tables | {table.key: with_legend(table) for table in extra}
