from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.dutch_numbers import counted
from vroegsignaal.file_errors import dutch_reason
from vroegsignaal.intake.reading import UnreadableFile, csv_text
from vroegsignaal.organisations import postcode_moves
from vroegsignaal.organisations.postcodes import PostcodeImportError, import_postcode_areas

# What to deliver instead of a file that is no text (an Excel workbook, a PDF).
ADVICE = (
    "Lever een tekstbestand met per regel 'postcode;gemeentecode' (in Excel: opslaan als "
    "'CSV UTF-8 (door komma's gescheiden)')."
)


class Command(BaseCommand):
    help = "Postcodegebieden importeren uit een CSV met 'postcode;gemeentecode'."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        postcode_moves.add_move_option(parser)

    def handle(self, *args, file: Path, verhuizen: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {dutch_reason(exc)}.") from exc
        try:
            # Decoded as a delivery is: UTF-8, Windows-1252 or UTF-16 with BOM; a file in none
            # of them was a UnicodeDecodeError's traceback until 27-11-2026.
            text = csv_text(data, ADVICE, excel_read=False)
        except UnreadableFile as exc:
            raise CommandError(
                f"{file.name} is niet ingelezen; er is niets opgeslagen. {exc.message}"
            ) from exc
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
