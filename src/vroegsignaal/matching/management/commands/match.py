import json
import re

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.matching.engine import PolicyError
from vroegsignaal.matching.services import match_period
from vroegsignaal.organisations.models import Municipality


class Command(BaseCommand):
    help = "Signalen van een maand matchen tot meldingen (per gemeente); veilig om te herhalen."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="Matchingsperiode JJJJ-MM.")
        parser.add_argument("--municipality", help="CBS-gemeentecode; zonder: alle gemeenten.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, period: str, municipality: str | None, **options):
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
            raise CommandError(f"Periode '{period}' is geen maand in de vorm JJJJ-MM.")
        municipalities = Municipality.objects.order_by("code")
        if municipality:
            municipalities = municipalities.filter(code=municipality.zfill(4))
            if not municipalities:
                raise CommandError(f"Gemeente {municipality} bestaat niet.")
        runs = []
        for found in municipalities:
            try:
                run = match_period(found, period)
            except PolicyError as exc:
                raise CommandError(f"Beleid van {found.name} is ongeldig: {exc}") from exc
            runs.append(
                {
                    "run_id": run.id,
                    "municipality": found.code,
                    "period": period,
                    "policy_version": run.policy_version_id,
                    **run.summary,
                }
            )
        if options["json"]:
            self.stdout.write(json.dumps(runs if not municipality else runs[0], ensure_ascii=False))
            return
        for run in runs:
            self.stdout.write(
                f"{run['municipality']} {period}: {run['signals']} signalen → "
                f"{run['meldingen']} meldingen, {run['go']} op te pakken."
            )
