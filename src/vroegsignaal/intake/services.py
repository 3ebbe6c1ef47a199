"""Public services of intake: taking in a creditor's delivery, from any channel.

- `ingest_file`: a CSV/XLSX file (upload page, CLI, API file upload).
- `ingest_records`: a JSON list of signals (REST API).

Both are atomic and idempotent: a file that cannot be read stores nothing (`UnreadableFile`);
the same content again is recognised by its checksum and adds nothing; a corrected re-delivery
of a row (same creditor, klantnummer and signaaldatum) replaces the stored signal. The rejected
rows are kept to be corrected and delivered again, except a row that repeats an earlier row of
the same delivery: delivered again, it would replace the earlier row's signal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from vroegsignaal.bulk_rows import update_rows
from vroegsignaal.intake.corrections import changes_of
from vroegsignaal.intake.models import (
    JSON_LIST_FILENAME,
    Channel,
    Delivery,
    DeliveryError,
    DeliveryNotice,
    DeliveryStatus,
    Signal,
    SignalCorrection,
)
from vroegsignaal.intake.reading import ReadDelivery, UnreadableFile, read_delivery, read_records
from vroegsignaal.intake.validation import (
    RowError,
    RowMessage,
    RowNotice,
    ValidRow,
    may_deliver_bsn,
    validate_rows,
)
from vroegsignaal.organisations.models import Agreement, Creditor
from vroegsignaal.organisations.services import PostcodeDirectory, municipalities_with_agreement
from vroegsignaal.privacy.bsn import bsn_hash
from vroegsignaal.privacy.retention import SIGNALS, cutoffs
from vroegsignaal.search_keys import surname_key

__all__ = [
    "DeliveryResult",
    "UnreadableFile",
    "ingest_file",
    "ingest_records",
    "rejected_as_a_whole",
]


@dataclass
class DeliveryResult:
    """What a channel reports back; `as_json()` is the CLI's and API's answer."""

    delivery_id: int
    status: str
    row_count: int = 0
    accepted_count: int = 0
    rejected_count: int = 0
    replaced_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    notices: list[RowNotice] = field(default_factory=list)

    @classmethod
    def of(cls, delivery: Delivery, *, status: str | None = None, **messages) -> DeliveryResult:
        """The result a stored ``delivery`` reports, with its counts (``status``: another than
        the delivery's own, as for content that arrived before)."""
        return cls(
            delivery_id=delivery.pk,
            status=status or delivery.status,
            row_count=delivery.row_count,
            accepted_count=delivery.accepted_count,
            rejected_count=delivery.rejected_count,
            replaced_count=delivery.replaced_count,
            **messages,
        )

    def as_json(self) -> dict:
        return {
            "delivery_id": self.delivery_id,
            "status": self.status,
            "rows": self.row_count,
            "accepted": self.accepted_count,
            "rejected": self.rejected_count,
            "replaced": self.replaced_count,
            "errors": [_message_json(e) for e in self.errors],
            "notices": [_message_json(n) for n in self.notices],
        }


def _message_json(message: RowMessage) -> dict:
    return {"row": message.row, "field": message.field, "message": message.message}


def _today() -> dt.date:
    return timezone.localdate()


def ingest_file(
    creditor: Creditor,
    data: bytes,
    filename: str,
    *,
    channel: str = Channel.CLI,
    delivered_by=None,
    today: dt.date | None = None,
) -> DeliveryResult:
    """Take in a delivery file. Raises `UnreadableFile` (nothing stored) when it cannot be read."""
    return _ingest(
        creditor,
        (filename, data),
        lambda: read_delivery(
            data, filename, creditor.column_mapping or {}, settings.DELIVERY_MAX_BYTES
        ),
        channel,
        delivered_by,
        today,
    )


def ingest_records(
    creditor: Creditor,
    records: list,
    *,
    channel: str = Channel.API,
    delivered_by=None,
    today: dt.date | None = None,
) -> DeliveryResult:
    """Take in signals sent as a JSON list (keys are the canonical column names).

    The API reads JSON fractions as Decimal (`api.ExactJSONParser`), so an amount is judged as
    it was written."""
    canonical = json.dumps(records, sort_keys=True, default=str, ensure_ascii=False).encode()
    return _ingest(
        creditor,
        (JSON_LIST_FILENAME, canonical),
        lambda: read_records(records),
        channel,
        delivered_by,
        today,
    )


def _ingest(creditor, original: tuple[str, bytes], read_rows, channel, delivered_by, today):
    """The same content again is a duplicate (checksum); otherwise read the rows and store."""
    checksum = hashlib.sha256(original[1]).hexdigest()
    if (duplicate := _existing_delivery(creditor, checksum)) is not None:
        return duplicate
    return _store(
        creditor, read_rows(), checksum, channel, delivered_by, today or _today(), original
    )


def rejected_as_a_whole(message: str) -> dict:
    """The answer (CLI --json, API) for a delivery that could not be read: nothing stored."""
    return {
        "delivery_id": None,
        "status": DeliveryStatus.REJECTED.value,
        "rows": 0,
        "accepted": 0,
        "rejected": 0,
        "replaced": 0,
        "errors": [{"row": None, "field": "", "message": message}],
        "notices": [],
    }


def _existing_delivery(creditor: Creditor, checksum: str) -> DeliveryResult | None:
    """The answer to content delivered before: nothing is processed again, and the counts are
    the original delivery's, so a system retrying after a lost answer does not read 'rows: 0'
    as an empty file (the API adds in words when that was)."""
    delivery = Delivery.objects.filter(creditor=creditor, checksum=checksum).first()
    if delivery is None:
        return None
    return DeliveryResult.of(delivery, status=DeliveryStatus.DUPLICATE)


def _locator(creditor: Creditor):
    """Which municipality a postcode is in, and whether this creditor may deliver there.

    The reasons speak from the creditor's side: it knows its own agreements, not which
    municipalities use Vroegsignaal. A postcode in none of the known municipalities is therefore
    "not in a municipality you have an agreement with" (and may be a typo); a known municipality
    is named, with the period of the creditor's agreement when there is one on other dates.
    Without a signal date only a municipality the creditor never had an agreement with is
    refused; whether an agreement holds is left open (validation.Locator).
    """
    directory = PostcodeDirectory()
    allowed_by_day: dict[dt.date, set[int]] = {}
    periods: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for agreement in Agreement.objects.filter(creditor=creditor).order_by("valid_from"):
        periods.setdefault(agreement.municipality_id, []).append(
            (agreement.valid_from, agreement.valid_to)
        )

    def locate(postcode: str, signal_date: dt.date | None) -> tuple[int | None, str | None]:
        municipality = directory.municipality_for(postcode)
        # The message follows 'Rij 149, postcode: ', so it starts with the postcode itself,
        # written as on an envelope.
        written = f"{postcode[:4]} {postcode[4:]}"
        if municipality is None:
            return None, (
                f"{written} ligt niet in een gemeente waarmee u een convenant heeft; "
                "controleer de postcode. Klopt die, dan mag dit signaal niet worden aangeleverd"
            )
        if municipality.id not in periods:
            return None, (
                f"{written} ligt in gemeente {municipality.name}, waarmee u geen "
                "convenant heeft: dit signaal mag niet worden aangeleverd"
            )
        if signal_date is None:
            return None, None
        if signal_date not in allowed_by_day:
            allowed_by_day[signal_date] = municipalities_with_agreement(creditor, signal_date)
        if municipality.id in allowed_by_day[signal_date]:
            return municipality.id, None
        return None, (
            f"{written} ligt in gemeente {municipality.name}; uw convenant met "
            f"{municipality.name} geldt niet op {signal_date:%d-%m-%Y} "
            f"({_periods_text(periods[municipality.id], signal_date)}): "
            "dit signaal mag niet worden aangeleverd"
        )

    return locate


def _periods_text(periods: list[tuple[dt.date, dt.date | None]], signal_date: dt.date) -> str:
    """'het liep van 01-01-2021 tot en met 31-10-2026', 'het gaat in op 01-01-2027', ..."""
    texts = []
    for start, end in periods:
        if start > signal_date:
            texts.append(f"het gaat in op {start:%d-%m-%Y}")
        else:
            texts.append(f"het liep van {start:%d-%m-%Y} tot en met {end:%d-%m-%Y}")
    return "; ".join(texts)


def _status(accepted: int, rejected: int) -> str:
    if rejected == 0:
        return DeliveryStatus.ACCEPTED
    return DeliveryStatus.PARTIALLY_ACCEPTED if accepted else DeliveryStatus.REJECTED


def _store(
    creditor: Creditor,
    read: ReadDelivery,
    checksum: str,
    channel: str,
    delivered_by,
    today: dt.date,
    original: tuple[str, bytes],
) -> DeliveryResult:
    rows = read.rows
    checked = validate_rows(
        rows,
        today=today,
        # Stored only to be erased the next night: retention's term for unpicked signals.
        oldest_signal_date=cutoffs(today)[SIGNALS],
        locate=_locator(creditor),
        max_amount_cents=settings.MAX_PLAUSIBLE_AMOUNT_CENTS,
        bsn_allowed=may_deliver_bsn(creditor.partner_type),
        labels=read.labels,
    )
    valid, errors = checked.valid, checked.errors
    rejected_numbers = sorted({e.row for e in errors})
    filename, content = original
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                creditor=creditor,
                channel=channel,
                filename=filename,
                checksum=checksum,
                status=_status(len(valid), len(rejected_numbers)),
                row_count=len(rows),
                accepted_count=len(valid),
                rejected_count=len(rejected_numbers),
                repeated_count=len(checked.repeats),
                header=read.header,
                rejected_rows=[
                    {"row": n, "cells": [_as_delivered(c) for c in read.originals.get(n, [])]}
                    for n in rejected_numbers
                    if n not in checked.repeats
                ],
                delivered_by=delivered_by if getattr(delivered_by, "pk", None) else None,
            )
            delivery.original_file.save(filename, ContentFile(content), save=False)
            delivery.replaced_count = _save_signals(creditor, delivery, valid)
            delivery.save(update_fields=["original_file", "replaced_count"])
            for model, messages in ((DeliveryError, errors), (DeliveryNotice, checked.notices)):
                model.objects.bulk_create(
                    model(delivery=delivery, row=m.row, field=m.field[:50], message=m.message[:300])
                    for m in messages
                )
    except IntegrityError:
        # The same content arrived twice at the same moment: the first one won.
        return _existing_delivery(creditor, checksum) or DeliveryResult(0, DeliveryStatus.DUPLICATE)
    return DeliveryResult.of(delivery, errors=errors, notices=checked.notices)


def _as_delivered(cell: object) -> object:
    """A rejected row's cell kept as the creditor delivered it, to be given back for correction.

    CSV cells are the original text. Excel's typed cells are kept in the form the creditor saw:
    numbers stay numbers (1234.0 as 1234), a date as dd-mm-jjjj (with the time only when it has
    one), not as Python writes them ("2026-11-26T00:00:00").
    """
    if cell is None:
        return ""
    if isinstance(cell, bool | int | str):
        return cell
    if isinstance(cell, Decimal):
        return str(cell)  # a JSON number as it was sent: 1234.565, not rounded by a float
    if isinstance(cell, float):
        if not math.isfinite(cell):
            return str(cell)
        return int(cell) if cell.is_integer() else cell
    if isinstance(cell, dt.datetime):
        return f"{cell:%d-%m-%Y}" if cell.time() == dt.time() else f"{cell:%d-%m-%Y %H:%M}"
    if isinstance(cell, dt.date):
        return f"{cell:%d-%m-%Y}"
    if isinstance(cell, dt.time):
        return f"{cell:%H:%M}"
    return json.dumps(cell, ensure_ascii=False, default=str)


def _save_signals(creditor: Creditor, delivery: Delivery, valid: list[ValidRow]) -> int:
    """Insert new signals and replace earlier deliveries of the same row; returns replacements.
    A replacement that changes the signal is recorded with what it changed (`SignalCorrection`):
    a melding it is in counts it only after the next run of its period."""
    keys = {(row.fields["customer_number"], row.fields["signal_date"]) for row in valid}
    existing = {
        (s.customer_number, s.signal_date): s
        for s in Signal.objects.filter(
            creditor=creditor,
            customer_number__in={k[0] for k in keys},
            signal_date__in={k[1] for k in keys},
        )
    }
    new, replaced, corrections = [], [], []
    for row in valid:
        values = {
            **row.fields,
            "municipality_id": row.municipality_id,
            "row_number": row.row_number,
        }
        signal = existing.get((row.fields["customer_number"], row.fields["signal_date"]))
        if signal is None:
            new.append(Signal(creditor=creditor, delivery=delivery, **values))
            continue
        if changes := changes_of(signal, values):
            corrections.append(SignalCorrection(signal=signal, delivery=delivery, changes=changes))
        for name, value in values.items():
            setattr(signal, name, value)
        # update_rows does not run the fields' pre_save: the derived keys are set here.
        signal.bsn_hash = bsn_hash(signal.bsn)
        signal.surname_search = surname_key(signal.surname)
        signal.delivery = delivery
        replaced.append(signal)
    Signal.objects.bulk_create(new, batch_size=1000)
    if replaced:
        fields = [*valid[0].fields, "bsn_hash", "surname_search", "municipality_id",
                  "row_number", "delivery"]  # fmt: skip
        update_rows(Signal, replaced, fields)
    SignalCorrection.objects.bulk_create(corrections, batch_size=1000)
    return len(replaced)
