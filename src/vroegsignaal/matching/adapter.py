"""The database side of matching: build the engine's frames from the models and write back.

Reading: the period's signals, the history the rules need (opeenvolgend looks back six months,
herhaalde melding `repeat_months`), the client list and BRP extract when loaded.
Writing: meldingen are keyed (municipality + period + address), so a second run updates the
same rows and never touches the work done on them (state, assignment, contacts, result).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.engine import schema
from vroegsignaal.matching.models import KnownClient, ResidentRecord
from vroegsignaal.organisations.models import Municipality

OPEENVOLGEND_MONTHS = 6

_SIGNAL_FIELDS = {
    "signal_id": "id", "municipality_code": "municipality__code", "creditor_id": "creditor_id",
    "partner_type": "creditor__partner_type", "customer_number": "customer_number",
    "signal_date": "signal_date", "initials": "initials", "first_names": "first_names",
    "surname_prefix": "surname_prefix", "surname": "surname", "birth_date": "birth_date",
    "bsn": "bsn", "postcode": "postcode", "house_number": "house_number",
    "house_letter": "house_letter", "house_number_addition": "house_number_addition",
    "amount_cents": "amount_cents", "arrears_start": "arrears_start",
    "contract_type": "contract_type", "crisis": "crisis", "warm_handover": "warm_handover",
}  # fmt: skip


def _frame(rows, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=columns, orient="row")


def month_bounds(period: str) -> tuple[dt.date, dt.date]:
    start = dt.datetime.strptime(period, "%Y-%m").date()
    following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    return dt.date(month_index // 12, month_index % 12 + 1, 1)


def period_signals(municipality: Municipality, period: str) -> pl.DataFrame:
    start, end = month_bounds(period)
    rows = Signal.objects.filter(
        municipality=municipality, signal_date__range=(start, end)
    ).values_list(*_SIGNAL_FIELDS.values())
    return _frame(rows, {name: schema.SIGNALS[name] for name in _SIGNAL_FIELDS})


def history(municipality: Municipality, period: str, repeat_months: int) -> pl.DataFrame:
    start, _ = month_bounds(period)
    since = months_before(start, max(OPEENVOLGEND_MONTHS, repeat_months) + 1)
    rows = Signal.objects.filter(
        municipality=municipality, signal_date__gte=since, signal_date__lt=start
    ).values_list(
        "id",
        "creditor_id",
        "customer_number",
        "address_key",
        "signal_date",
        "melding_link__melding_id",
        "melding_link__melding__state",
        "melding_link__melding__picked_up_on",
    )
    records = [
        (
            sid,
            municipality.code,
            creditor,
            customer,
            key,
            day,
            melding_id,
            melding_id is not None and state != "closed",
            melding_id is not None and (state == "closed" or picked_up is not None),
        )
        for sid, creditor, customer, key, day, melding_id, state, picked_up in rows
    ]
    return _frame(records, schema.HISTORY)


def known_clients(municipality: Municipality) -> pl.DataFrame | None:
    fields = [
        "bsn",
        "surname",
        "birth_date",
        "postcode",
        "house_number",
        "house_letter",
        "house_number_addition",
    ]
    rows = KnownClient.objects.filter(municipality=municipality).values_list(*fields)
    if not rows.exists():
        return None
    frame = _frame(
        rows,
        {**{f: pl.String() for f in fields}, "birth_date": pl.Date(), "house_number": pl.Int64()},
    )
    return frame.with_columns(pl.lit(municipality.code).alias("municipality_code"))


def population_register(municipality: Municipality) -> pl.DataFrame | None:
    """The BRP extract, or None when the municipality has not loaded one (check skipped)."""
    fields = [
        "bsn",
        "initials",
        "surname_prefix",
        "surname",
        "birth_date",
        "postcode",
        "house_number",
        "house_letter",
        "house_number_addition",
        "death_date",
    ]
    rows = ResidentRecord.objects.filter(municipality=municipality).values_list(*fields)
    if not rows.exists():
        return None
    types = {f: pl.String() for f in fields}
    types.update(birth_date=pl.Date(), death_date=pl.Date(), house_number=pl.Int64())
    return _frame(rows, types).with_columns(pl.lit(municipality.code).alias("municipality_code"))


def existing_meldingen(keys: list[str]) -> dict[str, Melding]:
    return {m.key: m for m in Melding.objects.filter(key__in=keys)}


def existing_links(signal_ids: list[int]) -> dict[int, MeldingSignal]:
    return {link.signal_id: link for link in MeldingSignal.objects.filter(signal_id__in=signal_ids)}
