"""Pages benchmark: the werkbakjes and the melding page on a national-scale year (PostgreSQL).

Uses the shared fill of ``benchmarks.national``. A caseworker of the largest municipality
(~120,000 meldingen in the year, ~25,000 of them open), logged in with a verified second
factor, requests the pages through Django's test ``Client``: every middleware, the access
check, the audit entry and the real templates run. Measured per page kind, after a warm-up:
p50/p95/p99 in milliseconds over ``REQUESTS`` requests. Target: p95 < 200 ms. Also Zoeken
(kenmerk, address and surname in turn).
"""

from __future__ import annotations

import random
import time

import numpy as np

from benchmarks import national

REQUESTS = 250
QUICK_REQUESTS = 20
WARM_UP = 5
TARGET_MS = 200


def logged_in_client(username: str):
    """A test client logged in as ``username`` with a verified TOTP device, as after log-in."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from vroegsignaal.organisations.models import User

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _filter_queries(municipality) -> list[dict]:
    """The filter combinations a caseworker uses, each a GET query of the werkbakjes page."""
    queue = str(municipality.queues.order_by("pk").values_list("pk", flat=True).first())
    postcode = municipality.meldingen.values_list("postcode", flat=True).first()[:4]
    return [
        {"werkbakje": queue},
        {"werkbakje": queue, "toegewezen": "mine"},
        {"toegewezen": "unassigned", "termijn": "overdue"},
        {"kenmerken": ["crisis"]},
        {"kenmerken": ["meervoudig", "opeenvolgend"]},
        {"soort": "Energie", "bedrag_vanaf": "500"},
        {"postcode": postcode},
        {"werkbakje": "heropaf"},
        {"pagina": "3"},
    ]


def _search_queries(sample: list[int]) -> list[dict]:
    """What caseworkers type in Zoeken, in turn: a melding's kenmerk, its address and the
    surname on its signal (common names come up as often as they are common)."""
    from vroegsignaal.casework.models import MeldingSignal

    links = MeldingSignal.objects.filter(melding_id__in=sample[:50]).values_list(
        "melding_id", "melding__postcode", "melding__house_number", "signal__surname"
    )
    queries = {}
    for pk, postcode, house_number, surname in links.order_by("melding_id", "signal_id"):
        queries.setdefault(pk, [
            {"q": f"VS-{pk}"},
            {"q": f"{postcode[:4]} {postcode[4:]} {house_number}"},
            {"q": surname},
        ])  # fmt: skip
    return [query for per_melding in queries.values() for query in per_melding]


def _percentiles(millis: list[float]) -> dict:
    p50, p95, p99 = np.percentile(millis, [50, 95, 99])
    return {
        "p50_ms": round(float(p50), 1),
        "p95_ms": round(float(p95), 1),
        "p99_ms": round(float(p99), 1),
    }


def _measure(client, requests: list[tuple[str, dict]]) -> list[float]:
    """Milliseconds per request; every response must be a 200 with the page."""
    for path, query in requests[:WARM_UP]:
        client.get(path, query)
    millis = []
    for path, query in requests:
        started = time.perf_counter()
        response = client.get(path, query)
        millis.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} {query}: HTTP {response.status_code}")
    return millis


def _row(name: str, millis: list[float], vendor: str, meldingen: int) -> dict:
    stats = _percentiles(millis)
    return {
        "benchmark": f"pages.{name}", "database": vendor, "open_meldingen": meldingen,
        "requests": len(millis), **stats, "target_p95_ms": TARGET_MS,
        "within_target": bool(stats["p95_ms"] < TARGET_MS),
    }  # fmt: skip


def run(quick: bool = False) -> list[dict]:
    """Time the werkbakjes page (with and without filters) and the melding page."""
    if not national.setup_django():
        return [{"benchmark": "pages", "skipped": "geen PostgreSQL (DATABASE_URL)"}]
    from django.db import connection
    from django.urls import reverse

    from vroegsignaal.organisations.models import Municipality

    data = national.ensure_filled(quick)
    municipality = Municipality.objects.get(code=data.largest_code)
    client = logged_in_client(data.caseworker)
    count = QUICK_REQUESTS if quick else REQUESTS
    worklist = reverse("casework:worklist")
    open_meldingen = municipality.meldingen.exclude(state="closed").count()
    filters = _filter_queries(municipality)
    ids = list(municipality.meldingen.values_list("pk", flat=True))
    sample = random.Random(4).sample(ids, min(count, len(ids)))
    runs = {
        "worklist_first_page": [(worklist, {})] * count,
        "worklist_filtered": [(worklist, filters[n % len(filters)]) for n in range(count)],
        "melding_page": [(reverse("casework:melding", args=[pk]), {}) for pk in sample],
        "search": [
            (reverse("casework:search"), query) for query in _search_queries(sample)[:count]
        ],
    }
    return [
        _row(name, _measure(client, requests), connection.vendor, open_meldingen)
        for name, requests in runs.items()
    ]
