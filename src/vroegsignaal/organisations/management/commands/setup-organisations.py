from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.file_errors import dutch_reason
from vroegsignaal.organisations import postcode_moves
from vroegsignaal.organisations.configuration import (
    ConfigurationError,
    apply_document,
    load_document,
)


class Command(BaseCommand):
    help = "Regio's, gemeenten, vastelastenpartners en convenanten aanmaken of bijwerken uit JSON/YAML."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        postcode_moves.add_move_option(parser)

    def handle(self, *args, file: Path, verhuizen: bool, **options):
        try:
            report = apply_document(load_document(file), allow_moves=verhuizen)
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {dutch_reason(exc)}.") from exc
        except ConfigurationError as exc:
            raise CommandError(
                postcode_moves.refusal(file.name, exc.problems, exc.moves_refused)
            ) from exc
        command = f"setup-organisations {file.name}" + (" --verhuizen" if verhuizen else "")
        postcode_moves.record_in_audit_log(report.areas, command)
        for label, counts in (("aangemaakt", report.created), ("bijgewerkt", report.updated)):
            for kind, count in sorted(counts.items()):
                self.stdout.write(f"{kind}: {count} {label}")
        if not report.created and not report.updated:
            self.stdout.write("Niets gewijzigd.")
        for line in postcode_moves.move_lines(report.areas):
            self.stdout.write(line)
