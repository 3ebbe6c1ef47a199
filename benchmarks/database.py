"""Database benchmark: a year of one large municipality's signals through `match_period`.

Runs only against PostgreSQL (`make bench` starts a throwaway server and sets DATABASE_URL);
it migrates that database itself. Measured: the twelve monthly runs of a first matching (all
meldingen and links inserted) and of a second one (the idempotent re-run updates them), and
within each the seconds spent writing (meldingen, links, signal statuses).
"""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl

from benchmarks.national import setup_django
from benchmarks.synthetic import generate

FULL_SIZE = 45_000  # about a year of Amsterdam

QUICK_SIZE = 1_000
DATA_DIR = Path("var/bench/database")
PERIODS = [f"2025-{month:02d}" for month in range(1, 13)]
CREDITOR_PREFIX = "bench-"


def _load(size: int):
    """One municipality with creditors per partner type and `size` signals of 2025."""
    from vroegsignaal.intake.models import Delivery, Signal
    from vroegsignaal.matching.engine.normalise import address_key_expr
    from vroegsignaal.organisations.models import Creditor, Municipality, Region

    directory = DATA_DIR / str(size)
    if not (directory / "signals.parquet").exists():
        generate(directory, size)
    # The database refuses a second signal of one customer on one day from one creditor.
    rows = (
        pl.read_parquet(directory / "signals.parquet")
        .unique(["creditor_id", "customer_number", "signal_date"], keep="first")
        .with_columns(address_key_expr().alias("address_key"))
    )
    region, _ = Region.objects.get_or_create(name="Bench")
    municipality, _ = Municipality.objects.get_or_create(
        code="0363", defaults={"name": "Amsterdam", "region": region}
    )
    deliveries = {}
    for creditor_id, partner in rows.select("creditor_id", "partner_type").unique().iter_rows():
        creditor, _ = Creditor.objects.get_or_create(
            code=f"{CREDITOR_PREFIX}{creditor_id}", defaults={"name": f"Bench {creditor_id}",
                                                   "partner_type": partner},
        )  # fmt: skip
        deliveries[creditor_id] = Delivery.objects.create(
            creditor=creditor, channel="cli", status="accepted"
        )
    Signal.objects.bulk_create(
        [_signal(row, municipality, deliveries) for row in rows.iter_rows(named=True)],
        batch_size=5000,
    )
    return municipality


def _signal(row: dict, municipality, deliveries: dict):
    from vroegsignaal.intake.models import Signal

    delivery = deliveries[row["creditor_id"]]
    fields = ("customer_number", "signal_date", "initials", "first_names", "surname_prefix",
              "surname", "birth_date", "bsn", "postcode", "house_number", "house_letter",
              "house_number_addition", "amount_cents", "arrears_start", "contract_type", "crisis",
              "warm_handover", "address_key")  # fmt: skip
    return Signal(
        creditor_id=delivery.creditor_id,
        municipality=municipality,
        delivery=delivery,
        row_number=row["signal_id"],
        **{name: row[name] for name in fields},
    )


class _WriteClock:
    """Adds up the seconds spent in the services' write functions."""

    def __init__(self, services):
        self.seconds = 0.0
        for name in ("_write_meldingen", "_write_signals"):
            setattr(services, name, self._timed(getattr(services, name)))

    def _timed(self, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def run(quick: bool = False) -> list[dict]:
    """Match a year month by month, twice, and return the figures of both passes."""
    size = QUICK_SIZE if quick else FULL_SIZE
    if not setup_django():
        return [{"benchmark": "database", "skipped": "geen PostgreSQL (DATABASE_URL)"}]
    from django.db import connection

    from vroegsignaal.casework.models import Melding, MeldingSignal
    from vroegsignaal.matching import services
    from vroegsignaal.organisations.models import Creditor

    if Creditor.objects.filter(code__startswith=CREDITOR_PREFIX).exists():
        # Its signals are already there: loading them again would collide, and the first run
        # would no longer insert. `make bench` always starts from an empty database.
        reason = "de database bevat al een eerdere meting; begin met een lege (make bench)"
        return [{"benchmark": "database", "skipped": reason}]
    municipality = _load(size)
    clock = _WriteClock(services)
    rows = []
    for label in ("first run (insert)", "second run (update)"):
        clock.seconds = 0.0
        started = time.perf_counter()
        for period in PERIODS:
            services.match_period(municipality, period)
        seconds = time.perf_counter() - started
        meldingen = Melding.objects.filter(municipality=municipality).count()
        # Only this municipality's: the national fill may share the database.
        links = MeldingSignal.objects.filter(melding__municipality=municipality).count()
        written = meldingen + links * 2  # meldingen, links, and the signal statuses
        rows.append(
            {
                "benchmark": f"database.{label}",
                "database": connection.vendor,
                "signals": links,
                "meldingen": meldingen,
                "seconds": round(seconds, 2),
                "write_seconds": round(clock.seconds, 2),
                "rows_written": written,
                "rows_per_second_written": round(written / clock.seconds),
            }
        )
    return rows
