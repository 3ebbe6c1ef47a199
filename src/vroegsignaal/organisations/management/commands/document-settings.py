from pathlib import Path

from django.core.management.base import BaseCommand

from vroegsignaal.conf import PROJECT_DIR, settings_markdown


class Command(BaseCommand):
    help = "docs/configuratie.md opnieuw maken uit de lijst met instellingen (conf.SETTINGS)."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=PROJECT_DIR / "docs" / "configuratie.md")

    def handle(self, *args, out: Path, **options):
        out.write_text(settings_markdown(), encoding="utf-8")
        self.stdout.write(f"{out} bijgewerkt.")
