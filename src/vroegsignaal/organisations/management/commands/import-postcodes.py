from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.organisations.postcodes import PostcodeImportError, import_postcode_areas


class Command(BaseCommand):
    help = "Postcodegebieden importeren uit een CSV met 'postcode;gemeentecode'."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            count = import_postcode_areas(file.read_text(encoding="utf-8-sig"))
        except (PostcodeImportError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{count} postcodegebieden geïmporteerd.")
