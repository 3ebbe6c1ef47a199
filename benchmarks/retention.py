"""Retention benchmark: a night that erases thousands of meldingen, before and after batches.

Fills a database with SIZE erasable meldingen (three in four closed as no-go, past the signal
term with their signals, as the demo's simulated year erases some 6,300; one in four closed
past the closed-melding term, with the casework on them: contact attempt, conversation, plan,
referral, budget line, event, letter in a print batch, feedback) and times `retention.run` on
two copies of it: with the code from before the batch erasure (the tree at BEFORE, read with
`git archive`) and with the working tree, each in its own process. So the ratio is measured in
one run, on the same data and under the same load. Both must leave the same rows: a digest of
every table (but the run's own moments) is compared, and a difference stops the bench.

SQLite always (files in var/bench/retention); PostgreSQL too when DATABASE_URL names one, as
under `make bench` (databases of its own on that server, copied with CREATE DATABASE ...
TEMPLATE).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

FULL_SIZE = 6_300
QUICK_SIZE = 200
PG_BEFORE_FITS = 1_000  # meldingen the code before erases in one run on a default PostgreSQL
# The last commit that erased one melding at a time (RETENTION_BENCH_BEFORE to compare another).
BEFORE = "88015d54f267e0725e23e4d0123d833359f6a08c"
TODAY = dt.date(2029, 6, 1)  # past every term of the data below but the audit log's
ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "retention"
LETTERS_PER_BATCH = 20


def run(quick: bool = False) -> list[dict]:
    """Time the run before and after on SQLite, and on PostgreSQL when DATABASE_URL names it."""
    size = QUICK_SIZE if quick else FULL_SIZE
    WORK.mkdir(parents=True, exist_ok=True)
    before_src = _tree_at(os.environ.get("RETENTION_BENCH_BEFORE", BEFORE))
    rows = [_compare(_SQLite(), size, before_src)]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        postgresql = _PostgreSQL(os.environ["DATABASE_URL"])
        rows.append(_compare(postgresql, size, before_src))
        if "before_failed" in rows[-1]:
            # One melding at a time took a temporary table (and its locks) per melding, held
            # to the end of the run's transaction: a night of thousands filled PostgreSQL's
            # lock table. The ratio then on a night the code before still gets through.
            rows.append(_compare(postgresql, PG_BEFORE_FITS, before_src))
    return rows


def _compare(database, size: int, before_src: Path) -> dict:
    _child("fill", database.url("fill"), ROOT / "src", str(size))
    results = {}
    for name, src in (("before", before_src), ("after", ROOT / "src")):
        database.copy("fill", name)
        try:
            results[name] = _child("erase", database.url(name), src)
        except _ChildFailed as failure:
            if name == "after" or "out of shared memory" not in str(failure):
                raise
            results[name] = None
            continue
        if Path(results[name]["code"]) != src / "vroegsignaal":
            raise RuntimeError(f"{name}: vroegsignaal came from {results[name]['code']}")
    before, after = results["before"], results["after"]
    row = {
        "benchmark": "retention.run", "database": database.vendor, "meldingen": size,
        "erased": after["counts"]["meldingen"], "seconds_after": after["seconds"],
    }  # fmt: skip
    if before is None:
        return {**row, "before_failed": "out of shared memory (max_locks_per_transaction)"}
    if before["digest"] != after["digest"] or before["counts"] != after["counts"]:
        raise RuntimeError(f"retention before and after batches differ: {before} != {after}")
    return {
        **row,
        "seconds_before": before["seconds"],
        "ratio_before_to_after": round(before["seconds"] / after["seconds"], 1),
        "same_rows": True,
    }


def _tree_at(revision: str) -> Path:
    """The source tree (src/) at `revision`, unpacked once under WORK."""
    target = WORK / f"src-{revision[:12]}"
    if not (target / "src").exists():
        archive = subprocess.run(
            ["git", "archive", "--format=tar", revision, "src"],
            cwd=ROOT, check=True, capture_output=True,
        ).stdout  # fmt: skip
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target / "src"


def _child(command: str, database_url: str, src: Path, *args: str) -> dict:
    """Run `command` of this module in a process that imports vroegsignaal from `src`."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PYTHONPATH": os.pathsep.join([str(src), str(ROOT)]),
        "VAR_DIR": str(WORK / "var"),
        "DJANGO_SETTINGS_MODULE": "vroegsignaal.settings",
    }
    env.pop("AUDIT_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.retention", command, *args],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise _ChildFailed(f"{command} on {src} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class _ChildFailed(RuntimeError):
    """A child process stopped with an error (its last lines of stderr in the message)."""


class _SQLite:
    vendor = "sqlite"

    def url(self, name: str) -> str:
        return f"sqlite:///{WORK / f'{name}.sqlite3'}"

    def copy(self, source: str, target: str) -> None:
        for suffix in (".sqlite3", ".audit.sqlite3"):
            shutil.copyfile(WORK / f"{source}{suffix}", WORK / f"{target}{suffix}")


class _PostgreSQL:
    """Databases of their own next to the one DATABASE_URL names (the national benches' data)."""

    vendor = "postgresql"

    def __init__(self, database_url: str):
        self.base = urlsplit(database_url)

    def url(self, name: str) -> str:
        self._create(name, template=None, replace=name == "fill")
        return urlunsplit(self.base._replace(path=f"/bench_retention_{name}"))

    def copy(self, source: str, target: str) -> None:
        self._create(target, template=source, replace=True)

    def _create(self, name: str, template: str | None, replace: bool) -> None:
        import psycopg

        with psycopg.connect(urlunsplit(self.base), autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [f"bench_retention_{name}"]
            ).fetchone()
            if exists and not replace:
                return
            connection.execute(f"DROP DATABASE IF EXISTS bench_retention_{name}")
            copied = f" TEMPLATE bench_retention_{template}" if template else ""
            connection.execute(f"CREATE DATABASE bench_retention_{name}{copied}")


# In the child process, with Django on the tree and database given.


def _setup() -> None:
    import django

    django.setup()


def _fill(size: int) -> dict:
    """A fresh database (a SQLite file is removed first) with `size` erasable meldingen."""
    from django.conf import settings
    from django.core.management import call_command

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        for database in settings.DATABASES.values():
            Path(database["NAME"]).unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("migrate", database="audit", verbosity=0, interactive=False)
    _write_meldingen(size)
    return {"filled": size}


def _write_meldingen(size: int) -> None:
    from django.db import transaction

    from vroegsignaal.casework import models as casework
    from vroegsignaal.ddas import Eindresultaat, Signaalpartner
    from vroegsignaal.feedback.models import FeedbackRelease, SignalFeedback
    from vroegsignaal.intake.models import Delivery, Signal
    from vroegsignaal.organisations.models import Creditor, Municipality, Region

    with transaction.atomic():
        region = Region.objects.create(name="Bench retention")
        municipality = Municipality.objects.create(code="0153", name="Enschede", region=region)
        creditor = Creditor.objects.create(
            code="bench-energie", name="Energie Bench", partner_type=Signaalpartner.ENERGIE
        )
        delivery = Delivery.objects.create(creditor=creditor, channel="cli", status="accepted")
        queue = casework.Queue.objects.create(
            municipality=municipality, name="Huisbezoek", first_contact_channel="Huisbezoek"
        )
        signals = Signal.objects.bulk_create(
            [_signal(n, creditor, municipality, delivery) for n in range(size)], batch_size=1000
        )
        worked = [n % 4 == 0 for n in range(size)]  # picked up and closed; the rest no-go
        meldingen = casework.Melding.objects.bulk_create(
            [_melding(n, municipality, queue, worked[n], Eindresultaat) for n in range(size)],
            batch_size=1000,
        )
        casework.MeldingSignal.objects.bulk_create(
            [
                casework.MeldingSignal(
                    melding=melding, signal=signal, person_key=f"{melding.key}|{signal.pk}"
                )
                for melding, signal in zip(meldingen, signals, strict=True)
            ],
            batch_size=1000,
        )
        release = FeedbackRelease.objects.create(released_on=dt.date(2026, 12, 1))
        closed = [
            (melding, signal)
            for melding, signal, done in zip(meldingen, signals, worked, strict=True)
            if done
        ]
        _write_casework(closed, creditor, release, casework, SignalFeedback)
        _write_letters(closed, municipality)


def _write_letters(closed, municipality) -> None:
    """A letter on each worked melding, in print batches of LETTERS_PER_BATCH (file names only:
    a missing file is no matter to its deletion)."""
    from vroegsignaal.letters.models import LetterBatch, SentLetter

    batches = []
    for n in range(0, len(closed), LETTERS_PER_BATCH):
        batches.append(LetterBatch(municipality=municipality, kind="first",
                                   selection_key=f"bench-{n}", pdf=f"brieven/bench-{n}.pdf",
                                   letter_count=LETTERS_PER_BATCH))  # fmt: skip
    batches = LetterBatch.objects.bulk_create(batches)
    letters = []
    for n, (melding, _) in enumerate(closed):
        letters.append(SentLetter(melding=melding, kind="first", contact_round=1,
                                  recipients=["J. Jansen"], pdf=f"brieven/brief-{melding.pk}.pdf",
                                  batch=batches[n // LETTERS_PER_BATCH]))  # fmt: skip
    SentLetter.objects.bulk_create(letters, batch_size=1000)


def _signal(n: int, creditor, municipality, delivery):
    from vroegsignaal.intake.models import Signal

    return Signal(
        creditor=creditor, municipality=municipality, delivery=delivery, row_number=n + 2,
        customer_number=f"K{n:07d}", signal_date=dt.date(2026, 10, 5), initials="J.",
        surname="Jansen", surname_search="jansen", birth_date=dt.date(1980, 5, 17),
        street="Oldenzaalsestraat", house_number=n + 1, postcode="7511AB", city="Enschede",
        phone="0612345678", email="jansen@example.nl", amount_cents=25_000,
        arrears_start=dt.date(2026, 8, 1), address_key=f"7511AB-{n + 1}",
    )  # fmt: skip


def _melding(n: int, municipality, queue, worked: bool, results):
    from vroegsignaal.casework.models import Melding

    fate = (
        {"go": True, "picked_up_on": dt.date(2026, 11, 3), "result": results.REGELT_ZELF,
         "closed_on": dt.date(2026, 11, 20)}
        if worked
        else {"go": False, "result": results.ONTERECHT, "closed_on": dt.date(2026, 11, 2)}
    )  # fmt: skip
    return Melding(
        key=f"0153|2026-10|7511AB-{n + 1}", municipality=municipality,
        period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 10, 31),
        matched_on=dt.date(2026, 11, 2), address_key=f"7511AB-{n + 1}", postcode="7511AB",
        house_number=n + 1, street="Oldenzaalsestraat", street_search="oldenzaalsestraat",
        city="Enschede", is_single=True, partner_types=["Energie"], partner_type_count=1,
        total_amount_cents=25_000, priority_score=10, priority_reasons=[], queue=queue,
        due_on=dt.date(2026, 11, 16), state="closed", first_closed_on=fate["closed_on"], **fate,
    )  # fmt: skip


def _write_casework(closed, creditor, release, casework, feedback_model) -> None:
    """On each worked melding one of every record with a typed text that erasure blanks."""
    from django.utils import timezone

    day = dt.date(2026, 11, 5)
    rows = {
        casework.ContactAttempt: lambda m, s: casework.ContactAttempt(
            melding=m, kind="Huisbezoek", attempted_on=day, part_of_day="Avond", reached=True,
            note="hond blaft",
        ),
        casework.Conversation: lambda m, s: casework.Conversation(
            melding=m, held_on=day, help_offered="ja", help_accepted="ja", cause="vergeten",
            other_domains=["wonen"], provisions={}, note="gesprek over de scheiding",
        ),
        casework.Plan: lambda m, s: casework.Plan(
            melding=m, room_to_pay_off="ja", problematic_debts="nee", note="oom helpt",
            ongoing_payments={str(creditor.pk): "betaalt 85 per maand"},
        ),
        casework.Referral: lambda m, s: casework.Referral(
            melding=m, kind="schuldhulpverlening", handover_on=day, note="budgetcoach"
        ),
        casework.BudgetLine: lambda m, s: casework.BudgetLine(
            melding=m, kind="inkomsten", description="salaris bakkerij", monthly_cents=100
        ),
        casework.Event: lambda m, s: casework.Event(
            melding=m, kind=casework.EventKind.BUDGET_LINE,
            details={"description": "salaris bakkerij"},
        ),
        feedback_model: lambda m, s: feedback_model(
            signal=s, creditor=creditor, release=release, kind="outcome",
            content={"cause": "vergeten", "ongoing_payments": "betaalt 85 per maand"},
            released_at=timezone.now(),
        ),
    }  # fmt: skip
    for model, make in rows.items():
        model.objects.bulk_create([make(m, s) for m, s in closed], batch_size=1000)


def _erase() -> dict:
    """One retention run on the database given, timed; with what it erased and a digest of
    every table afterwards."""
    from vroegsignaal.casework.models import Melding
    from vroegsignaal.privacy import retention

    Melding.objects.exists()  # the connection opened before the clock starts
    started = time.perf_counter()
    done = retention.run(today=TODAY)
    seconds = time.perf_counter() - started
    erased = done.counts[retention.UNPICKED_MELDINGEN] + done.counts[retention.CLOSED_MELDINGEN]
    return {
        "seconds": round(seconds, 2),
        "counts": {"meldingen": erased},
        "digest": _digest(),
        "code": str(Path(retention.__file__).parent.parent),  # the tree it ran
    }


def _digest() -> str:
    """A hash of every row of every table on `default`, but the moments the run stamps."""
    from django.apps import apps
    from django.db import router

    from vroegsignaal.intake.models import Delivery
    from vroegsignaal.privacy.models import RetentionRun

    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda model: model._meta.db_table):
        if model._meta.proxy or model is RetentionRun or router.db_for_read(model) != "default":
            continue
        for row in model.objects.order_by("pk").values():
            if model is Delivery:
                row.pop("file_removed_at")
            digest.update(json.dumps(row, sort_keys=True, default=str).encode())
    return digest.hexdigest()


if __name__ == "__main__":
    _setup()
    command, *arguments = sys.argv[1:]
    result = _fill(int(arguments[0])) if command == "fill" else _erase()
    print(json.dumps(result))
