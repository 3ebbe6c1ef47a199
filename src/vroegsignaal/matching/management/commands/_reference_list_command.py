"""The shared shape of `import-clients` and `import-brp`: a file and a municipality."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.dutch_text import after_colon
from vroegsignaal.file_errors import dutch_reason
from vroegsignaal.matching.list_doubts import SMALLER
from vroegsignaal.matching.models import ReferenceListKind
from vroegsignaal.matching.reference_lists import (
    ListNeedsConfirmation,
    ReferenceListError,
    read_list_file,
)
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy import command_line
from vroegsignaal.privacy.models import AuditAction


class ReferenceListCommand(BaseCommand):
    importer = None
    command = ""  # as typed after `vroegsignaal`, for the audit log
    # The doubts about the list that an option lifts (list_doubts), as the page's ticks do.
    confirmations = (SMALLER,)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="CBS-gemeentecode, bv. 0153.")
        for confirmation in self.confirmations:
            parser.add_argument(
                confirmation.option,
                action="store_true",
                dest=confirmation.field,
                help=confirmation.option_help,
            )

    def handle(self, *args, file: Path, municipality: str, **options):
        found = Municipality.objects.filter(code=municipality.zfill(4)).first()
        if found is None:
            raise CommandError(f"Gemeente {municipality} bestaat niet.")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {dutch_reason(exc)}.") from exc
        try:
            confirmed = [c for c in self.confirmations if options[c.field]]
            imported = type(self).importer(
                found, read_list_file(data), filename=file.name, confirmed=confirmed
            )
        except ReferenceListError as exc:
            # One fault per line: a list may have many, and each names its row and column.
            first, *rest = [exc.summary, *exc.problems] if exc.summary else exc.problems
            lines = [after_colon(first), *rest]
            if isinstance(exc, ListNeedsConfirmation):
                lines += [confirmation.on_the_command_line for confirmation in exc.confirmations]
            raise CommandError(f"{file.name} is niet ingelezen: " + "\n  ".join(lines)) from exc
        what = ReferenceListKind(imported.kind).label
        command_line.record(
            AuditAction.CHANGE,
            f"{what} ingelezen",
            command=f"{self.command} {file.name} --municipality {found.code}",
            municipality=found,
            description=f"{what} van {found.name} ingelezen: {imported.counted} uit {file.name}",
        )
        if imported.outcome:
            self.stdout.write(imported.outcome)
        for warning in imported.warnings:
            self.stderr.write(warning)
