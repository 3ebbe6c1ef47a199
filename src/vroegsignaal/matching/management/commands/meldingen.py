import json

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.casework.models import Melding
from vroegsignaal.matching.periods import PeriodError, month_name, parse_period
from vroegsignaal.matching.services import meldingen_report
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy import command_line
from vroegsignaal.privacy.models import AuditAction


class Command(BaseCommand):
    help = "De meldingen van een gemeente in een matchingsperiode tonen."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True)
        parser.add_argument("--period", required=True, help="JJJJ-MM")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, municipality: str, period: str, **options):
        found = Municipality.objects.filter(code=municipality.zfill(4)).first()
        if found is None:
            raise CommandError(f"Gemeente {municipality} bestaat niet.")
        try:
            period = parse_period(period)
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        report = meldingen_report(found, period)
        # A list of meldingen with their addresses, as a werkbakje shows them: the entry keeps
        # which, so the privacy officer finds it per resident.
        command_line.record(
            AuditAction.VIEW,
            f"meldingen van {month_name(period)}, gemeente {found.name}",
            command=f"meldingen --municipality {found.code} --period {period}",
            municipality=found,
            shown=[Melding(pk=melding["id"]) for melding in report],
        )
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        for melding in report:
            flags = ", ".join(name for name, on in melding["flags"].items() if on)
            self.stdout.write(
                f"#{melding['id']} {melding['address_key']} prioriteit {melding['priority_score']} "
                f"({flags}) → {melding['queue'] or 'no-go, in geen werkbakje'}"
            )
