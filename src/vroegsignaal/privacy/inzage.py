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

from vroegsignaal import pdf
from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy import inzage_document as document
from vroegsignaal.privacy.bsn import bsn_hash
from vroegsignaal.privacy.retention import terms as retention_terms
from vroegsignaal.search_keys import surname_key

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
        """The person's signals. A surname is found by its search key: with or without its
        tussenvoegsel ('van de Water', 'Water, van de', 'Water'; signals keep it apart, some
        partners write it in the surname), case and accents ('Noellering' for Noëllering); a
        house letter or addition does not narrow: better one signal too many in an answer to
        the resident than one of theirs left out."""
        if self.bsn:
            return Signal.objects.filter(bsn_hash=bsn_hash(self.bsn))
        return Signal.objects.filter(
            surname_search=surname_key(self.surname),
            birth_date=self.birth_date,
            postcode=self.postcode.replace(" ", "").upper(),
            house_number=self.house_number,
        )

    def label(self) -> str:
        """How the person was looked up, without the identifying values (for the audit log)."""
        return "op BSN" if self.bsn else "op naam, geboortedatum en adres"


# Stored codes inside JSON fields, by model and field, with their Dutch names.
DUTCH_KEYS = {("feedback.signalfeedback", "content"): document.FEEDBACK_KEYS}


def _value(obj: models.Model, field: models.Field):
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    value = getattr(obj, field.attname)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    labels = DUTCH_KEYS.get((obj._meta.label_lower, field.name))
    if labels and isinstance(value, dict):
        return {labels.get(key, key.replace("_", " ")): item for key, item in value.items()}
    return value


def record_of(obj: models.Model) -> dict:
    """The object's fields by their Dutch names (foreign keys as their text, times in Dutch
    time), without the derived keys and hashes."""
    return {
        str(field.verbose_name): _value(obj, field)
        for field in obj._meta.concrete_fields
        if not field.primary_key and field.name not in document.DERIVED
    }


@dataclass
class Found:
    """The objects held about one person: their signals (with the feedback given about each)
    and the meldingen those signals belong to (with everything recorded on each)."""

    query: PersonQuery
    signals: list
    feedback: dict[int, list]  # per signal id
    meldingen: list
    recorded: dict[int, dict[str, list]]  # per melding id: relation accessor → objects

    def objects(self) -> dict[str, set[str]]:
        """Every object found, as the audit log names them: type ('casework.melding') → ids."""
        found = [*self.signals, *self.meldingen]
        found += [
            obj for recorded in self.recorded.values() for objs in recorded.values() for obj in objs
        ]
        ids: dict[str, set[str]] = {}
        for obj in found:
            ids.setdefault(obj._meta.label_lower, set()).add(str(obj.pk))
        return ids


def find(query: PersonQuery) -> Found:
    signals = list(
        query.signals()
        .select_related("creditor", "municipality", "delivery__creditor")
        .prefetch_related("feedback__release")
    )
    melding_ids = {
        link.melding_id for signal in signals if (link := getattr(signal, "melding_link", None))
    }
    meldingen = list(
        apps.get_model("casework", "Melding")
        .objects.filter(pk__in=melding_ids)
        .select_related("municipality", "queue", "assigned_to")
        .order_by("pk")
    )
    return Found(
        query=query,
        signals=signals,
        feedback={s.pk: list(s.feedback.all()) for s in signals},
        meldingen=meldingen,
        recorded={m.pk: _recorded_on(m) for m in meldingen},
    )


def _recorded_on(melding: models.Model) -> dict[str, list]:
    """Every object of each table that points at the melding, by the relation's accessor."""
    recorded = {}
    for relation in melding._meta.related_objects:
        if relation.one_to_many:
            accessor = relation.get_accessor_name()
            recorded[accessor] = list(getattr(melding, accessor).all())
    return recorded


def _plural(melding: models.Model, accessor: str) -> str:
    return str(getattr(melding, accessor).model._meta.verbose_name_plural)


def as_json(found: Found) -> dict:
    """Everything held about the person, as JSON-ready data (the stored values, complete)."""
    return {
        "opgesteld_op": timezone.localtime().isoformat(timespec="seconds"),
        "gezocht": found.query.label(),
        "signalen": [
            {
                "id": s.pk,
                **record_of(s),
                "terugkoppelingen": [record_of(item) for item in found.feedback[s.pk]],
            }
            for s in found.signals
        ],
        "meldingen": [
            {
                "id": m.pk,
                **record_of(m),
                "vastgelegd": {
                    _plural(m, accessor): [record_of(obj) for obj in objects]
                    for accessor, objects in found.recorded[m.pk].items()
                },
            }
            for m in found.meldingen
        ],
    }


def collect(query: PersonQuery) -> dict:
    """Everything held about the person, as JSON-ready data."""
    return as_json(find(query))


def render_pdf(found: Found) -> bytes:
    """The same data as a document the resident reads (tagged PDF): see inzage_document; it
    ends with the purpose, legal basis, recipients, retention terms and the resident's rights
    (AVG art. 15 lid 1)."""
    context = {
        "drawn_up": document.moment_text(timezone.now()),
        "searched": found.query.label(),
        "signals": [document.signal_block(s, found.feedback[s.pk]) for s in found.signals],
        "meldingen": [document.melding_block(m, found.recorded[m.pk]) for m in found.meldingen],
        "terms": retention_terms(),
    }
    html = render_to_string("privacy/inzage_pdf.html", context)
    return pdf.render_pdf(html, STYLESHEET)
