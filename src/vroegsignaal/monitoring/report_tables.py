"""The extra indicators of a regional project plan, for the monthly and quarterly reports.

Public API: ``report_tables(scope, today)`` → the dashboard tables plus restored payments and
solved dossiers by kind of solution, problems in other life domains, referrals by kind and the
yearly evictions and bailiff judgments compared with the two years before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count

from vroegsignaal.casework.models import Conversation, LifeDomain, Referral, ReferralKind
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.monitoring.frames import scope_meldingen
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.models import YearFigures
from vroegsignaal.monitoring.scope import Scope
from vroegsignaal.monitoring.tables import Table, dutch_number, percentage

# The end results in which the arrears were dealt with, grouped by the kind of solution.
SOLUTIONS = {
    Eindresultaat.ADVIES_QUICK_FIX: "Advies of quick fix",
    Eindresultaat.ZELF_BETAALD: "Zelf betaald of regeling getroffen",
    Eindresultaat.VERWIJZING: "Vervolghulp of verwijzing",
    Eindresultaat.VERWIJZING_FINANCIEEL: "Vervolghulp of verwijzing financieel",
    Eindresultaat.VERWIJZING_NIET_FINANCIEEL: "Vervolghulp of verwijzing niet financieel",
    Eindresultaat.VERWIJZING_ZONDER_INWONER: "Verwijzing zonder tussenkomst inwoner",
}


def solved_dossiers(results: Table) -> Table:
    """Closed meldingen with a solution, by kind of solution (from the results table)."""
    counts = {SOLUTIONS[row[0]]: row[1] for row in results.rows if row[0] in SOLUTIONS}
    total = sum(counts.values())
    rows = [
        (label, counts[label], percentage(counts[label], total))
        for label in SOLUTIONS.values()
        if label in counts
    ]
    return Table(
        "opgelost",
        "Opgeloste dossiers naar soort oplossing",
        ("Oplossing", "Aantal", "% van opgelost"),
        rows,
    )


def referrals_by_kind(scope: Scope) -> Table:
    """Referrals (warm hand-overs) on the scope's meldingen, per service referred to."""
    counts = dict(
        Referral.objects.filter(melding__in=scope_meldingen(scope))
        .values("kind").annotate(n=Count("id")).values_list("kind", "n")
    )  # fmt: skip
    rows = [
        (ReferralKind(kind).label, n) for kind, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]
    return Table("verwijzingen", "Verwijzingen naar soort hulp", ("Verwezen naar", "Aantal"), rows)


def life_domains(scope: Scope) -> Table:
    """Conversations that found problems in other life domains, per domain.

    The lists are JSON in the conversation; only the list column of conversations in scope is
    read (a small fraction of the meldingen), never a resident's other details.
    """
    lists = Conversation.objects.filter(melding__in=scope_meldingen(scope)).values_list(
        "other_domains", flat=True
    )
    total = len(lists)
    counts = Counter(domain for domains in lists for domain in set(domains))
    rows = [
        (LifeDomain(domain).label, n, percentage(n, total))
        for domain, n in counts.most_common()
        if domain in LifeDomain.values
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
    tables = dashboard_tables(scope, today)
    extra = [
        solved_dossiers(tables["resultaten"]),
        life_domains(scope),
        referrals_by_kind(scope),
        year_figures(scope),
    ]
    return tables | {table.key: table for table in extra}
