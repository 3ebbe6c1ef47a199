from django.conf import settings
from django.core.management.base import BaseCommand

from vroegsignaal.dutch_numbers import counted
from vroegsignaal.feedback.release import CORRECTION, HEROPAF_REMINDER, release_due_feedback


class Command(BaseCommand):
    help = (
        "Geef de terugkoppeling aan vastelastenpartners vrij die klaar is (go/no-go en uitkomst), "
        "plan de heropafvragen en mail elke contactpersoon een overzicht zonder persoonsgegevens. "
        "Bedoeld om elke werkdag te draaien (cron of systemd-timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=getattr(settings, "SITE_URL", "http://localhost:8000"),
            help="Adres van Vroegsignaal voor de link in de e-mail.",
        )

    def handle(self, *args, site_url: str, **options):
        release = release_due_feedback(site_url)
        counts = list(release.summary["creditors"].values())
        go_no_go = sum(c.get("go_no_go", 0) for c in counts)
        corrected = sum(c.get(CORRECTION, 0) for c in counts)
        outcome = sum(c.get("outcome", 0) for c in counts)
        self.stdout.write(
            f"Vrijgegeven: {go_no_go} go/no-go, {corrected} gecorrigeerde go/no-go, "
            f"{counted(outcome, 'uitkomst', 'uitkomsten')} "
            f"voor {counted(len(counts), 'vastelastenpartner', 'vastelastenpartners')}."
        )
        asked = sum(c.get("heropaf", 0) for c in counts)
        if asked:
            self.stdout.write(
                f"Aangekondigd: {counted(asked, 'nieuwe heropafvraag', 'nieuwe heropafvragen')}."
            )
        reminded = sum(c.get(HEROPAF_REMINDER, 0) for c in counts)
        if reminded:
            self.stdout.write(
                f"Herinnerd: {counted(reminded, 'heropafvraag', 'heropafvragen')} over de termijn."
            )
        if release.summary["mail_failed"]:
            failed = ", ".join(release.summary["mail_failed"])
            self.stderr.write(f"E-mail niet verstuurd aan: {failed}.")
