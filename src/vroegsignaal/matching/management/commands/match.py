import json

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.matching.engine import PolicyError
from vroegsignaal.matching.periods import (
    PeriodError,
    check_begun,
    check_matchable,
    month_name,
    parse_period,
    run_description,
)
from vroegsignaal.matching.services import failure_reason, match_period
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy import command_line
from vroegsignaal.privacy.models import AuditAction


class Command(BaseCommand):
    help = "Signalen van een maand matchen tot meldingen (per gemeente); veilig om te herhalen."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="Matchingsperiode JJJJ-MM.")
        parser.add_argument("--municipality", help="CBS-gemeentecode; zonder: alle gemeenten.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, period: str, municipality: str | None, **options):
        municipalities = Municipality.objects.order_by("code")
        if municipality:
            municipalities = municipalities.filter(code=municipality.zfill(4))
            if not municipalities:
                raise CommandError(f"Gemeente {municipality} bestaat niet.")
        try:
            period = parse_period(period)
            check_begun(period)
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        runs = []
        for found in municipalities:
            try:
                check_matchable(found, period)
            except PeriodError as exc:
                # The month is refused as on the matching page; of all municipalities, one
                # without signals that month is skipped (the others are matched).
                if municipality:
                    raise CommandError(str(exc)) from exc
                self.stderr.write(f"{found.code} {period} overgeslagen: {exc}")
                continue
            runs.append(self._match(found, period))
        if options["json"]:
            self.stdout.write(json.dumps(runs if not municipality else runs[0], ensure_ascii=False))
            return
        for run in runs:
            self.stdout.write(
                f"{run['municipality']} {period}: {run['signals']} signalen → "
                f"{run['meldingen']} meldingen, {run['go']} op te pakken."
            )

    def _match(self, municipality: Municipality, period: str) -> dict:
        # Recorded before the run, as the website records the request: a run that fails has
        # still read the month's personal data.
        command_line.record(
            AuditAction.CHANGE,
            run_description(municipality, period),
            command=f"match --period {period} --municipality {municipality.code}",
            municipality=municipality,
        )
        try:
            run = match_period(municipality, period, command_line_user=command_line.os_user())
        except PolicyError as exc:
            # The policy's messages already say it is invalid and which version to correct.
            raise CommandError(
                f"De matching van {municipality.name} voor {month_name(period)} is mislukt: "
                f"{failure_reason(exc)} Er is niets veranderd."
            ) from exc
        return {
            "run_id": run.id,
            "municipality": municipality.code,
            "period": period,
            "policy_version": run.policy_version_id,
            **run.summary,
        }
