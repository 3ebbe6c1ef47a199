"""Deadline compliance over many meldingen at once, using the terms of casework.deadlines.

Public API: ``compliance(counts, today, shown)`` → a ``Table``, from the ``cube`` grouping of
``melding_counts``: the municipality's pick-up term; and the statutory first conversation in two
rows, Wgs art. 4 lid 1 (4 weeks) and lid 2 (crisis), both from the acceptance of help, as
``accepted_help`` counts and protects them.

A term stopped by closing the melding within it, and a melding closed without its resident
accepting help (the statutory term never began), are two columns: the melding page's
'Vervallen: melding afgesloten' and 'Vervallen: geen hulp geaccepteerd' (QA11 finding 5: one
column 'Vervallen' held both). Whether help was accepted is what a household answered, and
every other cell of the statutory rows counts meldingen whose resident accepted it: their small
numbers are hidden with the funnel's 'Hulp geaccepteerd' (``accepted_help``), and so is '% op
tijd' beside a hidden count it is made of. The pick-up row is the chain's own work, about every
go melding whether help was accepted or not, and shown as it is.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from vroegsignaal.monitoring import accepted_help
from vroegsignaal.monitoring.melding_counts import MeldingCounts
from vroegsignaal.monitoring.protection import Protection
from vroegsignaal.monitoring.tables import Table, percentage


def _row(label: str, on_time, late, missed, overdue, lapsed, waiting, no_help) -> tuple:
    # Only a term that has ended is met or not: one stopped by closing within it, still
    # running or that never began (no help accepted) is neither.
    ended = on_time + late + missed + overdue
    cells = (on_time, late, missed, overdue, lapsed, waiting, no_help)
    return (label, *cells, percentage(on_time, ended))


def _statutory_row(label: str, shown: Protection, crisis: bool) -> tuple:
    return (label, *accepted_help.terms(shown, crisis), accepted_help.on_time_share(shown, crisis))


def _pick_up(counts: MeldingCounts, today: dt.date) -> tuple[int, ...]:
    """Go meldingen with a pick-up term: picked up by the due date or after it, closed without
    being picked up after or before it, or still open (the due date passed or still ahead)."""
    state, due, meldingen = pl.col("pick_up"), pl.col("open_due_on"), pl.col("meldingen")
    totals = counts.cube.select(
        on_time=meldingen.filter(state == "on_time").sum(),
        late=meldingen.filter(state == "late").sum(),
        missed=meldingen.filter(state == "missed").sum(),
        overdue=meldingen.filter((state == "open") & (due < today)).sum(),
        lapsed=meldingen.filter(state == "lapsed").sum(),
        waiting=meldingen.filter((state == "open") & (due >= today)).sum(),
    )
    return tuple(int(v) for v in totals.row(0))


_STATUTORY = "Eerste gesprek binnen wettelijke termijn"
NOTE = (
    "Alleen go-meldingen. "
    "Eerste gesprek, lid 1: 4 weken na het accepteren van hulp (valt de laatste dag in een "
    "weekend of op een feestdag, dan de eerstvolgende werkdag). Lid 2, crisissignaal: "
    "3 werkdagen na het accepteren van hulp. "
    "Niet gehaald: de melding is na de termijn afgesloten zonder dat de termijn gehaald was. "
    "Afgesloten binnen termijn: de melding is afgesloten voordat de termijn voorbij was en "
    "voordat hij gehaald was. "
    "Geen hulp geaccepteerd: de inwoner accepteerde geen hulp (of is niet bereikt) en de "
    "melding is afgesloten; de wettelijke termijn voor het eerste gesprek begint pas als de "
    "inwoner hulp accepteert en is dus nooit begonnen. Voor het oppakken telt dat niet: die "
    "termijn loopt vanaf de matching. Een open melding zonder geaccepteerde hulp telt nog niet "
    "mee. "
    "% op tijd = op tijd / (op tijd + te laat + niet gehaald + verlopen): het deel van de "
    "termijnen die voorbij zijn dat op tijd gehaald is. De kolommen Afgesloten binnen "
    "termijn, Loopt nog en Geen hulp geaccepteerd tellen niet mee in % op tijd: daar is de "
    "termijn niet gehaald en ook niet gemist."
)
# Said only where the statutory rows hide a figure (every cell there is about residents who
# accepted help, or did not).
SMALL_NUMBERS_NOTE = (
    "De rijen van de wettelijke termijn tellen alleen meldingen waarin de inwoner hulp "
    "accepteerde (of afsloot zonder): daar zijn kleine aantallen afgeschermd, net als 'Hulp "
    "geaccepteerd' in de trechter. % op tijd is dan ook 'x' als een van de aantallen waaruit "
    "het berekend is, is afgeschermd."
)


def compliance(counts: MeldingCounts, today: dt.date, shown: Protection) -> Table:
    """Picked up within the municipality's term, first conversation within the Wgs term;
    ``shown`` hides the small numbers of the statutory rows (``accepted_help``)."""
    accepted_help.protect(shown, today)
    rows = [
        # The pick-up term runs from the matching, whether or not help is accepted later.
        _row("Oppakken binnen termijn gemeente", *_pick_up(counts, today), None),
        # Two rows: steering groups ask for the crisis term apart from the usual one (QA9 B9).
        _statutory_row(f"{_STATUTORY}, Wgs art. 4 lid 1: binnen 4 weken", shown, False),
        _statutory_row(
            f"{_STATUTORY}, Wgs art. 4 lid 2, crisissignaal: binnen 3 werkdagen", shown, True
        ),
    ]
    hides = any(isinstance(cell, str) for row in rows[1:] for cell in row[1:])
    columns = (
        "Termijn", "Op tijd", "Te laat", "Niet gehaald (afgesloten)", "Verlopen (open)",
        "Afgesloten binnen termijn", "Loopt nog", "Geen hulp geaccepteerd", "% op tijd",
    )  # fmt: skip
    note = f"{NOTE} {SMALL_NUMBERS_NOTE}" if hides else NOTE
    return Table("termijnen", "Termijnen gehaald", columns, rows, note)
