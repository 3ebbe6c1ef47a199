"""Public service of the demo app: `load_demo` loads the synthetic region Twente.

It goes through the same paths as real use: the organisations-as-code document
(`configuration.apply_document`), the Twente matching policy (`matching.policies.save_policy`),
every creditor's monthly delivery as a real CSV or XLSX file taken in by
`intake.services.ingest_file`, and then a year of matching, casework and feedback through the
public services of those apps (`demo.timeline`). The files are also written to `output_dir`, so
they can be taken in by hand with `vroegsignaal ingest`. Loading twice adds nothing: the
organisations and users are updated in place, the same files are recognised by checksum, and
only meldingen nobody worked on yet get casework.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from vroegsignaal.casework.models import ContactAttempt, Melding
from vroegsignaal.demo.files import render_delivery
from vroegsignaal.demo.history import backdate_delivery
from vroegsignaal.demo.letters import ensure_demo_letter_settings, ensure_demo_privacy_officers
from vroegsignaal.demo.policy import ensure_demo_policies
from vroegsignaal.demo.reference_lists import ensure_client_list, ensure_population_register
from vroegsignaal.demo.region import CREDITOR_PROFILES, REGION_NAME, load_region_document
from vroegsignaal.demo.signals import MonthlyDelivery, SignalPlanner, delivery_months
from vroegsignaal.demo.timeline import simulate_year
from vroegsignaal.demo.users import demo_logins, ensure_demo_users
from vroegsignaal.intake.models import Channel, DeliveryStatus
from vroegsignaal.intake.services import ingest_file
from vroegsignaal.organisations.configuration import apply_document
from vroegsignaal.organisations.models import Creditor, Municipality, Region, User

# Creditors deliver in the morning (a common agreement: on the delivery day before 11:00).
_DELIVERY_TIME = dt.time(9, 30)
_AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass
class DemoSummary:
    municipalities: int = 0
    creditors: int = 0
    users: int = 0
    users_created: int = 0
    deliveries_new: int = 0
    deliveries_known: int = 0
    accepted: int = 0
    rejected: int = 0
    meldingen: int = 0
    policies_saved: int = 0
    meldingen_worked: int = 0
    casework_steps: int = 0
    closed: int = 0
    contact_attempts: int = 0
    feedback_releases: int = 0
    heropaf_answers: int = 0
    known_clients: int = 0
    residents: int = 0
    output_dir: Path | None = None


def load_demo(
    *,
    seed: int,
    months: int,
    scale: float,
    output_dir: Path,
    today: dt.date | None = None,
) -> DemoSummary:
    """Load (or top up) the demo region; `scale` multiplies the signal volume."""
    today = today or timezone.localdate()
    _relax_sqlite_sync()
    document = load_region_document()
    apply_document(document)
    logins = demo_logins(document)
    summary = DemoSummary(
        municipalities=Municipality.objects.filter(region__name=REGION_NAME).count(),
        creditors=len(document["creditors"]),
        users=len(logins),
        users_created=ensure_demo_users(logins),
        policies_saved=ensure_demo_policies(
            Region.objects.get(name=REGION_NAME),
            # Saved before the first delivery of the simulated year, so before every run.
            saved_at=dt.datetime.combine(
                delivery_months(today, months)[0], dt.time(9), tzinfo=_AMSTERDAM
            ),
        ),
        output_dir=output_dir,
    )
    demo_municipalities = list(Municipality.objects.filter(region__name=REGION_NAME))
    ensure_demo_letter_settings(demo_municipalities)
    ensure_demo_privacy_officers(demo_municipalities)
    planner = SignalPlanner(document, seed=seed, scale=scale, today=today)
    mappings = {c["code"]: c.get("column_mapping", {}) for c in document["creditors"]}
    for delivery in planner.plan(delivery_months(today, months)):
        data = render_delivery(
            delivery.rows,
            CREDITOR_PROFILES[delivery.creditor_code].style,
            mappings[delivery.creditor_code],
        )
        path = _write(output_dir, delivery, data)
        _ingest(delivery, data, path.name, summary)
    # Before any month is matched, so that the checks they feed are made from the start.
    summary.known_clients = ensure_client_list(output_dir, seed)
    summary.residents = ensure_population_register(output_dir, seed)
    _simulate(summary, sorted(delivery_months(today, months)), today, seed)
    return summary


def _relax_sqlite_sync() -> None:
    """On SQLite (WAL), sync to disk at checkpoints rather than at every commit while loading.

    A year of history is tens of thousands of small transactions; waiting for the disk after each
    one tripled the load time. In WAL mode this stays safe against a crash of the program; only a
    power cut could lose the last transactions of a demo, which is then simply loaded again.
    """
    # SQLite refuses the change inside a transaction (as in the tests); then it stays as is.
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = NORMAL")


def _simulate(summary: DemoSummary, months: list[dt.date], today: dt.date, seed: int) -> None:
    """Match every month in order and simulate the work on the meldingen (`demo.timeline`)."""
    municipalities = list(Municipality.objects.filter(region__name=REGION_NAME))
    year = simulate_year(municipalities, months, today, seed)
    summary.meldingen_worked = year.planned
    summary.casework_steps = year.steps
    summary.feedback_releases = year.releases
    summary.heropaf_answers = year.answers
    counts = Melding.objects.filter(municipality__in=municipalities).aggregate(
        total=Count("pk"), closed=Count("pk", filter=Q(state="closed"))
    )
    summary.meldingen, summary.closed = counts["total"], counts["closed"]
    summary.contact_attempts = ContactAttempt.objects.filter(
        melding__municipality__in=municipalities
    ).count()


def _write(output_dir: Path, delivery: MonthlyDelivery, data: bytes) -> Path:
    code = delivery.creditor_code
    extension = CREDITOR_PROFILES[code].style.kind
    path = output_dir / code / f"{code}-{delivery.delivery_date:%Y-%m}.{extension}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _ingest(delivery: MonthlyDelivery, data: bytes, filename: str, summary: DemoSummary) -> None:
    creditor = Creditor.objects.get(code=delivery.creditor_code)
    result = ingest_file(
        creditor,
        data,
        filename,
        channel=Channel.UPLOAD,
        delivered_by=User.objects.filter(creditor=creditor).order_by("pk").first(),
        today=delivery.delivery_date,
    )
    if result.status == DeliveryStatus.DUPLICATE:
        summary.deliveries_known += 1
        return
    summary.deliveries_new += 1
    summary.accepted += result.accepted_count
    summary.rejected += result.rejected_count
    moment = dt.datetime.combine(delivery.delivery_date, _DELIVERY_TIME, tzinfo=_AMSTERDAM)
    backdate_delivery(result.delivery_id, moment)
