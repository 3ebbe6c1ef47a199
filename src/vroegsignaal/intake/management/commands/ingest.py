import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.dutch_numbers import counted
from vroegsignaal.file_errors import dutch_reason
from vroegsignaal.intake.models import Channel, Delivery, DeliveryStatus
from vroegsignaal.intake.services import UnreadableFile, ingest_file, rejected_as_a_whole
from vroegsignaal.organisations.models import Creditor
from vroegsignaal.privacy import command_line
from vroegsignaal.privacy.models import AuditAction

EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = "Een aanlevering (CSV of XLSX) van een vastelastenpartner innemen."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--creditor", required=True, help="Code van de vastelastenpartner.")
        parser.add_argument(
            "--json", action="store_true", help="Het resultaat als één JSON-object."
        )

    def handle(self, *args, file: Path, creditor: str, **options):
        found = Creditor.objects.filter(code=creditor).first()
        if found is None:
            raise CommandError(f"Vastelastenpartner '{creditor}' bestaat niet.")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {dutch_reason(exc)}.") from exc
        try:
            result = ingest_file(found, data, file.name, channel=Channel.CLI)
        except UnreadableFile as exc:
            self._report_unreadable(file, str(exc), options["json"])
            sys.exit(EXIT_UNREADABLE)
        if result.status != DeliveryStatus.DUPLICATE:
            # As the website records an upload: a delivery of the creditor's customers.
            command_line.record(
                AuditAction.CHANGE,
                Delivery.objects.get(pk=result.delivery_id),
                command=f"ingest {file.name} --creditor {found.code}",
                description="aangeleverd (opdrachtregel)",
            )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(
            # The status as the website names it ("gedeeltelijk geaccepteerd").
            f"Aanlevering {result.delivery_id}: {DeliveryStatus(result.status).label.lower()}; "
            f"{counted(result.row_count, 'rij', 'rijen')}, "
            f"{result.accepted_count} geaccepteerd, {result.rejected_count} geweigerd, "
            f"{result.replaced_count} vervangen."
        )
        # Each message names its row and column already ("Rij 7, postcode: ...").
        for error in result.errors:
            self.stdout.write(f"  geweigerd: {error.message}")
        for notice in result.notices:
            self.stdout.write(f"  opmerking: {notice.message}")

    def _report_unreadable(self, file: Path, message: str, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(rejected_as_a_whole(message), ensure_ascii=False))
        else:
            self.stderr.write(f"{file.name} is als geheel geweigerd: {message}")
