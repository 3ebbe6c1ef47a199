"""Monitoring benchmark: the region dashboard and the DDAS export on a national-scale year.

Fills the database (PostgreSQL under `make bench`) with a year (2025) of synthetic chain data:
342 municipalities on a Zipf-like size curve, 14 of them (among the largest) in one region,
~1.2 meldingen per 1.2 signals, contact attempts on most picked-up meldingen. Then it measures
`dashboard_tables` for the region and `export_documents` for the largest municipality, each
the best of three runs. Targets: dashboard < 1 s, export < 5 s.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

FULL_SIZE = 1_200_000
QUICK_SIZE = 20_000
MUNICIPALITIES = 342
REGION_SIZE = 14
BATCH = 5_000
PARTNERS = ("Energie", "Huur", "Water", "Zorg")
KINDS = ("Huisbezoek", "Brief", "Telefoon", "Kaartje", "Mail")
PARTS = ("Ochtend", "Middag", "Avond")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vroegsignaal.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _organisations(rng: random.Random):
    from vroegsignaal.intake.models import Delivery
    from vroegsignaal.organisations.models import Creditor, Municipality, Region

    region = Region.objects.create(name="Benchregio")
    weights = [1 / (rank + 1) ** 0.9 for rank in range(MUNICIPALITIES)]
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            code=f"{rank + 1:04d}", name=f"Gemeente {rank + 1}",
            inhabitants=int(17_900_000 * w / sum(weights)),
            region=region if 2 <= rank < 2 + REGION_SIZE else None,
        )
        for rank, w in enumerate(weights)
    )  # fmt: skip
    deliveries = {}
    for partner in PARTNERS:
        creditor = Creditor.objects.create(code=partner.lower(), name=partner, partner_type=partner)
        deliveries[partner] = Delivery.objects.create(
            creditor=creditor, channel="cli", checksum=partner, status="accepted"
        )
    return region, municipalities, weights, deliveries


def _fill(size: int, seed: int = 2025) -> str:
    """Write the synthetic year; returns the region name."""
    from vroegsignaal.casework.models import ContactAttempt, Melding, MeldingSignal
    from vroegsignaal.intake.models import Signal

    rng = random.Random(seed)
    region, municipalities, weights, deliveries = _organisations(rng)
    owners = rng.choices(municipalities, weights=weights, k=int(size / 1.2))
    meldingen, signals, links, attempts = [], [], [], []
    for n, municipality in enumerate(owners):
        month = rng.randint(1, 12)
        start = dt.date(2025, month, 1)
        picked = rng.random() < 0.6
        meldingen.append(Melding(
            key=f"b{n}", municipality=municipality, period_start=start,
            period_end=start + dt.timedelta(days=27), matched_on=start + dt.timedelta(days=30),
            address_key=f"{n}", postcode="1234AB", house_number=n % 999 + 1, go=True,
            is_single=rng.random() < 0.5, is_multiple=rng.random() < 0.15,
            is_consecutive=rng.random() < 0.4, is_crisis=rng.random() < 0.05,
            due_on=start + dt.timedelta(days=44),
            picked_up_on=start + dt.timedelta(days=31 + rng.randint(0, 20)) if picked else None,
            result="Definitief geen contact kunnen krijgen" if picked and rng.random() < 0.3 else "",
            closed_on=start + dt.timedelta(days=70) if picked and rng.random() < 0.5 else None,
        ))  # fmt: skip
    Melding.objects.bulk_create(meldingen, batch_size=BATCH)
    for melding in meldingen:
        for _ in range(2 if rng.random() < 0.2 else 1):
            partner = rng.choice(PARTNERS)
            signals.append(Signal(
                creditor_id=deliveries[partner].creditor_id, municipality=melding.municipality,
                delivery=deliveries[partner], row_number=len(signals) + 2,
                customer_number=str(len(signals)), surname="Bench",
                signal_date=melding.period_start + dt.timedelta(days=rng.randint(0, 27)),
                house_number=melding.house_number, postcode="1234AB", address_key=melding.address_key,
                amount_cents=rng.randint(5_000, 300_000), arrears_start=dt.date(2024, 12, 1),
                bsn="123456782" if rng.random() < 0.1 else "", status="Opgepakt",
            ))  # fmt: skip
            links.append(MeldingSignal(signal=signals[-1], melding=melding))
        if melding.picked_up_on:
            for i in range(rng.randint(1, 3)):
                attempts.append(ContactAttempt(
                    melding=melding, kind=rng.choice(KINDS), part_of_day=rng.choice(PARTS),
                    attempted_on=melding.picked_up_on + dt.timedelta(days=2 * i),
                    reached=rng.random() < 0.35,
                ))  # fmt: skip
    Signal.objects.bulk_create(signals, batch_size=BATCH)
    MeldingSignal.objects.bulk_create(links, batch_size=BATCH)
    ContactAttempt.objects.bulk_create(attempts, batch_size=BATCH)
    return region.name, len(signals)


def _best_of_three(function) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def run(quick: bool = False) -> list[dict]:
    """Fill the database, then time the region dashboard and the largest DDAS export."""
    _setup_django()
    from django.db import connection

    from vroegsignaal.monitoring.ddas_export import export_documents
    from vroegsignaal.monitoring.indicators import dashboard_tables
    from vroegsignaal.monitoring.scope import municipality_scope, region_scope
    from vroegsignaal.organisations.models import Region

    if not Region.objects.filter(name="Benchregio").exists():
        _fill(QUICK_SIZE if quick else FULL_SIZE)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    region = region_scope("Benchregio", *year)
    largest = municipality_scope("0001", *year)
    region_signals = dashboard_tables(region, year[1])["per-1000-inwoners"].row("Totaal")[2]
    dashboard = _best_of_three(lambda: dashboard_tables(region, year[1]))
    documents = export_documents(largest.municipalities[0], *year)
    exported = sum(len(d["leveringen"][0]["vroegsignalen"]) for d in documents)
    export = _best_of_three(lambda: export_documents(largest.municipalities[0], *year))
    return [
        {"benchmark": "monitoring.dashboard_region", "database": connection.vendor,
         "signals": region_signals, "seconds": round(dashboard, 3), "target_seconds": 1,
         "within_target": dashboard < 1},
        {"benchmark": "monitoring.ddas_export_largest", "database": connection.vendor,
         "signals": exported, "seconds": round(export, 3), "target_seconds": 5,
         "within_target": export < 5},
    ]  # fmt: skip
