from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vroegsignaal.monitoring.report_pdf import render_pdf
from vroegsignaal.monitoring.scope import (
    ScopeError,
    month_text_period,
    month_title,
    municipality_scope,
    quarter_period,
    quarter_title,
    region_scope,
)


class Command(BaseCommand):
    help = "De kwartaalrapportage of het maandrapport (PDF) van een gemeente of regio maken."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--municipality", help="CBS-gemeentecode, bv. 0153.")
        which.add_argument("--region", help="Naam van de regio, bv. Twente.")
        period = parser.add_mutually_exclusive_group(required=True)
        period.add_argument("--quarter", help="Kwartaal, bv. 2026Q3.")
        period.add_argument("--month", help="Maand (maandrapport), bv. 2026-10.")
        parser.add_argument("--out", required=True, type=Path, help="Uitvoerbestand (.pdf).")

    def handle(self, *args, municipality, region, quarter, month, out: Path, **options):
        today = timezone.localdate()
        try:
            if quarter:
                (start, end), title = quarter_period(quarter, today), quarter_title
            else:
                (start, end), title = month_text_period(month, today), month_title
            if municipality:
                scope = municipality_scope(municipality, start, end)
            else:
                scope = region_scope(region, start, end)
        except ScopeError as exc:
            raise CommandError(str(exc)) from exc
        pdf = render_pdf(scope, today, title(start))
        try:
            out.write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"Kan {out} niet schrijven: {exc.strerror}.") from exc
        self.stdout.write(f"{title(start)}: {scope.label} geschreven naar {out}.")
