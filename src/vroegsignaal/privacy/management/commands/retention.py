"""`vroegsignaal retention [--dry-run]`: apply the retention terms (daily, from cron or a timer)."""

from django.core.management.base import BaseCommand, CommandError

from vroegsignaal.privacy import retention


class Command(BaseCommand):
    help = "Wis wat over de bewaartermijn is en meld per soort hoeveel (zie docs/privacy.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen tellen wat gewist zou worden."
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            run = retention.run(dry_run=dry_run)
        except Exception as error:
            # A non-zero exit, so cron or monitoring notices; run() logged the traceback.
            what = "De proefrun" if dry_run else "De bewaartermijntaak"
            raise CommandError(
                f"{what} is mislukt; er is niets gewist. De volledige fout staat in het logbestand."
            ) from error
        verb = "zou worden gewist" if dry_run else "gewist"
        for kind, count in run.counts.items():
            self.stdout.write(f"{kind}: {count} {verb} (vóór {run.cutoffs[kind]})")
