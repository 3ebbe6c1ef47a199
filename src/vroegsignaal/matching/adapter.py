"""The database side of matching: build the engine's frames from the models and write back.

Reading: the period's signals, the history the rules need (opeenvolgend looks back six months,
herhaalde melding `repeat_months`), the client list and BRP extract when loaded.
Writing: meldingen are keyed (municipality + period + address), so a second run updates the
same rows and never touches the work done on them (state, assignment, contacts, result).
The writes go through `vroegsignaal.bulk_rows` (COPY on PostgreSQL; docs/performance.md has
the figures).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import Q

from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.casework.signal_status import confirmed_not_resident_q
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.intake.erasure import customer_pseudonym
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.engine import schema
from vroegsignaal.matching.models import KnownClient, ResidentRecord
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy.pseudonyms import address_pseudonym

OPEENVOLGEND_MONTHS = 6

_SIGNAL_FIELDS = {
    "signal_id": "id", "municipality_code": "municipality__code", "creditor_id": "creditor_id",
    "partner_type": "creditor__partner_type", "customer_number": "customer_number",
    "signal_date": "signal_date", "initials": "initials", "first_names": "first_names",
    "surname_prefix": "surname_prefix", "surname": "surname", "birth_date": "birth_date",
    "bsn": "bsn_hash", "postcode": "postcode", "house_number": "house_number",
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


def period_signals(
    municipality: Municipality, period: str, only: list[int] | None = None
) -> pl.DataFrame:
    """The period's signals (``only`` those ids: one melding's, ``matching.recount``); `bsn`
    holds the keyed hash, as the client list and BRP extract do (the engine only compares BSNs
    for equality). `schema.CONFIRMED_NOT_RESIDENT` marks those a caseworker confirmed as no
    resident (any more): the status a person set, which the engine keeps so that a run counts
    the melding as the confirmation left it."""
    start, end = month_bounds(period)
    in_period = Signal.objects.filter(municipality=municipality, signal_date__range=(start, end))
    if only is not None:
        in_period = in_period.filter(id__in=only)
    rows = in_period.values_list(*_SIGNAL_FIELDS.values())
    signals = _frame(rows, {name: schema.SIGNALS[name] for name in _SIGNAL_FIELDS})
    # A few signals at most: asked apart, so the read of the period's signals stays as it is.
    confirmed = list(in_period.filter(confirmed_not_resident_q()).values_list("id", flat=True))
    return signals.with_columns(
        pl.col("signal_id").is_in(confirmed).alias(schema.CONFIRMED_NOT_RESIDENT)
    )


def history(municipality: Municipality, period: str, repeat_months: int) -> pl.DataFrame:
    """Earlier signals of the municipality, as far back as the rules look.

    Erased signals (privacy.retention) hold keyed hashes instead of their address key and
    customer number; they are mapped back onto the keys of this period's signals, so an erased
    signal still makes a melding opeenvolgend and a new signal a herhaalde melding.

    `melding_handled` is per signal: a signal that was itself a herhaalde melding was not
    handled, so a later report is measured from the report that was (a household reported
    every quarter would otherwise never be picked up again). While its melding is open, a
    repeat still takes later reports to it (`melding_open`)."""
    start, end = month_bounds(period)
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
        "status",
    )
    addresses, customers = _current_keys(municipality, start, end)
    records = [
        (
            sid,
            municipality.code,
            creditor,
            customers.get((creditor, customer), customer),
            addresses.get(key, key),
            day,
            melding_id,
            melding_id is not None and state != "closed",
            melding_id is not None
            and (state == "closed" or picked_up is not None)
            and status != Signaalstatus.HERHAALDE_MELDING,
        )
        for sid, creditor, customer, key, day, melding_id, state, picked_up, status in rows
    ]
    return _frame(records, schema.HISTORY)


def _current_keys(municipality: Municipality, start: dt.date, end: dt.date):
    """Pseudonym -> key of the period's signals: {address pseudonym: address key} and
    {(creditor, customer pseudonym): customer number}."""
    rows = Signal.objects.filter(
        municipality=municipality, signal_date__range=(start, end)
    ).values_list("address_key", "creditor_id", "customer_number")
    addresses, customers = {}, {}
    for key, creditor, customer in rows:
        addresses[address_pseudonym(key)] = key
        customers[(creditor, customer_pseudonym(creditor, customer))] = customer
    return addresses, customers


def _register_frame(
    model, municipality: Municipality, fields: list[str], near: Q | None = None
) -> pl.DataFrame | None:
    """A municipality's reference list as the engine's frame; None when none is loaded, so the
    check is skipped rather than faked. One query: the rows are read once. `near` narrows the
    rows read; a loaded list with none of them is an empty frame, not None."""
    rows = model.objects.filter(municipality=municipality)
    found = list((rows if near is None else rows.filter(near)).values_list(*fields))
    if not found and (near is None or not rows.exists()):
        return None
    types = {
        f: pl.Date() if f.endswith("_date") else pl.Int64() if f == "house_number" else pl.String()
        for f in fields
    }
    return _frame(found, types).with_columns(pl.lit(municipality.code).alias("municipality_code"))


_ADDRESS = ["postcode", "house_number", "house_letter", "house_number_addition"]


def known_clients(municipality: Municipality) -> pl.DataFrame | None:
    """The debt-help client list (BSN hash, or surname + birth date + address)."""
    return _register_frame(KnownClient, municipality, ["bsn", "surname", "birth_date", *_ADDRESS])


def population_register(
    municipality: Municipality, near: pl.DataFrame | None = None
) -> pl.DataFrame | None:
    """The BRP extract, or None when the municipality has not loaded one (check skipped).

    `near` (signals with bsn, postcode and birth_date): only the residents the engine could pair
    with them (`_near`), for counting one melding again (`matching.recount`): a city's register
    of 900,000 residents is read once per run, not per click."""
    fields = ["bsn", "initials", "surname_prefix", "surname", "birth_date", *_ADDRESS, "death_date"]
    narrowed = None if near is None else _near(near)
    register = _register_frame(ResidentRecord, municipality, fields, narrowed)
    # The check's texts name the municipality as people know it, not by its CBS code.
    if register is None:
        return None
    return register.with_columns(pl.lit(municipality.name).alias("municipality_name"))


def _near(signals: pl.DataFrame) -> Q:
    """Residents sharing a candidate block of the engine's register check with one of `signals`
    (`engine.persons.BLOCKS`: BSN, address, surname with birth year or with birthday, birth
    date): the same BSN, postcode, birth year or birthday. A superset of the engine's
    candidates, so it finds there what it finds in the whole register."""
    births = signals["birth_date"].drop_nulls().unique().to_list()
    near = Q(postcode__in=signals["postcode"].drop_nulls().unique().to_list())
    near |= Q(bsn__in=[bsn for bsn in signals["bsn"].drop_nulls().unique() if bsn])
    near |= Q(birth_date__year__in={born.year for born in births})
    for month, day in {(born.month, born.day) for born in births}:
        near |= Q(birth_date__month=month, birth_date__day=day)
    return near


def joined_to_closed_meldingen(municipality: Municipality, period: str) -> dict[int, str]:
    """Signal id -> status of the period's signals that joined an earlier melding (herhaalde
    melding) which has closed since. They stay in its file (whether it was open is decided when
    they joined), so a run leaves them out: a melding made of the address's later signals
    counts only its own amount, flags and partner types."""
    start, end = month_bounds(period)
    return dict(
        MeldingSignal.objects.filter(
            signal__municipality=municipality,
            signal__signal_date__range=(start, end),
            attached_as_repeat=True,
            melding__state="closed",
        ).values_list("signal_id", "signal__status")
    )


def existing_meldingen(keys: list[str]) -> dict[str, Melding]:
    return {m.key: m for m in Melding.objects.filter(key__in=keys)}


def existing_links(signal_ids: list[int]) -> dict[int, MeldingSignal]:
    return {link.signal_id: link for link in MeldingSignal.objects.filter(signal_id__in=signal_ids)}
