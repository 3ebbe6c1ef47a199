import json

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.matching.services import meldingen_report
from vroegsignaal.organisations.models import Municipality


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
        report = meldingen_report(found, period)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        for melding in report:
            flags = ", ".join(name for name, on in melding["flags"].items() if on)
            self.stdout.write(
                f"#{melding['id']} {melding['address_key']} prioriteit {melding['priority_score']} "
                f"({flags}) → {melding['queue']}"
            )
