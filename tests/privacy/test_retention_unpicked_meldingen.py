"""Retention of meldingen that were never picked up: 183 days after their signals, also when
matching closed them as no-go at once (QA12 B1: they waited for the 730-day term of closed
meldingen, with their address searchable)."""

import datetime as dt

import pytest

from tests.casework.factories import MeldingFactory, SignalFactory
from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy import retention
from vroegsignaal.privacy.pseudonyms import PREFIX

pytestmark = pytest.mark.django_db(databases="__all__")

# 183 days before 1 December 2026 is 1 June 2026: meldingen of May and before are past it.
TODAY = dt.date(2026, 12, 1)
MAY = {"period_start": dt.date(2026, 5, 1), "period_end": dt.date(2026, 5, 31)}


def _closed(result, picked_up_on=None, **period):
    return MeldingFactory(
        **(period or MAY), state="closed", result=result, go=False, picked_up_on=picked_up_on,
        matched_on=dt.date(2026, 6, 2), closed_on=dt.date(2026, 6, 2),
        first_closed_on=dt.date(2026, 6, 2), signals__signal_date=dt.date(2026, 5, 20),
        street="Lizzhof",
    )  # fmt: skip


def _erased(melding) -> bool:
    return Melding.objects.get(pk=melding.pk).address_key.startswith(PREFIX)


def test_a_no_go_melding_closed_by_matching_is_erased_183_days_after_its_signals():
    no_go = _closed(Eindresultaat.ANDERE_REDEN)

    run = retention.run(today=TODAY)

    assert run.counts[retention.UNPICKED_MELDINGEN] == 1
    assert _erased(no_go)
    assert Melding.objects.get(pk=no_go.pk).street == ""


@pytest.mark.parametrize(
    "result",
    [Eindresultaat.OVERLEDEN, Eindresultaat.GEEN_INWONER, Eindresultaat.AL_BEKEND,
     Eindresultaat.HERHAALDE_MELDING, Eindresultaat.ONTERECHT],
)  # fmt: skip
def test_every_melding_closed_as_not_picked_up_falls_under_the_signal_term(result):
    assert _erased_by_the_run(_closed(result))


def _erased_by_the_run(melding) -> bool:
    retention.run(today=TODAY)
    return _erased(melding)


def test_a_picked_up_melding_keeps_its_data_until_730_days_after_closing():
    picked_up = _closed(Eindresultaat.REGELT_ZELF, picked_up_on=dt.date(2026, 6, 3))

    assert not _erased_by_the_run(picked_up)


def test_a_no_go_melding_of_a_recent_period_is_kept():
    june = _closed(
        Eindresultaat.ANDERE_REDEN, period_start=dt.date(2026, 6, 1),
        period_end=dt.date(2026, 6, 30),
    )  # fmt: skip

    assert not _erased_by_the_run(june)


def test_a_no_go_melding_with_a_later_signal_still_in_its_term_is_kept():
    # A repeat signal of November attached to the May melding keeps its address: the melding
    # is erased with its last signal, not before.
    no_go = _closed(Eindresultaat.ANDERE_REDEN)
    later = SignalFactory(
        municipality=no_go.municipality, address_key=no_go.address_key,
        signal_date=dt.date(2026, 11, 3),
    )  # fmt: skip
    MeldingSignal.objects.create(signal=later, melding=no_go)

    assert not _erased_by_the_run(no_go)


def test_the_dry_run_counts_the_closed_no_go_meldingen_the_run_will_erase():
    _closed(Eindresultaat.ANDERE_REDEN)

    assert retention.run(today=TODAY, dry_run=True).counts[retention.UNPICKED_MELDINGEN] == 1


def test_an_open_go_melding_without_a_first_contact_keeps_its_address_and_names():
    # A go melding is picked up (DDAS 'Opgepakt') from matching on; waiting in a werkbakje for
    # its first contact it keeps its data until it is closed (QA13 N3: it lost its names and
    # then its address while assigned).
    waiting = MeldingFactory(
        **MAY, state="assigned", go=True, picked_up_on=None, matched_on=dt.date(2026, 6, 2),
        signals__signal_date=dt.date(2026, 5, 20), signals__surname="Wachtend",
    )  # fmt: skip

    run = retention.run(today=TODAY)

    assert run.counts[retention.UNPICKED_MELDINGEN] == 0
    assert run.counts[retention.SIGNALS] == 0
    assert not _erased(waiting)
    assert waiting.signal_links.get().signal.surname == "Wachtend"


def test_a_signal_that_never_reached_a_melding_is_erased_after_the_signal_term():
    lone = SignalFactory(signal_date=dt.date(2026, 5, 20), surname="Alleen")

    assert retention.run(today=TODAY).counts[retention.SIGNALS] == 1
    assert Signal.objects.get(pk=lone.pk).surname == ""


def test_the_signals_of_a_closed_no_go_melding_are_erased_with_it():
    no_go = _closed(Eindresultaat.ANDERE_REDEN)

    assert retention.run(today=TODAY).counts[retention.SIGNALS] == 1
    assert no_go.signal_links.get().signal.surname == ""
