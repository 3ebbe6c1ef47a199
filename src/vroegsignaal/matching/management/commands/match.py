import json

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.matching.periods import (
    PeriodError,
    check_begun,
    check_matchable,
    month_name,
    parse_period,
    run_description,
)
from vroegsignaal.matching.services import match_period, record_failed_run
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
        outcomes, failed = [], []
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
            outcome = self._match(found, period)
            outcomes.append(outcome)
            if "failure" in outcome:
                # One municipality's failure (an invalid stored policy, say) does not keep the
                # others from being matched: named now, the command fails at the end.
                failed.append(found.name)
                message = _failure_message(found, period, outcome["failure"])
                if municipality:
                    self._report(outcomes, period, single=True, as_json=options["json"])
                    raise CommandError(message)
                self.stderr.write(message)
        self._report(outcomes, period, single=bool(municipality), as_json=options["json"])
        if failed:
            raise CommandError(
                f"De matching van {month_name(period)} is mislukt voor {len(failed)} van de "
                f"{len(outcomes)} gemeenten: {', '.join(failed)}."
            )

    def _report(self, outcomes: list[dict], period: str, *, single: bool, as_json: bool) -> None:
        """Each run's counts; with --json every outcome, a failed run too (its "failure")."""
        if as_json:
            self.stdout.write(json.dumps(outcomes[0] if single else outcomes, ensure_ascii=False))
            return
        for run in outcomes:
            if "failure" not in run:
                self.stdout.write(
                    f"{run['municipality']} {period}: {run['signals']} signalen → "
                    f"{run['meldingen']} meldingen, {run['go']} op te pakken."
                )

    def _match(self, municipality: Municipality, period: str) -> dict:
        """Match one municipality's month; a run that fails is recorded as on the website
        (the matching page shows it, with who ran it) and returned with its failure."""
        # Recorded before the run, as the website records the request: a run that fails has
        # still read the month's personal data.
        command_line.record(
            AuditAction.CHANGE,
            run_description(municipality, period),
            command=f"match --period {period} --municipality {municipality.code}",
            municipality=municipality,
        )
        user = command_line.os_user()
        try:
            run = match_period(municipality, period, command_line_user=user)
        except Exception as error:
            failed = record_failed_run(municipality, period, None, error, command_line_user=user)
            return {
                "run_id": failed.id,
                "municipality": municipality.code,
                "period": period,
                "failure": failed.failure,
            }
        return {
            "run_id": run.id,
            "municipality": municipality.code,
            "period": period,
            "regional_policy_version": run.regional_policy_version_id,
            "policy_version": run.policy_version_id,
            **run.summary,
        }


def _failure_message(municipality: Municipality, period: str, failure: str) -> str:
    # The failure is the matching page's text (services.failure_reason): an invalid policy's
    # messages already say it is invalid and which version to correct.
    return (
        f"De matching van {municipality.name} voor {month_name(period)} is mislukt: "
        f"{failure} Er is niets veranderd."
    )
