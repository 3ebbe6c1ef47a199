"""The national DDAS vroegsignalering export (v1.2) of one municipality for a date range.

Public API: ``export_documents(municipality, start, end, page_size=PAGE_SIZE)`` returns one
Uitwisselmodel document per page (each with one levering, teller = page number),
``write_documents(documents, out)`` writes them as FILE, FILE-2, FILE-3, ...,
``delivered(documents, start, end)`` says what they hold for the audit log,
``erased_note(municipality, start, end)`` tells the meldpunt how many signals of the range go in
with only their PC4 and ``open_zaken_note(municipality, start, end, today)`` how many zaken of
the range go without their result.

What goes in (docs/monitoring.md has the full account):
- vroegsignalen: the signals with a signaaldatum in the range, with status and partner type;
  the client by BSN when a valid one (9 digits) is known, otherwise by postcode + huisnummer
  (+ huisnummertoevoeging); a signal erased after its retention term (privacy.retention) has
  neither, so its client is the PC4 that erasure keeps with an empty huisnummer: the schema's
  postcode + huisnummer form, without identifying anyone; amounts in whole euros, rounded half
  up from cents;
- vroegsignaalzaken: the meldingen whose first signal (``Melding.first_signal_on``) is dated in
  the range, listing their signals of the range (so every reference resolves within the page),
  with result, matching dates, datumOpgepakt and contactpogingen. The schema has no id for a
  zaak, so CBS would count a zaak delivered twice as two: deliveries that partition time hold
  each zaak once. A signal attached later to a zaak of an earlier delivery (a herhaalde
  melding) goes in as a vroegsignaal of its own range, with its status, without the zaak. The resultaat is the latest result reached: that of the latest contact
  round closed (casework's ``RoundResult``). While a heropaf's new round is still open it is
  the round before's, so a zaak that had a result keeps one; once the new round closes, its
  result replaces it. The standard has one resultaat per zaak, so an earlier round's is not
  delivered beside it.
A page holds at most ``page_size`` signals and never splits a melding over two pages.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from vroegsignaal.casework.models import ContactAttempt, Melding, RoundResult
from vroegsignaal.dutch_numbers import counted, dutch_number
from vroegsignaal.gc_pause import cyclic_gc_paused
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy.pseudonyms import PREFIX, is_pseudonym

PAGE_SIZE = 50_000

_SIGNAL_FIELDS = (
    "id", "crisis", "warm_handover", "amount_cents", "arrears_start", "signal_date", "status",
    "creditor__partner_type", "bsn", "postcode", "house_number", "house_letter",
    "house_number_addition", "address_key", "melding_link__melding_id",
)  # fmt: skip


def whole_euros(cents: int) -> int:
    """Cents as whole euros, rounded half up (the standard's bedrag is an integer)."""
    return (cents + 50) // 100


def supplier_code(municipality: Municipality) -> str:
    """codeGegevensleverancier: the DDAS_SUPPLIER_CODE setting, else the gemeentecode."""
    return getattr(settings, "DDAS_SUPPLIER_CODE", "") or municipality.code


def supplying_organisation(municipality: Municipality) -> dict:
    """aanleverendeOrganisatie: the DDAS_SUPPLIER_NAME setting, else 'Gemeente <naam>'."""
    name = getattr(settings, "DDAS_SUPPLIER_NAME", "") or f"Gemeente {municipality.name}"
    return {"naam": name}


def _client(row: dict) -> dict:
    bsn = row["bsn"]
    if len(bsn) == 9 and bsn.isdigit():
        return {"burgerservicenummer": bsn}
    if is_pseudonym(row["address_key"]):
        return {"postcode": row["postcode"], "huisnummer": ""}
    client = {"postcode": row["postcode"], "huisnummer": str(row["house_number"])}
    suffix = " ".join(p for p in (row["house_letter"], row["house_number_addition"]) if p)
    if suffix:
        client["huisnummertoevoeging"] = suffix
    return client


def _signal(row: dict) -> dict:
    return {
        "ID": str(row["id"]),
        "crisissignaal": row["crisis"],
        "warmeOverdracht": row["warm_handover"],
        "bedrag": whole_euros(row["amount_cents"]),
        "ontstaansdatum": row["arrears_start"].isoformat(),
        "signaaldatum": row["signal_date"].isoformat(),
        "status": row["status"],
        "signaalpartner": {"type": row["creditor__partner_type"]},
        "client": _client(row),
    }


def _signal_rows(municipality: Municipality, start: dt.date, end: dt.date) -> list[dict]:
    # Ordered by melding so a melding's signals are adjacent and can stay on one page.
    rows = (
        Signal.objects.filter(municipality=municipality, signal_date__range=(start, end))
        .order_by("melding_link__melding_id", "id")
        .values(*_SIGNAL_FIELDS)
    )
    return list(rows)


def _zaken(municipality: Municipality, start: dt.date, end: dt.date):
    """The meldingen the delivery of ``start``..``end`` holds as vroegsignaalzaken: those whose
    first signal is dated in it, so each goes to CBS once."""
    return Melding.objects.filter(municipality=municipality, first_signal_on__range=(start, end))


def _meldingen(municipality: Municipality, start: dt.date, end: dt.date) -> dict[int, dict]:
    zaken = _zaken(municipality, start, end)
    exported = zaken.values("id")
    fields = ("id", "matched_on", "period_start", "period_end", "picked_up_on")
    meldingen = {m["id"]: m for m in zaken.values(*fields)}
    latest = RoundResult.objects.filter(melding_id__in=exported).order_by("contact_round")
    results = dict(latest.values_list("melding_id", "result"))  # a later round overwrites
    attempts = defaultdict(list)
    rows = ContactAttempt.objects.filter(melding_id__in=exported).order_by("attempted_on", "id")
    for melding_id, kind, reached, on, part in rows.values_list(
        "melding_id", "kind", "reached", "attempted_on", "part_of_day"
    ):
        attempts[melding_id].append(
            {"soort": kind, "bereikt": reached, "datum": on.isoformat(), "dagdeel": part}
        )
    for melding_id, melding in meldingen.items():
        melding["contactpogingen"] = attempts.get(melding_id, [])
        melding["result"] = results.get(melding_id, "")
    return meldingen


def _zaak(melding: dict, signal_ids: list[str]) -> dict:
    zaak = {
        "matchingsdatum": melding["matched_on"].isoformat(),
        "startdatumMatchingperiode": melding["period_start"].isoformat(),
        "einddatumMatchingperiode": melding["period_end"].isoformat(),
        "vroegsignalen": [{"ID": signal_id} for signal_id in signal_ids],
        "contactpogingen": melding["contactpogingen"],
    }
    if melding["result"]:
        zaak["resultaat"] = melding["result"]
    if melding["picked_up_on"]:
        zaak["datumOpgepakt"] = melding["picked_up_on"].isoformat()
    return zaak


def _units(rows: list[dict], meldingen: dict[int, dict]) -> Iterator[list[dict]]:
    """The signals in groups that must share a page: those of one zaak of this delivery, or a
    single one without a zaak here (not matched, or its zaak went in an earlier delivery)."""
    group: list[dict] = []
    zaak = None
    for row in rows:
        melding_id = row["melding_link__melding_id"]
        row_zaak = melding_id if melding_id in meldingen else None
        if group and (row_zaak is None or row_zaak != zaak):
            yield group
            group = []
        zaak = row_zaak
        group.append(row)
    if group:
        yield group


def _pages(rows: list[dict], meldingen: dict[int, dict], page_size: int) -> list[list[list[dict]]]:
    pages: list[list[list[dict]]] = [[]]
    filled = 0
    for unit in _units(rows, meldingen):
        if filled and filled + len(unit) > page_size:
            pages.append([])
            filled = 0
        pages[-1].append(unit)
        filled += len(unit)
    return pages


def _levering(municipality: Municipality, teller: int, units, meldingen) -> dict:
    signals, zaken = [], []
    for unit in units:
        signals += [_signal(row) for row in unit]
        melding_id = unit[0]["melding_link__melding_id"]
        if melding_id in meldingen:
            zaken.append(_zaak(meldingen[melding_id], [str(row["id"]) for row in unit]))
    return {
        "teller": teller,
        "gemeentecode": municipality.code,
        "aanleverendeOrganisatie": supplying_organisation(municipality),
        "vroegsignalen": signals,
        "vroegsignaalzaken": zaken,
    }


def export_documents(
    municipality: Municipality, start: dt.date, end: dt.date, page_size: int = PAGE_SIZE
) -> list[dict]:
    """One DDAS Uitwisselmodel document per page of at most ``page_size`` signals.

    A range without signals still gives one document (an empty delivery is a valid report).
    """
    with cyclic_gc_paused():
        rows = _signal_rows(municipality, start, end)
        meldingen = _meldingen(municipality, start, end)
        delivered_at = timezone.localtime().isoformat(timespec="seconds")
        header = {
            "startdatumLevering": start.isoformat(),
            "einddatumLevering": end.isoformat(),
            "aanleverdatumEnTijd": delivered_at,
            "codeGegevensleverancier": supplier_code(municipality),
        }
        return [
            {**header, "leveringen": [_levering(municipality, number, units, meldingen)]}
            for number, units in enumerate(_pages(rows, meldingen, page_size), start=1)
        ]


def erased_note(municipality: Municipality, start: dt.date, end: dt.date) -> str:
    """What the meldpunt reads beside the download: how many signals of the range were erased
    after their retention term and so go in with only their PC4 (no huisnummer, no BSN), and
    that delivering per quarter or more often avoids it; '' when none was erased."""
    counts = Signal.objects.filter(
        municipality=municipality, signal_date__range=(start, end)
    ).aggregate(total=Count("id"), erased=Count("id", filter=Q(address_key__startswith=PREFIX)))
    erased, total = counts["erased"], counts["total"]
    if not erased:
        return ""
    one = erased == 1
    return (
        f"{dutch_number(erased)} van de {dutch_number(total)} signalen van deze periode "
        f"{'is' if one else 'zijn'} na de bewaartermijn gewist en {'gaat' if one else 'gaan'} "
        "de DDAS-levering in met alleen de postcode (PC4), zonder huisnummer of BSN. Een "
        "signaal dat niet tot een opgepakte melding leidde, wordt "
        f"{settings.RETENTION_SIGNAL_DAYS} dagen na de signaaldatum gewist. Lever per kwartaal "
        "of vaker, dan gaan de signalen met hun adres naar CBS."
    )


def open_zaken_note(
    municipality: Municipality, start: dt.date, end: dt.date, today: dt.date
) -> str:
    """What the meldpunt reads beside the download: how many zaken of the range have no result
    yet, so go without resultaat and, as a zaak is delivered once, never with one; and when to
    deliver: once they are closed, but before the range's first unpicked signals are erased
    (the advice of ``erased_note``). '' when every zaak has its result."""
    has_result = Exists(RoundResult.objects.filter(melding=OuterRef("pk")))
    counts = _zaken(municipality, start, end).aggregate(
        total=Count("id"), open=Count("id", filter=~has_result)
    )
    still_open, total = counts["open"], counts["total"]
    if not still_open:
        return ""
    one = still_open == 1
    note = (
        f"{dutch_number(still_open)} van de {dutch_number(total)} meldingen van deze periode "
        f"{'is' if one else 'zijn'} nog niet afgesloten; {'haar' if one else 'hun'} "
        "eindresultaat gaat niet mee naar CBS, ook niet in een latere levering. Lever een "
        "periode pas als (bijna) alle meldingen ervan zijn afgesloten, maar wel binnen de "
        "bewaartermijn"
    )
    # The night after this day, retention erases the unpicked signals of the range's first day.
    last_day = start + dt.timedelta(days=settings.RETENTION_SIGNAL_DAYS)
    if today <= last_day:
        note += (
            f": deze periode uiterlijk op {last_day:%d-%m-%Y}. Daarna worden de eerste signalen "
            "gewist die niet tot een opgepakte melding leidden"
        )
    return note + ". Per kwartaal leveren, een of twee maanden na afloop, past bij allebei."


def delivered_counts(documents: list[dict]) -> tuple[int, int]:
    """How many signals and zaken the pages of one delivery hold together."""
    leveringen = [document["leveringen"][0] for document in documents]
    signals = sum(len(levering["vroegsignalen"]) for levering in leveringen)
    return signals, sum(len(levering["vroegsignaalzaken"]) for levering in leveringen)


def delivered(documents: list[dict], start: dt.date, end: dt.date) -> str:
    """'01-10-2026 t/m 31-10-2026: 106 signalen, 83 zaken': what the audit log says a delivery
    held, downloaded or written by the command, so the officer can tell one from another."""
    signals, zaken = delivered_counts(documents)
    numbers = f"{counted(signals, 'signaal', 'signalen')}, {counted(zaken, 'zaak', 'zaken')}"
    return f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}: {numbers}"


def page_path(out: Path, number: int) -> Path:
    """FILE for page 1, then FILE-2, FILE-3, ... before the extension (export.json, export-2.json)."""
    if number == 1:
        return out
    return out.with_name(f"{out.stem}-{number}{out.suffix}")


def dumps(document: dict) -> str:
    """The document as compact UTF-8 JSON text."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def write_documents(documents: list[dict], out: Path) -> list[Path]:
    """Write each page to its own file (see ``page_path``) and return the paths."""
    paths = []
    for number, document in enumerate(documents, start=1):
        path = page_path(out, number)
        path.write_text(dumps(document), encoding="utf-8")
        paths.append(path)
    return paths
