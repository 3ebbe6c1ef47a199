"""Go/no-go is due 5 and the outcome 28 working days after the matching run (docs/termijnen.md)."""

import datetime as dt

from django.utils import timezone

from tests.casework import closed_days
from tests.feedback import scenario
from vroegsignaal.feedback import timing
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.models import MatchingRun

RUN_DAY = dt.date(2026, 4, 20)


def _run(municipality, period_start, day):
    finished = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    return MatchingRun.objects.create(
        municipality=municipality, period_start=period_start, finished_at=finished
    )


def _april_signal(enschede, energy):
    melding = scenario.melding_with_signals(enschede, energy)
    signal = melding.signal_links.get().signal
    signal.signal_date = dt.date(2026, 4, 10)
    signal.save()
    # received_at is set on creation: the signal arrived on its signal date, before the run.
    received = timezone.make_aware(dt.datetime.combine(signal.signal_date, dt.time(9)))
    Signal.objects.filter(pk=signal.pk).update(received_at=received)
    return signal


def test_go_no_go_is_overdue_after_five_working_days_counting_koningsdag(enschede, energy):
    _april_signal(enschede, energy)
    _run(enschede, dt.date(2026, 4, 1), RUN_DAY)
    _run(enschede, dt.date(2026, 4, 1), dt.date(2026, 4, 25))  # a rerun does not restart it
    (on_due_day,) = timing.overview(enschede, dt.date(2026, 4, 28))
    (day_after,) = timing.overview(enschede, dt.date(2026, 4, 29))
    assert (on_due_day.go_no_go.open, on_due_day.go_no_go.overdue) == (1, 0)
    assert (day_after.go_no_go.open, day_after.go_no_go.overdue) == (1, 1)


def test_the_municipalitys_own_closed_day_gives_the_go_no_go_one_working_day_more(enschede, energy):
    closed_days.close(enschede, dt.date(2026, 4, 22), "Collectieve vrije dag")
    _april_signal(enschede, energy)
    _run(enschede, dt.date(2026, 4, 1), RUN_DAY)
    (on_due_day,) = timing.overview(enschede, dt.date(2026, 4, 29))
    (day_after,) = timing.overview(enschede, dt.date(2026, 4, 30))
    assert (on_due_day.go_no_go.overdue, day_after.go_no_go.overdue) == (0, 1)


def test_the_outcome_is_overdue_after_28_working_days(enschede, energy):
    from vroegsignaal.feedback.release import release_due_feedback

    _april_signal(enschede, energy)
    _run(enschede, dt.date(2026, 4, 1), RUN_DAY)
    release_due_feedback("https://x", today=dt.date(2026, 4, 22))
    # The equated Friday 15 May 2026 (Atw art. 3 lid 3) is no working day: 4 June, not 3 June.
    (on_due_day,) = timing.overview(enschede, dt.date(2026, 6, 4))
    (day_after,) = timing.overview(enschede, dt.date(2026, 6, 5))
    assert (on_due_day.outcome.open, on_due_day.outcome.overdue) == (1, 0)
    assert day_after.outcome.overdue == 1
    assert day_after.go_no_go.open == 0


def test_a_signal_received_after_its_periods_first_run_is_due_from_its_receipt(enschede, energy):
    """Delivered on Friday 24 April, after the run of the 20th: a later run matched it, so
    its go/no-go is not overdue before the municipality had it (Koningsdag on the 27th)."""
    signal = _april_signal(enschede, energy)
    received = timezone.make_aware(dt.datetime(2026, 4, 24, 9))
    Signal.objects.filter(pk=signal.pk).update(received_at=received)
    _run(enschede, dt.date(2026, 4, 1), RUN_DAY)
    (on_due_day,) = timing.overview(enschede, dt.date(2026, 5, 4))
    (day_after,) = timing.overview(enschede, dt.date(2026, 5, 5))
    assert on_due_day.go_no_go.overdue == 0
    assert day_after.go_no_go.overdue == 1


def test_without_a_recorded_run_the_matching_date_of_the_melding_counts(enschede, energy):
    melding = scenario.melding_with_signals(enschede, energy)
    signal = melding.signal_links.get().signal
    runs = timing.run_dates(enschede)
    received_on = timezone.localdate(signal.received_at)
    start = timing.matching_start(signal.signal_date, received_on, melding.matched_on, runs)
    assert start == max(melding.matched_on, received_on)


def test_creditors_are_listed_alphabetically_regardless_of_capitals(enschede, energy, water):
    """'ZorgZeker' after 'Zorgverzekeraar': a reader's alphabet, not the code points'."""
    energy.name, water.name = "ZorgZeker Verzekeringen", "Zorgverzekeraar Oost"
    energy.save()
    water.save()
    scenario.melding_with_signals(enschede, energy, water)
    _run(enschede, timezone.localdate().replace(day=1), timezone.localdate())

    rows = timing.overview(enschede, timezone.localdate())

    assert [row.creditor.name for row in rows] == [
        "Zorgverzekeraar Oost",
        "ZorgZeker Verzekeringen",
    ]
