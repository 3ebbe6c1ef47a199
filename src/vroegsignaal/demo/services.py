"""Public service of the demo app: `load_demo` loads the synthetic region Twente.

It goes through the same paths as real use: the organisations-as-code document
(`configuration.apply_document`), and every creditor's monthly delivery as a real CSV or XLSX
file taken in by `intake.services.ingest_file`. The files are also written to `output_dir`, so
they can be taken in by hand with `vroegsignaal ingest`. Loading twice adds nothing: the
organisations and users are updated in place and the same files are recognised by checksum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from vroegsignaal.casework.models import Melding
from vroegsignaal.demo.files import render_delivery
from vroegsignaal.demo.region import CREDITOR_PROFILES, REGION_NAME, load_region_document
from vroegsignaal.demo.signals import MonthlyDelivery, SignalPlanner, delivery_months
from vroegsignaal.demo.users import demo_logins, ensure_demo_users
from vroegsignaal.intake.models import Channel, Delivery, DeliveryStatus, Signal
from vroegsignaal.intake.services import ingest_file
from vroegsignaal.matching.services import match_period
from vroegsignaal.organisations.configuration import apply_document
from vroegsignaal.organisations.models import Creditor, Municipality, User

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
    document = load_region_document()
    apply_document(document)
    logins = demo_logins(document)
    summary = DemoSummary(
        municipalities=Municipality.objects.filter(region__name=REGION_NAME).count(),
        creditors=len(document["creditors"]),
        users=len(logins),
        users_created=ensure_demo_users(logins),
        output_dir=output_dir,
    )
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
    summary.meldingen = _match_months(delivery_months(today, months), today)
    return summary


def _match_months(months, today: dt.date) -> int:
    """Match every month in order, as the region would have done, so that herhaalde melding
    and opeenvolgend see the earlier months. A month is matched the day after its last
    delivery (the 26th), the current month today."""
    municipalities = list(Municipality.objects.filter(region__name=REGION_NAME))
    for first_day in sorted(months):
        matched_on = min(first_day.replace(day=26), today)
        for municipality in municipalities:
            match_period(municipality, f"{first_day:%Y-%m}", today=matched_on)
    return Melding.objects.filter(municipality__in=municipalities).count()


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
    _backdate(result.delivery_id, delivery.delivery_date)


def _backdate(delivery_id: int, day: dt.date) -> None:
    """Give a delivery and its signals the moment they would have arrived, so that the months of
    history look as they would in a running system (lead times, monthly figures)."""
    moment = min(dt.datetime.combine(day, _DELIVERY_TIME, tzinfo=_AMSTERDAM), timezone.now())
    Delivery.objects.filter(pk=delivery_id).update(created_at=moment)
    Signal.objects.filter(delivery_id=delivery_id).update(received_at=moment, updated_at=moment)
