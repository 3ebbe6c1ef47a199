import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.monitoring.ddas_export import PAGE_SIZE, export_documents, write_documents
from vroegsignaal.monitoring.scope import ScopeError, municipality_scope


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
        documents = export_documents(scope.municipalities[0], scope.start, scope.end, page_size)
        try:
            paths = write_documents(documents, out)
        except OSError as exc:
            raise CommandError(f"Kan {out} niet schrijven: {exc.strerror}.") from exc
        signals = sum(len(d["leveringen"][0]["vroegsignalen"]) for d in documents)
        self.stdout.write(f"{signals} signalen in {len(paths)} bestand(en):")
        for path in paths:
            self.stdout.write(f"  {path}")
