"""The shared shape of `import-clients` and `import-brp`: a file and a municipality."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.matching.reference_lists import ReferenceListError
from vroegsignaal.organisations.models import Municipality


class ReferenceListCommand(BaseCommand):
    importer = None
    what = ""

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="CBS-gemeentecode, bv. 0153.")

    def handle(self, *args, file: Path, municipality: str, **options):
        found = Municipality.objects.filter(code=municipality.zfill(4)).first()
        if found is None:
            raise CommandError(f"Gemeente {municipality} bestaat niet.")
        try:
            count = type(self).importer(
                found, file.read_text(encoding="utf-8-sig"), filename=file.name
            )
        except (ReferenceListError, OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file.name} is niet ingelezen: {exc}") from exc
        self.stdout.write(
            f"{count} {self.what} ingelezen voor {found.name}; de vorige lijst is vervangen."
        )
