"""A national-scale year of chain data in the database, shared by the monitoring and pages benches.

``ensure_filled(quick)`` writes 2025 for 342 municipalities (sizes on a Zipf-like curve; the 14
municipalities of rank 3-16 form the region "Benchregio"): about 1.2 million signals (20,000
with ``quick``), ~1 million meldingen with work queues, states, priorities and assignments,
contact attempts, conversations, referrals, each closing's round result and timeline events. Rows are generated with NumPy
in chunks and written with PostgreSQL COPY (explicit ids, sequences set afterwards), so the
fill takes about a minute and its memory stays at one chunk. A database that already holds the
data is reused: within one ``make bench`` run the fill happens once.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from dataclasses import dataclass

import numpy as np
import polars as pl

from benchmarks import synthetic

FULL_SIGNALS = 1_200_000
QUICK_SIGNALS = 20_000
MUNICIPALITIES = 342
REGION = "Benchregio"
REGION_RANKS = range(2, 16)
LARGEST = "0001"
CASEWORKERS = 5
CHUNK = 100_000
YEAR = 2025
PARTNERS = np.array(["Energie", "Huur", "Water", "Zorg"])
QUEUES = ("Brief", "Huisbezoek", "Jongeren")
KINDS = np.array(["Huisbezoek", "Brief", "Telefoon", "Kaartje", "Mail"])
PARTS = np.array(["Ochtend", "Middag", "Avond"])
RESULTS = np.array([
    "Definitief geen contact kunnen krijgen", "(Budget)advies en/of quick fix",
    "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering",
    "Vervolghulp en/of verwijzing financieel",
])  # fmt: skip
OPEN_STATES = np.array(["new", "assigned", "contact_in_progress", "in_conversation", "plan_made"])
# Surnames as common as in the Netherlands (`synthetic`: the most common ~0.5% of residents),
# so searching by name (Zoeken) finds as many meldingen as it would in a real municipality.
SURNAME_CUMULATIVE = np.cumsum(synthetic.SURNAME_WEIGHTS)
FIRST_NAMES = np.array(["Jan", "Anna", "Pieter", "Fatima", "Mohamed", "Sanne", "Kees", "Eva"])
PAIRS = np.array(
    [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
)
PASSWORD = "bench-wachtwoord"
BENCH_BSN = "123456782"


@dataclass(frozen=True)
class NationalData:
    """What the benches need to find in the filled database."""

    region: str
    largest_code: str
    caseworker: str
    signals: int


def setup_django() -> bool:
    """Set up Django on DATABASE_URL and migrate; False when that is not PostgreSQL."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return False
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vroegsignaal.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return True


def _weights() -> np.ndarray:
    weights = 1 / (np.arange(MUNICIPALITIES) + 1) ** 0.9
    return weights / weights.sum()


def ensure_filled(quick: bool = False) -> NationalData:
    """The national year in the database: filled now, or found from an earlier bench."""
    from vroegsignaal.intake.models import Signal
    from vroegsignaal.organisations.models import Region

    size = QUICK_SIGNALS if quick else FULL_SIGNALS
    if not Region.objects.filter(name=REGION).exists():
        _fill(size)
    return NationalData(REGION, LARGEST, "bench-uitvoerder-0", Signal.objects.count())


def _fill(size: int) -> None:
    from django.db import connection, transaction

    with transaction.atomic():
        context = _organisations()
        melding_count = int(size / 1.2)
        # Explicit ids above any row already there: the database bench, run first by
        # `make bench`, leaves its own meldingen and signals in the same database.
        counters = dict.fromkeys(
            ("melding", "signal", "attempt", "event", "other", "result"), _max_id()
        )
        for number, offset in enumerate(range(0, melding_count, CHUNK)):
            rng = np.random.default_rng(YEAR + number)
            _write_chunk(rng, context, min(CHUNK, melding_count - offset), counters)
        with connection.cursor() as cursor:
            for table in _tables():
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # index-only scans need the visibility map
        # Write the filled pages out now, not while the benches are being timed.
        cursor.execute("CHECKPOINT")


def _max_id() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest("
            + ", ".join(f"(SELECT coalesce(max(id), 0) FROM {table})" for table in _tables())
            + ")"
        )
        return cursor.fetchone()[0]


def _models() -> tuple:
    """The models the fill writes, in this order (imported late: Django is set up first)."""
    from vroegsignaal.casework.models import (
        ContactAttempt,
        Conversation,
        Event,
        Melding,
        MeldingSignal,
        Referral,
        RoundResult,
    )
    from vroegsignaal.intake.models import Signal

    return (
        Melding, Signal, MeldingSignal, ContactAttempt, Conversation, Referral, Event, RoundResult,
    )  # fmt: skip


def _tables() -> list[str]:
    return [model._meta.db_table for model in _models()]


def _organisations() -> dict:
    """Region, municipalities, creditors with a delivery, queues and the caseworkers."""
    from vroegsignaal.casework.models import Queue
    from vroegsignaal.intake.models import Delivery
    from vroegsignaal.organisations.models import Creditor, Municipality, Region, Role, User
    from vroegsignaal.privacy import bsn

    region = Region.objects.create(name=REGION)
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            code=f"{rank + 1:04d}", name=f"Gemeente {rank + 1}", inhabitants=int(17_900_000 * w),
            region=region if rank in REGION_RANKS else None,
        )
        for rank, w in enumerate(_weights())
    )  # fmt: skip
    queues = Queue.objects.bulk_create(
        Queue(municipality=m, name=name) for m in municipalities for name in QUEUES
    )
    creditors, deliveries = [], []
    for partner in PARTNERS:
        creditor = Creditor.objects.create(code=partner.lower(), name=partner, partner_type=partner)
        delivery = Delivery.objects.create(
            creditor=creditor, channel="cli", checksum=partner, status="accepted"
        )
        creditors.append(creditor.pk)
        deliveries.append(delivery.pk)
    users = []
    for n in range(CASEWORKERS):
        user = User(username=f"bench-uitvoerder-{n}", role=Role.CASEWORKER,
                    municipality=municipalities[0], first_name="Bench", last_name=f"Uitvoerder {n}")  # fmt: skip
        user.set_password(PASSWORD)
        user.save()
        users.append(user.pk)
    return {
        "municipalities": np.array([m.pk for m in municipalities]),
        "queues": np.array([q.pk for q in queues]).reshape(MUNICIPALITIES, len(QUEUES)),
        "creditors": np.array(creditors),
        "deliveries": np.array(deliveries),
        "users": np.array(users),
        "pool": np.maximum(50, _weights() * FULL_SIGNALS * 0.6).astype(np.int64),
        # Every synthetic BSN is the same valid one: encrypt and hash it once, not per row.
        "bsn_token": bsn.encrypt(BENCH_BSN),
        "bsn_hash": bsn.bsn_hash(BENCH_BSN),
    }


def _address_keys(postcode: np.ndarray, house: np.ndarray) -> np.ndarray:
    """'1234AB|7|' as `vroegsignaal.addresses.address_key` makes it (no letter or addition)."""
    return np.char.add(np.char.add(np.char.add(postcode, "|"), house.astype(str)), "|")


def surname_of(person_hash: np.ndarray) -> np.ndarray:
    """A surname per person, drawn by weight but fixed by the person's hash."""
    share = (person_hash >> np.uint64(11)).astype(np.float64) / 2.0**53
    index = np.searchsorted(SURNAME_CUMULATIVE, share * SURNAME_CUMULATIVE[-1], side="right")
    return synthetic.SURNAMES[np.minimum(index, len(synthetic.SURNAMES) - 1)]


def surname_keys(surnames: np.ndarray) -> pl.Series:
    """The surnames' search keys (`Signal.surname_search`, which Zoeken reads), folded once per
    distinct name: COPY skips the field's pre_save."""
    from vroegsignaal.search_keys import surname_key

    names = pl.Series(surnames)
    distinct = names.unique()
    return names.replace_strict(distinct, [surname_key(name) for name in distinct])


def _days(start: np.ndarray, days) -> np.ndarray:
    return (start + np.asarray(days).astype("timedelta64[D]")).astype("datetime64[D]")


def _or_null(mask: np.ndarray, values: np.ndarray) -> pl.Series:
    """``values`` where ``mask`` holds, null elsewhere."""
    return pl.Series(values).scatter(np.flatnonzero(~mask), None)


def _meldingen(rng: np.random.Generator, ctx: dict, first_id: int, n: int) -> pl.DataFrame:
    """One chunk of meldingen with their casework state, as database columns."""
    muni = rng.choice(MUNICIPALITIES, size=n, p=_weights())
    month = rng.integers(1, 13, n)
    start = np.array([np.datetime64(f"{YEAR}-{m:02d}-01") for m in range(1, 13)])[month - 1]
    address = (rng.random(n) ** 1.6 * ctx["pool"][muni]).astype(np.int64)
    go = rng.random(n) < 0.9
    closing = np.where(month >= 10, rng.random(n) < 0.2, rng.random(n) < 0.95)
    closed = closing | ~go
    picked = go & (closed | (rng.random(n) < 0.5)) & (rng.random(n) < 0.7)
    accepted = picked & (rng.random(n) < 0.25)
    talked = accepted & (rng.random(n) < 0.8)
    two = rng.random(n) < 0.2
    consecutive = rng.random(n) < 0.4
    postcode = np.char.add(
        (1000 + muni * 26 + address % 26).astype(str), PAIRS[address // 26 % 676]
    )
    house = address // (26 * 676) * 7 + address % 7 + 1
    picked_on = _days(start, 31 + rng.integers(0, 20, n))
    accepted_on = _days(picked_on, rng.integers(0, 10, n))
    closed_on = _days(start, 70)
    is_local = muni == 0
    assigned = is_local & ~closed & (rng.random(n) < 0.4)
    return pl.DataFrame({
        "id": np.arange(first_id, first_id + n), "key": [f"b{first_id + i}" for i in range(n)],
        "municipality_id": ctx["municipalities"][muni], "period_start": start,
        "period_end": _days(start, 27), "matched_on": _days(start, 30),
        "address_key": _address_keys(postcode, house), "postcode": postcode,
        "house_number": house, "street": "Benchstraat", "street_search": "benchstraat",
        "city": "Benchstad",
        "is_single": ~two & ~consecutive, "is_multiple": two, "is_consecutive": consecutive,
        "is_crisis": rng.random(n) < 0.05, "is_warm_handover": rng.random(n) < 0.03, "go": go,
        "priority_score": rng.integers(0, 100, n),
        "queue_id": _or_null(go, ctx["queues"][muni, rng.integers(0, len(QUEUES), n)]),
        "due_on": _or_null(go, _days(start, 44)),
        "state": np.where(closed, "closed", OPEN_STATES[rng.integers(0, len(OPEN_STATES), n)]),
        "assigned_to_id": _or_null(assigned, ctx["users"][rng.integers(0, CASEWORKERS, n)]),
        "picked_up_on": _or_null(picked, picked_on),
        "result": np.where(closed & go, RESULTS[rng.integers(0, len(RESULTS), n)], ""),
        "closed_on": _or_null(closed, closed_on), "first_closed_on": _or_null(closed, closed_on),
        "accepted_on": _or_null(accepted, accepted_on),
        "first_conversation_on": _or_null(talked, _days(accepted_on, rng.integers(0, 30, n))),
        "heropaf_due_on": _or_null(closed & go & (rng.random(n) < 0.2), _days(closed_on, 182)),
        "signals": np.where(two, 2, 1), "attempts": np.where(picked, rng.integers(1, 4, n), 0),
    })  # fmt: skip


def _signals(rng: np.random.Generator, ctx: dict, meldingen: pl.DataFrame, first_id: int):
    """The signals of the chunk's meldingen (one or two each), their links and per melding the
    totals matching stores (amount, partner types, first signal date)."""
    rows = meldingen.select(
        "id", "municipality_id", "period_start", "address_key", "postcode", "house_number",
        "picked_up_on", pl.int_ranges(0, "signals").alias("number"),
    ).explode("number")  # fmt: skip
    n = rows.height
    ids = np.arange(first_id, first_id + n)
    partner = rng.integers(0, len(PARTNERS), n)
    person = rows["address_key"].hash(seed=1).to_numpy()
    signal_date = _days(rows["period_start"].to_numpy(), rng.integers(0, 28, n))
    has_bsn = rng.random(n) < 0.1
    surnames = surname_of(person)
    signals = pl.DataFrame({
        "id": ids, "creditor_id": ctx["creditors"][partner],
        "municipality_id": rows["municipality_id"], "delivery_id": ctx["deliveries"][partner],
        "row_number": ids, "customer_number": ids.astype(str), "signal_date": signal_date,
        "initials": "J.", "first_names": FIRST_NAMES[person % len(FIRST_NAMES)],
        "surname": surnames, "surname_search": surname_keys(surnames),
        "birth_date": _days(np.datetime64("1945-01-01"), person % 20_000),
        "street": "Benchstraat", "house_number": rows["house_number"],
        "postcode": rows["postcode"], "city": "Benchstad", "phone": "0612345678",
        "bsn": np.where(has_bsn, ctx["bsn_token"], ""),
        "bsn_hash": np.where(has_bsn, ctx["bsn_hash"], ""),
        "amount_cents": rng.integers(5_000, 300_000, n),
        "arrears_start": _days(signal_date, -rng.integers(30, 200, n)),
        "crisis": rng.random(n) < 0.04, "warm_handover": rng.random(n) < 0.03,
        "address_key": rows["address_key"],
        "status": np.where(rows["picked_up_on"].is_not_null(), "Opgepakt", "Nog niet opgepakt"),
    })  # fmt: skip
    links = pl.DataFrame({"id": ids, "signal_id": ids, "melding_id": rows["id"]})
    totals = links.with_columns(
        amount=signals["amount_cents"], partner=PARTNERS[partner], date=signals["signal_date"]
    )
    return (
        signals,
        links,
        totals.group_by("melding_id").agg(
            pl.col("amount").sum().alias("total_amount_cents"),
            pl.col("partner").unique().sort().alias("partners"),
            pl.col("date").min().alias("first_signal_on"),
        ),
    )


def _attempts(
    rng: np.random.Generator, meldingen: pl.DataFrame, first_id: int, users
) -> pl.DataFrame:
    rows = (
        meldingen.filter(pl.col("attempts") > 0)
        .select("id", "picked_up_on", "attempts")
        .with_columns(number=pl.int_ranges(0, "attempts"))
        .explode("number")
    )
    n = rows.height
    return pl.DataFrame({
        "id": np.arange(first_id, first_id + n), "melding_id": rows["id"],
        "kind": KINDS[rng.integers(0, len(KINDS), n)],
        "attempted_on": _days(rows["picked_up_on"].to_numpy(), rows["number"].to_numpy() * 2),
        "part_of_day": PARTS[rng.integers(0, len(PARTS), n)], "reached": rng.random(n) < 0.35,
        "recorded_by_id": users[rng.integers(0, len(users), n)],
    })  # fmt: skip


def _events(attempts: pl.DataFrame, first_id: int) -> pl.DataFrame:
    """A timeline event per contact attempt, with the details the timeline describes."""
    details = pl.concat_str(
        pl.lit('{"kind": "'), "kind", pl.lit('", "on": "'), pl.col("attempted_on").cast(pl.String),
        pl.lit('", "part_of_day": "'), "part_of_day", pl.lit('", "reached": '),
        pl.col("reached").cast(pl.String), pl.lit("}"),
    )  # fmt: skip
    return attempts.select(
        (pl.int_range(pl.len()) + first_id).alias("id"), "melding_id", pl.col("recorded_by_id").alias("actor_id"),
        pl.lit("contact_attempt").alias("kind"), details.alias("details"),
    )  # fmt: skip


def _talks(meldingen: pl.DataFrame, first_id: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A conversation for each melding with a first conversation; a referral for every other."""
    talked = meldingen.filter(pl.col("first_conversation_on").is_not_null())
    conversations = talked.select(
        (pl.int_range(pl.len()) + first_id).alias("id"), pl.col("id").alias("melding_id"),
        pl.col("first_conversation_on").alias("held_on"), pl.lit("ja").alias("help_offered"),
        pl.lit("ja").alias("help_accepted"), pl.lit("onbekend").alias("cause"),
    )  # fmt: skip
    referrals = talked.gather_every(2).select(
        (pl.int_range(pl.len()) + first_id).alias("id"), pl.col("id").alias("melding_id"),
        pl.lit("schuldhulpverlening").alias("kind"),
        pl.col("first_conversation_on").alias("handover_on"),
    )  # fmt: skip
    return conversations, referrals


def _with_chain_facts(meldingen, attempts, conversations, referrals) -> pl.DataFrame:
    """The chain facts the casework services keep on a melding (see migration casework.0006),
    from the rows written past them: first attempt, first contact (a reached attempt or a
    conversation), help accepted in a conversation, referred."""
    firsts = attempts.group_by("melding_id").agg(
        pl.col("attempted_on").min().alias("first_attempt_on"),
        pl.col("attempted_on").filter("reached").min().alias("reached_on"),
    )
    talked = conversations.group_by("melding_id").agg(
        pl.col("held_on").min().alias("talked_on"),
        (pl.col("help_accepted") == "ja").any().alias("accepted_in_conversation"),
    )
    referred = referrals.select("melding_id").unique().with_columns(referred=pl.lit(True))
    return (
        meldingen.join(firsts, left_on="id", right_on="melding_id", how="left")
        .join(talked, left_on="id", right_on="melding_id", how="left")
        .join(referred, left_on="id", right_on="melding_id", how="left")
        .with_columns(
            pl.min_horizontal("reached_on", "talked_on").alias("first_contact_on"),
            pl.col("accepted_in_conversation", "referred").fill_null(False),
        )
        .drop("reached_on", "talked_on")
        .sort("id")
    )


def _round_results(meldingen: pl.DataFrame, first_id: int) -> pl.DataFrame:
    """The result of each melding closed with one, as casework keeps it (contact round 1)."""
    closed = meldingen.filter(pl.col("result") != "")
    return closed.select(
        (pl.int_range(pl.len()) + first_id).alias("id"), pl.col("id").alias("melding_id"),
        "municipality_id", pl.lit(1).alias("contact_round"), "result", "closed_on",
        pl.col("first_contact_on").is_not_null().alias("reached"),
    )  # fmt: skip


def _write_chunk(rng, ctx: dict, n: int, counters: dict) -> None:
    Melding, Signal, MeldingSignal, ContactAttempt, Conversation, Referral, Event, RoundResult = (
        _models()
    )
    meldingen = _meldingen(rng, ctx, counters["melding"] + 1, n)
    signals, links, totals = _signals(rng, ctx, meldingen, counters["signal"] + 1)
    meldingen = meldingen.join(totals, left_on="id", right_on="melding_id").sort("id")
    attempts = _attempts(rng, meldingen, counters["attempt"] + 1, ctx["users"])
    conversations, referrals = _talks(meldingen, counters["other"] + 1)
    meldingen = _with_chain_facts(meldingen, attempts, conversations, referrals)
    events = _events(attempts, counters["event"] + 1)
    results = _round_results(meldingen, counters["result"] + 1)
    partner_json = pl.format("[{}]", pl.col("partners").list.eval(
        pl.format('"{}"', pl.element())).list.join(", "))  # fmt: skip
    copy_frame(Melding, meldingen.with_columns(
        partner_types=partner_json, partner_type_count=pl.col("partners").list.len(),
    ).drop("signals", "attempts", "partners"))  # fmt: skip
    copy_frame(Signal, signals)
    copy_frame(MeldingSignal, links)
    copy_frame(ContactAttempt, attempts)
    copy_frame(Conversation, conversations)
    copy_frame(Referral, referrals)
    copy_frame(Event, events)
    copy_frame(RoundResult, results)
    counters["melding"] += n
    counters["signal"] += signals.height
    counters["attempt"] += attempts.height
    counters["event"] += events.height
    counters["other"] += conversations.height
    counters["result"] += results.height


def _default(field, now: str):
    from django.db.models import JSONField
    from django.db.models.fields import NOT_PROVIDED

    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.null and field.default is NOT_PROVIDED:
        return None
    value = field.get_default()
    return json.dumps(value) if isinstance(field, JSONField) else value


def copy_frame(model, frame: pl.DataFrame) -> None:
    """COPY ``frame`` (columns named as the table's) into ``model``'s table; other columns get
    their model default, so every NOT NULL column is filled."""
    from django.db import connection

    now = dt.datetime.now(dt.UTC).isoformat()
    missing = [f for f in model._meta.concrete_fields if f.column not in frame.columns]
    full = frame.with_columns(pl.lit(_default(f, now)).alias(f.column) for f in missing)
    buffer = io.BytesIO()
    full.write_csv(buffer, quote_style="non_numeric")
    columns = ", ".join(connection.ops.quote_name(c) for c in full.columns)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv, HEADER)") as copy,
    ):
        copy.write(buffer.getvalue())
