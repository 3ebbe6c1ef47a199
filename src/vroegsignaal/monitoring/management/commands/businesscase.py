import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.monitoring.businesscase import ParameterError, Parameters, actuals, calculate
from vroegsignaal.monitoring.cost_share import sharing
from vroegsignaal.monitoring.indicators import reached_households
from vroegsignaal.monitoring.scope import ScopeError, municipality_scope, region_scope


class Command(BaseCommand):
    help = (
        "De businesscase berekenen uit een JSON-bestand met parameters; met --municipality of "
        "--region en --from/--to ook de werkelijke kosten uit de gegevens."
    )

    def add_arguments(self, parser):
        parser.add_argument("--config", type=Path, help="JSON-bestand met parameters.")
        parser.add_argument("--json", action="store_true", help="Het resultaat als JSON.")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--municipality", help="CBS-gemeentecode voor de werkelijke cijfers.")
        which.add_argument("--region", help="Regio voor de werkelijke cijfers.")
        parser.add_argument("--from", dest="start", type=dt.date.fromisoformat)
        parser.add_argument("--to", dest="end", type=dt.date.fromisoformat)

    def handle(self, *args, config, municipality, region, start, end, **options):
        scope = None
        if municipality or region:
            if not (start and end):
                raise CommandError("Geef --from en --to voor de werkelijke cijfers.")
            try:
                scope = (
                    municipality_scope(municipality, start, end)
                    if municipality
                    else region_scope(region, start, end)
                )
            except ScopeError as exc:
                raise CommandError(str(exc)) from exc
        # Unless the config says otherwise, the municipalities of the figures share the costs
        # (for one municipality of a region: the region's, of which it carries its share).
        shared_by, share = sharing(scope)
        fraction = share.fraction if share else None
        parameters = self._parameters(config, shared_by)
        result = {"begroting": calculate(parameters, fraction)}
        if scope is not None:
            result["werkelijk"] = actuals(
                parameters, reached_households(scope), scope.months, fraction or 1.0
            )
        if share is not None:
            result["aandeel"] = share.text
        indent = None if options["json"] else 2
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=indent))

    def _parameters(self, config: Path | None, defaults: dict) -> Parameters:
        if config is None:
            return Parameters.from_dict(defaults)
        try:
            data = json.loads(config.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"Kan {config} niet lezen: {exc.strerror}.") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"{config} is geen geldige JSON (regel {exc.lineno}).") from exc
        if not isinstance(data, dict):
            raise CommandError(f"{config} moet één JSON-object met parameters bevatten.")
        try:
            return Parameters.from_dict({**defaults, **data})
        except ParameterError as exc:
            raise CommandError(str(exc)) from exc
