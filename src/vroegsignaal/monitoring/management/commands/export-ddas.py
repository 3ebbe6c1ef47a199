import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.monitoring.ddas_export import (
    PAGE_SIZE,
    delivered,
    delivered_counts,
    export_documents,
    write_documents,
)
from vroegsignaal.monitoring.scope import ScopeError, municipality_scope
from vroegsignaal.privacy import command_line
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.privacy.pages import describe_page


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Datum '{text}' is ongeldig; schrijf JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = (
        "De landelijke DDAS-levering (JSON, v1.2) van één gemeente schrijven; "
        "meer dan 50.000 signalen gaan naar FILE-2, FILE-3, ..."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True, help="CBS-gemeentecode, bv. 0153.")
        parser.add_argument("--from", dest="start", required=True, help="Begindatum JJJJ-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Einddatum JJJJ-MM-DD.")
        parser.add_argument("--out", required=True, type=Path, help="Uitvoerbestand (.json).")
        parser.add_argument(
            "--page-size", type=int, default=PAGE_SIZE, help="Signalen per pagina (max 50.000)."
        )

    def handle(self, *args, municipality, start, end, out: Path, page_size: int, **options):
        if not 1 <= page_size <= PAGE_SIZE:
            raise CommandError(f"--page-size moet tussen 1 en {PAGE_SIZE} liggen.")
        try:
            scope = municipality_scope(municipality, _date(start), _date(end))
        except ScopeError as exc:
            raise CommandError(str(exc)) from exc
        municipality = scope.municipalities[0]
        documents = export_documents(municipality, scope.start, scope.end, page_size)
        try:
            paths = write_documents(documents, out)
        except OSError as exc:
            raise CommandError(f"Kan {out} niet schrijven: {exc.strerror}.") from exc
        signals, _ = delivered_counts(documents)
        # The same delivery as the website's download, with BSNs and addresses: who wrote it
        # where is in the audit log as well.
        command_line.record(
            AuditAction.EXPORT,
            describe_page("monitoring:ddas"),
            command=f"export-ddas --municipality {municipality.code} --from {start} --to {end}",
            municipality=municipality,
            description=f"{describe_page('monitoring:ddas')} "
            f"{delivered(documents, scope.start, scope.end)} naar {', '.join(map(str, paths))}",
        )
        self.stdout.write(f"{signals} signalen in {len(paths)} bestand(en):")
        for path in paths:
            self.stdout.write(f"  {path}")
