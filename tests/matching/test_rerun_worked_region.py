"""Running a period again, weeks later, over a region with a real history of casework (the
demo: repeats joined to open meldingen that closed since, no-go's, crisis terms, results) gives
the same meldingen, links, statuses and terms (issue #3: 'a run is idempotent'). QA found a rerun
of October on 26 November split joined signals off into new meldingen and restarted terms."""

import datetime as dt

import pytest
from django.db.models import F

from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.demo.services import load_demo
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.services import match_period
from vroegsignaal.organisations.models import Municipality

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 4, 20)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def snapshot() -> tuple[set, set, set]:
    meldingen = Melding.objects.values_list(
        "id", "key", "go", "due_on", "state", "result", "queue_id", "total_amount_cents"
    )
    links = MeldingSignal.objects.values_list("signal_id", "melding_id", "attached_as_repeat")
    statuses = Signal.objects.annotate(melding=F("melding_link__melding_id")).values_list(
        "id", "status", "status_reason", "melding"
    )
    return set(meldingen), set(links), set(statuses)


def test_rerunning_every_period_of_a_worked_region_a_month_later_changes_nothing(tmp_path):
    load_demo(seed=2026, months=4, scale=0.05, output_dir=tmp_path, today=TODAY)
    joined_since_closed = MeldingSignal.objects.filter(
        attached_as_repeat=True, melding__state="closed"
    ).count()
    before = snapshot()
    runs = 0
    for municipality in Municipality.objects.all():
        for period in ("2026-01", "2026-02", "2026-03", "2026-04"):
            match_period(municipality, period, today=TODAY + dt.timedelta(days=30))
            runs += 1

    after = snapshot()

    assert runs == Municipality.objects.count() * 4 and len(before[1]) > 400
    assert joined_since_closed > 0, "the history has signals joined to a melding closed since"
    for name, old, new in zip(("meldingen", "links", "statuses"), before, after, strict=True):
        assert old == new, f"{name}: {sorted(old - new)[:3]} -> {sorted(new - old)[:3]}"
