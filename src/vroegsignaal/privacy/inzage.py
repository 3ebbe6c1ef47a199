"""A resident's request for access (inzageverzoek): everything held about one person.

Found by BSN, or by surname + date of birth + postcode + house number. The result holds the
signals about the person and every melding they belong to, with everything recorded on it (each
casework table that points at the melding), as plain data for JSON and for the readable PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML

from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy.bsn import bsn_hash

STYLESHEET = Path(__file__).parent / "static" / "privacy" / "inzage.css"


@dataclass(frozen=True)
class PersonQuery:
    """Either `bsn`, or `surname` + `birth_date` + `postcode` + `house_number`."""

    bsn: str = ""
    surname: str = ""
    birth_date: dt.date | None = None
    postcode: str = ""
    house_number: int | None = None

    def signals(self) -> models.QuerySet[Signal]:
        if self.bsn:
            return Signal.objects.filter(bsn_hash=bsn_hash(self.bsn))
        return Signal.objects.filter(
            surname__iexact=self.surname.strip(),
            birth_date=self.birth_date,
            postcode=self.postcode.replace(" ", "").upper(),
            house_number=self.house_number,
        )

    def label(self) -> str:
        """How the person was looked up, without the identifying values (for the audit log)."""
        return "op BSN" if self.bsn else "op naam, geboortedatum en adres"


def _value(obj: models.Model, field: models.Field):
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    value = getattr(obj, field.attname)
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def record_of(obj: models.Model) -> dict:
    """The object's fields by their Dutch names (foreign keys as their text)."""
    return {
        str(field.verbose_name): _value(obj, field)
        for field in obj._meta.concrete_fields
        if not field.primary_key
    }


def _melding_details(melding: models.Model) -> dict[str, list[dict]]:
    details = {}
    for relation in melding._meta.related_objects:
        if not relation.one_to_many:
            continue
        related = getattr(melding, relation.get_accessor_name()).all()
        details[str(relation.related_model._meta.verbose_name_plural)] = [
            record_of(obj) for obj in related
        ]
    return details


def collect(query: PersonQuery) -> dict:
    """Everything held about the person, as JSON-ready data."""
    signals = list(query.signals().select_related("creditor", "municipality", "delivery"))
    melding_ids = {
        link.melding_id for signal in signals if (link := getattr(signal, "melding_link", None))
    }
    meldingen = (
        apps.get_model("casework", "Melding").objects.filter(pk__in=melding_ids).order_by("pk")
    )
    return {
        "opgesteld_op": timezone.localtime().isoformat(timespec="seconds"),
        "gezocht": query.label(),
        "signalen": [{"id": s.pk, **record_of(s)} for s in signals],
        "meldingen": [
            {"id": m.pk, **record_of(m), "vastgelegd": _melding_details(m)} for m in meldingen
        ],
    }


def render_pdf(data: dict) -> bytes:
    """The same data as a readable PDF (WeasyPrint)."""
    html = render_to_string("privacy/inzage_pdf.html", {"data": data})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=STYLESHEET)])
