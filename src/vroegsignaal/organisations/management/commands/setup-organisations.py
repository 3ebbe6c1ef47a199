from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.organisations.configuration import (
    ConfigurationError,
    apply_document,
    load_document,
)


class Command(BaseCommand):
    help = "Regio's, gemeenten, vastelastenpartners en convenanten aanmaken of bijwerken uit JSON/YAML."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            report = apply_document(load_document(file))
        except (ConfigurationError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for label, counts in (("aangemaakt", report.created), ("bijgewerkt", report.updated)):
            for kind, count in sorted(counts.items()):
                self.stdout.write(f"{kind}: {count} {label}")
        if not report.created and not report.updated:
            self.stdout.write("Niets gewijzigd.")
