from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from vroegsignaal.demo import fresh_start
from vroegsignaal.demo.environment import key_fingerprint
from vroegsignaal.demo.services import DemoSummary, load_demo
from vroegsignaal.demo.users import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Laad de demo-regio Twente: 14 gemeenten, verzonnen vastelastenpartners, gebruikers per "
        "rol en twaalf maanden signalen. Nog een keer draaien op dezelfde dag voegt niets toe; "
        "een demodatabase (SQLite) van een eerdere dag wordt als vorige demo bewaard en opnieuw "
        "geladen."
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
        keys = key_fingerprint(settings.PSEUDONYM_KEY, settings.BSN_ENCRYPTION_KEY)
        wanted = fresh_start.DemoStamp(
            timezone.localdate(), seed, months, scale, keys, fresh_start.generator_fingerprint()
        )
        database = _demo_database_file()
        if database is not None:
            self._start_over_if_stale(database, wanted)
        summary = load_demo(
            seed=seed,
            months=months,
            scale=scale,
            output_dir=output or settings.VAR_DIR / "demo",
            today=wanted.loaded_on,
        )
        if database is not None:
            fresh_start.write_stamp(database, wanted)
        self.stdout.write(_summary_text(summary))

    def _start_over_if_stale(self, database: Path, wanted: fresh_start.DemoStamp) -> None:
        reason = fresh_start.reason_to_start_over(fresh_start.read_stamp(database), wanted)
        if reason is None:
            return
        connections.close_all()  # the files are renamed under SQLite's feet otherwise
        previous = fresh_start.set_aside(database)
        self.stdout.write(
            f"Nieuwe demodatabase: {reason}. De vorige demo staat in {previous} "
            "(te openen met DATABASE_URL)."
        )
        call_command("migrate", interactive=False, verbosity=0)


def _demo_database_file() -> Path | None:
    """The SQLite file the demo may set aside and load anew; None for any other database.

    Only a file database whose audit log is the file beside it (the default set-up of
    `make demo`) qualifies: PostgreSQL or an explicit AUDIT_DATABASE_URL is never renamed.
    """
    default = connections["default"]
    if default.vendor != "sqlite" or default.is_in_memory_db():
        return None
    database = Path(default.settings_dict["NAME"])
    audit = Path(connections["audit"].settings_dict["NAME"])
    return database if audit == fresh_start.audit_file(database) else None


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
            f"  Uitvoering:           {summary.meldingen_worked} meldingen ingepland, "
            f"{summary.casework_steps} stappen gezet, {summary.contact_attempts} contactpogingen",
            f"  Terugkoppeling:       {summary.feedback_releases} vrijgaven, "
            f"{summary.heropaf_answers} heropafvragen beantwoord",
            f"  Klantenlijst:         {summary.known_clients} klanten ingelezen (Enschede)",
            f"  BRP-uittreksel:       {summary.residents} inwoners ingelezen (Enschede)",
            f"  Aanleverbestanden:    {summary.output_dir}",
            f"  Inloggen: gebruikersnamen per rol in docs/demo.md, wachtwoord {DEMO_PASSWORD}",
        ]
    )
