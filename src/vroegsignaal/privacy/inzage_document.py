"""The inzage as a document the resident reads (AVG art. 15): Dutch labels, Dutch values.

`inzage.collect` keeps the stored values for the JSON (machine-readable, complete); this module
turns the same objects into label-text rows for the PDF: yes/no, dd-mm-jjjj dates, times in
Dutch local time, amounts in euros, choices by their Dutch label, people by name, and the
timeline's events as the sentences the melding page shows. Purely technical fields (keys,
hashes, version numbers) are left out of the PDF; the JSON still holds them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from vroegsignaal.casework import events
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import (
    Cause,
    HelpAnswer,
    LifeDomain,
    Provision,
    ProvisionStatus,
)
from vroegsignaal.dutch_numbers import euros
from vroegsignaal.feedback.permitted import Perspective

# Keys and hashes derived from data the record already gives (address, BSN, the melding's
# number, the name and street folded for search) or kept for the software (versions): they
# tell the resident nothing and stay out of the JSON too (`inzage.record_of`).
DERIVED = {
    "key",
    "version",
    "address_key",
    "bsn_hash",
    "person_key",
    "surname_search",
    "street_search",
}
# Fields whose own name is English or says too little (no Dutch verbose_name on the model).
# Technical fields: in the JSON, not in the resident's document.
HIDDEN = {*DERIVED, "id", "melding", "answered_by_api_key"}
TERM_KINDS = {
    "crisis_3_working_days": "crisismelding: oppakken binnen 3 werkdagen",
    "calendar_days": "oppakken binnen de termijn van het beleid (kalenderdagen)",
}
FEEDBACK_KEYS = {
    "picked_up": "opgepakt door de gemeente",
    "reason": "reden",
    "known_to_debt_help": "al bekend bij schuldhulpverlening",
    "help_accepted": "hulp geaccepteerd",
    "cause": "globale oorzaak",
    "ongoing_payments": "afspraak over lopende betalingen",
    "perspective": "perspectief",
    "outcome_date": "datum uitkomst",
}
# Sections under a melding, by the accessor of the relation, with their Dutch heading.
MELDING_SECTIONS = {
    "signal_links": "Signalen in deze melding",
    "events": "Wat er is gebeurd",
    "contact_attempts": "Contactpogingen",
    "conversations": "Gesprekken",
    "budget_lines": "Budgetscan",
    "plans": "Plan van aanpak",
    "referrals": "Verwijzingen",
    "letters": "Brieven",
    "heropaf_checks": "Vragen aan de vastelastenpartner na afloop (heropaf)",
}


@dataclass
class Block:
    """One object: a heading and its rows of (label, text)."""

    title: str
    rows: list[tuple[str, str]]
    sections: list[Section] = field(default_factory=list)


@dataclass
class Section:
    title: str
    blocks: list[Block]


def label(model_field: models.Field) -> str:
    """The Dutch label of a field (every model field has one: tests/test_dutch_model_labels.py),
    without '(cent)': amounts are shown in euros."""
    return str(model_field.verbose_name).replace(" (cent)", "").strip()


def date_text(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "–"


def moment_text(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else "–"


def yes_no(value: bool | None) -> str:
    return "–" if value is None else ("Ja" if value else "Nee")


def _choice(choices, value) -> str:
    return dict(choices).get(value, value)


def _related_text(obj: models.Model) -> str:
    label_lower = obj._meta.label_lower
    if label_lower == "organisations.user":
        return obj.display_name
    if label_lower == "casework.melding":
        return f"melding {obj.reference}"
    if label_lower == "intake.signal":
        return f"signaal van {obj.creditor.name} van {date_text(obj.signal_date)}"
    if label_lower == "casework.contactattempt":
        return f"{obj.get_kind_display()} op {date_text(obj.attempted_on)}"
    if label_lower == "feedback.feedbackrelease":
        return f"vrijgave van {date_text(obj.released_on)}"
    return str(obj)


def _plain(value) -> str:
    """A value inside a JSON field: yes/no, Dutch dates, lists joined."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{key.replace('_', ' ')}: {_plain(v)}" for key, v in value.items())
    if isinstance(value, str):
        try:
            return date_text(dt.date.fromisoformat(value)) if len(value) == 10 else value
        except ValueError:
            return value
    return str(value)


def _json_text(obj: models.Model, name: str, value) -> str:
    kind = f"{obj._meta.label_lower}.{name}"
    if kind == "casework.conversation.other_domains":
        return ", ".join(_choice(LifeDomain.choices, v) for v in value) or "–"
    if kind == "casework.conversation.provisions":
        return (
            "; ".join(
                f"{_choice(Provision.choices, k)}: {_choice(ProvisionStatus.choices, v)}"
                for k, v in value.items()
            )
            or "–"
        )
    if kind == "casework.melding.priority_reasons":
        return "; ".join(value) or "–"
    if kind == "casework.plan.ongoing_payments":
        return _ongoing_payments(value)
    if kind == "casework.event.details":
        return events.describe(obj)
    if kind == "feedback.signalfeedback.content":
        return feedback_text(value)
    return _plain(value)


def _ongoing_payments(value: dict) -> str:
    from vroegsignaal.organisations.models import Creditor

    names = dict(
        Creditor.objects.filter(pk__in=[k for k in value if str(k).isdigit()]).values_list(
            "pk", "name"
        )
    )
    parts = [
        f"{names.get(int(k), 'vastelastenpartner') if str(k).isdigit() else k}: {v}"
        for k, v in value.items()
        if v
    ]
    return "; ".join(parts) or "–"


def feedback_text(content: dict) -> str:
    """What a vastelastenpartner heard, in Dutch: labels for the keys, choices by their labels."""
    parts = []
    for key, value in content.items():
        if key == "help_accepted":
            value = _choice(HelpAnswer.choices, value)
        elif key == "cause":
            value = _choice(Cause.choices, value)
        elif key == "perspective":
            value = _choice(Perspective.choices, value)
        parts.append(f"{FEEDBACK_KEYS.get(key, key.replace('_', ' '))}: {_plain(value)}")
    return "; ".join(parts) or "–"


def value_text(obj: models.Model, model_field: models.Field) -> str:
    """The field's value of `obj` as the resident reads it."""
    name = model_field.name
    if model_field.is_relation:
        related = getattr(obj, name)
        return _related_text(related) if related is not None else "–"
    value = getattr(obj, model_field.attname)
    if model_field.choices and value not in (None, ""):
        return getattr(obj, f"get_{name}_display")()
    if value is None or value == "":
        return "–"
    if isinstance(model_field, models.JSONField):
        return _json_text(obj, name, value)
    if isinstance(model_field, models.FileField):
        return "bewaard" if value else "–"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.datetime):
        return moment_text(value)
    if isinstance(value, dt.date):
        return date_text(value)
    if name.endswith("_cents"):
        return euros(value)
    if obj._meta.label_lower == "casework.melding" and name == "state":
        return State(value).label
    if name == "term_kind":
        return TERM_KINDS.get(value, value)
    return str(value)


def shown_fields(model: type[models.Model], skip: set[str] = frozenset()) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN and f.name not in skip]


def rows(obj: models.Model, skip: set[str] = frozenset()) -> list[tuple[str, str]]:
    if obj._meta.label_lower == "casework.event":
        return [
            ("wanneer", moment_text(obj.created_at)),
            ("door", _related_text(obj.actor) if obj.actor else "–"),
            ("wat er gebeurde", events.describe(obj)),
        ]
    return [(label(f), value_text(obj, f)) for f in shown_fields(type(obj), skip)]


def signal_block(signal, feedback: list) -> Block:
    title = f"Signaal van {signal.creditor.name} van {date_text(signal.signal_date)}"
    sections = []
    if feedback:
        blocks = [
            Block(
                f"{item.get_kind_display()} ({date_text(item.released_at.date())})",
                rows(item, skip={"signal"}),
            )
            for item in feedback
        ]
        sections.append(
            Section("Wat de vastelastenpartner over dit signaal te horen kreeg", blocks)
        )
    return Block(title, rows(signal), sections)


def melding_block(melding, related: dict[str, list]) -> Block:
    sections = []
    for accessor, title in MELDING_SECTIONS.items():
        objects = related.get(accessor) or []
        if objects:
            blocks = [Block("", rows(obj)) for obj in objects]
            sections.append(Section(title, blocks))
    for accessor, objects in related.items():
        if accessor not in MELDING_SECTIONS and objects:
            title = str(objects[0]._meta.verbose_name_plural).capitalize()
            sections.append(Section(title, [Block("", rows(obj)) for obj in objects]))
    return Block(f"Melding {melding.reference}", rows(melding), sections)
