"""The demo runs the retention job every night, as a deployment does from cron or a timer: data
past its term is gone and the privacy officer sees one run per day."""

import datetime as dt

import pytest

from vroegsignaal.demo.casework_plan import at
from vroegsignaal.demo.services import load_demo
from vroegsignaal.intake.models import Delivery, Signal
from vroegsignaal.privacy import retention
from vroegsignaal.privacy.models import AuditEntry, RetentionRun
from vroegsignaal.privacy.routers import AUDIT_DB

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 4, 20)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(tmp_path, settings):
    settings.RETENTION_SIGNAL_DAYS = 45  # short, so three months reach the term
    return load_demo(seed=2026, months=3, scale=0.05, output_dir=tmp_path, today=TODAY)


def test_the_demo_runs_retention_every_night_and_erases_what_is_past_its_term(demo):
    runs = RetentionRun.objects.filter(dry_run=False)
    days = sorted(run.started_at.date() for run in runs)
    assert days[-1] == TODAY and len(days) == len(set(days))  # one run a night, up to today
    assert days == [days[0] + dt.timedelta(days=n) for n in range(len(days))]
    # Rejected rows of deliveries older than 30 days are gone; the counts stay.
    old = Delivery.objects.filter(created_at__date__lt=TODAY - dt.timedelta(days=30))
    assert old.exists() and not old.filter(file_removed_at__isnull=True).exists()
    assert all(d.rejected_rows == [] for d in old)
    assert old.filter(rejected_count__gt=0).exists()
    # Signals past the (shortened) term without a picked-up melding have no name any more.
    expired = Signal.objects.filter(signal_date__lt=TODAY - dt.timedelta(days=45)).exclude(
        melding_link__melding__picked_up_on__isnull=False
    )
    assert expired.exists() and not expired.exclude(surname="").exists()
    # The audit entry of each run carries the night it ran, not the moment of loading.
    entries = AuditEntry.objects.using(AUDIT_DB).filter(object_type="privacy.retentionrun")
    assert entries.count() == runs.count()
    assert min(e.created_at.date() for e in entries) == days[0]
    # At noon on the demo's today the officer's page would warn of nothing.
    health = retention.health(now=at(TODAY, 12))
    assert not health.stale and health.overdue == {}


def test_loading_the_demo_again_adds_no_second_run_for_a_night(demo, tmp_path):
    before = RetentionRun.objects.count()
    load_demo(seed=2026, months=3, scale=0.05, output_dir=tmp_path, today=TODAY)
    assert RetentionRun.objects.count() == before
