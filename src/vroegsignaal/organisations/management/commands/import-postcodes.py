from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.dutch_numbers import counted
from vroegsignaal.file_errors import dutch_reason
from vroegsignaal.organisations import postcode_moves
from vroegsignaal.organisations.postcodes import PostcodeImportError, import_postcode_areas


class Command(BaseCommand):
    help = "Postcodegebieden importeren uit een CSV met 'postcode;gemeentecode'."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        postcode_moves.add_move_option(parser)

    def handle(self, *args, file: Path, verhuizen: bool, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {dutch_reason(exc)}.") from exc
        try:
            plan = import_postcode_areas(text, allow_moves=verhuizen)
        except PostcodeImportError as exc:
            raise CommandError(
                postcode_moves.refusal(file.name, exc.problems, exc.moves_refused)
            ) from exc
        command = f"import-postcodes {file.name}" + (" --verhuizen" if verhuizen else "")
        postcode_moves.record_in_audit_log(plan, command)
        total = len(plan.changes) + plan.unchanged
        self.stdout.write(
            f"{counted(total, 'postcodegebied', 'postcodegebieden')} geïmporteerd: "
            f"{postcode_moves.counts(plan)}."
        )
        for line in postcode_moves.move_lines(plan):
            self.stdout.write(line)
