from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.demo.services import DemoSummary, load_demo
from vroegsignaal.demo.users import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Laad de demo-regio Twente: 14 gemeenten, verzonnen vastelastenpartners, gebruikers per "
        "rol en twaalf maanden signalen. Nog een keer draaien voegt niets toe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Zelfde seed, zelfde data.")
        parser.add_argument(
            "--months", type=int, default=12, help="Aantal maanden signalen, tot en met deze maand."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Vermenigvuldiger voor het aantal signalen (1 = ongeveer 4 per 1.000 inwoners per maand).",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Map voor de aanleverbestanden (standaard var/demo).",
        )

    def handle(self, *args, seed: int, months: int, scale: float, output: Path | None, **options):
        if not 1 <= months <= 60:
            raise CommandError("--months moet tussen 1 en 60 liggen.")
        if not 0 < scale <= 10:
            raise CommandError("--scale moet groter dan 0 en hoogstens 10 zijn.")
        summary = load_demo(
            seed=seed, months=months, scale=scale, output_dir=output or settings.VAR_DIR / "demo"
        )
        self.stdout.write(_summary_text(summary))


def _summary_text(summary: DemoSummary) -> str:
    return "\n".join(
        [
            "Demo-regio Twente geladen.",
            f"  Gemeenten:            {summary.municipalities}",
            f"  Vastelastenpartners:  {summary.creditors}",
            f"  Gebruikers:           {summary.users} ({summary.users_created} nieuw)",
            f"  Aanleveringen:        {summary.deliveries_new} nieuw, "
            f"{summary.deliveries_known} al eerder ingenomen",
            f"  Signalen:             {summary.accepted} geaccepteerd, "
            f"{summary.rejected} rijen geweigerd",
            f"  Meldingen:            {summary.meldingen} (alle maanden gematcht), "
            f"{summary.closed} afgesloten",
            f"  Beleid:               {summary.policies_saved} nieuwe beleidsversies "
            "(Twente, Enschede)",
            f"  Uitvoering:           {summary.meldingen_worked} meldingen opgepakt in "
            f"{summary.casework_steps} stappen, {summary.contact_attempts} contactpogingen",
            f"  Terugkoppeling:       {summary.feedback_releases} vrijgaven, "
            f"{summary.heropaf_answers} heropafvragen beantwoord",
            f"  Aanleverbestanden:    {summary.output_dir}",
            f"  Inloggen: gebruikersnamen per rol in docs/demo.md, wachtwoord {DEMO_PASSWORD}",
        ]
    )
