"""The inzage as a document the resident reads (AVG art. 15): Dutch labels, Dutch values.

`inzage.collect` keeps the stored values for the JSON (machine-readable, complete), with the
Dutch names this module gives stored codes (`code_label`, `dutch_json`: phases, choices, the
details of events, partners by name); this module also turns the objects into label-text rows
for the PDF: yes/no, dd-mm-jjjj dates, times as uu:mm in Dutch local time, amounts in euros,
choices by their Dutch label, people by name, and the timeline's events as the sentences the
melding page shows. Purely technical fields (keys, hashes, version numbers) are left out of the
PDF; the JSON still holds them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from vroegsignaal.addresses import house_number_text
from vroegsignaal.casework import events
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import (
    Cause,
    HelpAnswer,
    LifeDomain,
    Provision,
    ProvisionStatus,
)
from vroegsignaal.casework.signal_status import not_picked_up
from vroegsignaal.dutch_numbers import euros
from vroegsignaal.feedback.permitted import Perspective
from vroegsignaal.names import written_initials
from vroegsignaal.privacy import inzage_wording as wording

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
# Initials as the app writes them ('J.H.'), whoever delivered them without stops.
INITIALS = {"intake.signal.initials", "intake.signal.brp_initials"}
# Fields whose own name is English or says too little (no Dutch verbose_name on the model).
# Technical fields: in the JSON, not in the resident's document.
HIDDEN = {*DERIVED, "id", "melding", "answered_by_api_key"}
# A melding's figures over all its signals. When it holds another person's signal (a
# housemate's), they are that person's data too: the resident's answer leaves them out and says
# so (`SHARED_NOTE`).
HOUSEHOLD = {
    "total_amount_cents",
    "partner_types",
    "partner_type_count",
    "priority_score",
    "priority_reasons",
}
SHARED_NOTE = (
    "In deze melding staan ook gegevens over een ander op uw adres. Die staan niet in dit "
    "overzicht, ook niet in de totalen."
)
# Who took a step that no one took by hand (the nightly heropaf, matching), as the melding
# page names it.
SYSTEM = "systeem"
TERM_KINDS = {
    "crisis_3_working_days": "crisismelding: oppakken binnen 3 werkdagen",
    "calendar_days": "oppakken binnen de termijn van het beleid (kalenderdagen)",
}
FEEDBACK_KEYS = {
    "picked_up": "opgepakt door de gemeente",
    "reason": "reden",
    "known_to_debt_help": "al bekend bij schuldhulpverlening",
    "contact_made": "contact met de inwoner",
    "contact_attempts": "aantal contactpogingen",
    "help_accepted": "hulp geaccepteerd",
    "cause": "globale oorzaak",
    "ongoing_payments": "afspraak over lopende betalingen",
    "perspective": "perspectief",
    "outcome_date": "datum uitkomst",
}
# The same in the resident's document, where the JSON's names are the chain's words.
FEEDBACK_ROWS = {
    "picked_up": "de gemeente neemt contact met u op",
    "reason": "waarom niet",
    "known_to_debt_help": "u bent al bekend bij schuldhulpverlening",
    "contact_made": "de gemeente heeft contact met u gehad",
    "contact_attempts": "aantal keren dat de gemeente contact met u zocht",
    "help_accepted": "u hebt hulp aangenomen",
    "cause": "oorzaak van de achterstand",
    "ongoing_payments": "afspraak over de betalingen van nu",
    "perspective": "hoe het ervoor staat",
    "outcome_date": "datum",
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


# Why a document drawn up on the BSN alone may miss signals (the resident reads it).
BSN_ALONE_NOTE = (
    "Gezocht is alleen op uw burgerservicenummer. Van de vastelastenpartners sturen alleen "
    "zorgverzekeraars dat nummer mee; signalen van andere partners (zoals uw energieleverancier, "
    "verhuurder of drinkwaterbedrijf) zijn alleen te vinden op naam, geboortedatum en adres. "
    "Vraag de gemeente daarop te zoeken als u wilt weten of die er zijn."
)


def searched_text(found) -> str:
    """How the resident was found, in the words of the document ('op uw burgerservicenummer en
    op de naam, geboortedatum en het adres die de Basisregistratie Personen ...'): an
    `inzage.Found`. The values are the resident's own, so she can see what was searched."""
    query, parts = found.query, []
    if query.bsn:
        parts.append("op uw burgerservicenummer")
    for resident in found.registered:
        name = " ".join(
            n
            for n in (
                written_initials(resident.initials),
                resident.surname_prefix,
                resident.surname,
            )
            if n
        )
        number = (resident.house_number, resident.house_letter, resident.house_number_addition)
        parts.append(
            "op de naam, geboortedatum en het adres die de Basisregistratie Personen (BRP) van "
            f"{resident.municipality.name} bij dat nummer geeft ({name}, "
            f"{date_text(resident.birth_date)}, {resident.postcode} {house_number_text(*number)}, "
            f"{others_at_number(*number)})"
        )
    parts += _brp_links_text(found)
    if query.surname:
        number = (query.house_number, query.house_letter, query.house_number_addition)
        parts.append(
            f"op achternaam {query.surname}, geboortedatum {date_text(query.birth_date)}, "
            f"postcode {query.postcode.replace(' ', '').upper()} en huisnummer "
            f"{house_number_text(*number)} ({others_at_number(*number)})"
        )
    return " en ".join(parts)


def _brp_links_text(found) -> list[str]:
    """What the BRP check's links added to the search (`inzage.BrpLinks`): the signals it tied
    to the resident, and her name at the other addresses in her signals."""
    parts = []
    if found.links.signal_ids:
        parts.append(
            "op de signalen die bij de controle met de BRP aan die inwoner gekoppeld zijn, omdat "
            "de naam en geboortedatum daarin dezelfde zijn"
        )
    at_brp = {(r.postcode, r.house_number) for r in found.registered}
    elsewhere = sorted(found.links.addresses - at_brp)
    if elsewhere:
        where = ", ".join(f"{postcode} {number}" for postcode, number in elsewhere)
        parts.append(
            "op die naam en geboortedatum bij de adressen in de signalen die zo zijn gevonden "
            f"({where}, {others_at_number(elsewhere[0][1])})"
        )
    return parts


def others_at_number(number: int, letter: str = "", addition: str = "") -> str:
    """That the search at a house number took in every letter and addition at it (it leaves
    them out on purpose: better one signal too many than one of the resident's left out):
    'met alle huisletters en toevoegingen', or after '93-2' 'en de andere huisletters en
    toevoegingen bij 93'."""
    if letter or addition:
        return f"en de andere huisletters en toevoegingen bij {number}"
    return "met alle huisletters en toevoegingen"


@dataclass
class Block:
    """One object: a heading and its rows of (label, text)."""

    title: str
    rows: list[tuple[str, str]]
    sections: list[Section] = field(default_factory=list)
    note: str = ""


@dataclass
class Section:
    title: str
    blocks: list[Block]


# Fields whose Dutch label reads wrong next to the rest of the inzage. The link's flag says
# the signal was added to an earlier melding; as "herhaalde melding" it said false next to a
# signal with the status "Niet opgepakt: herhaalde melding" (a repeat within its own melding).
RENAMED = {
    "casework.meldingsignal.attached_as_repeat": "toegevoegd aan een melding uit een eerdere periode"
}


def field_name(model_field: models.Field) -> str:
    """The Dutch name of a field in the inzage (JSON key): its label, or its name in `RENAMED`."""
    key = f"{model_field.model._meta.label_lower}.{model_field.name}"
    return RENAMED.get(key, str(model_field.verbose_name))


def label(model_field: models.Field) -> str:
    """The Dutch label of a field (every model field has one: tests/test_dutch_model_labels.py),
    without '(cent)': amounts are shown in euros; in the resident's words where the chain has
    its own (`inzage_wording.LABELS`)."""
    plain = wording.LABELS.get(wording.key(model_field))
    return plain or field_name(model_field).replace(" (cent)", "").strip()


def date_text(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "–"


def moment_text(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else "–"


def time_text(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else "–"


def yes_no(value: bool | None) -> str:
    return "–" if value is None else ("Ja" if value else "Nee")


def _choice(choices, value) -> str:
    return dict(choices).get(value, value)


def person_name(user: models.Model | None) -> str:
    """Who did something: a user by name, or the system (no one)."""
    return user.display_name if user is not None else SYSTEM


def related_text(obj: models.Model) -> str:
    """An object another one points at, named as the resident reads it."""
    label_lower = obj._meta.label_lower
    if label_lower == "organisations.user":
        return person_name(obj)
    if label_lower == "casework.melding":
        return f"melding {obj.reference}"
    if label_lower == "organisations.municipality":
        return obj.name  # without its CBS code
    if label_lower == "intake.signal":
        return f"signaal van {obj.creditor.name} van {date_text(obj.signal_date)}"
    if label_lower == "casework.contactattempt":
        return f"{obj.get_kind_display()} op {date_text(obj.attempted_on)}"
    if label_lower == "feedback.feedbackrelease":
        return f"verstuurd op {date_text(obj.released_on)}"
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


def dutch_json(obj: models.Model, name: str, value):
    """The content of a JSON field with Dutch names for its stored codes, keys and values alike
    (the JSON of the inzage gives it so; the PDF writes it out): choices by their label, the
    details of an event by their names, payment agreements by the partner's name."""
    kind = f"{obj._meta.label_lower}.{name}"
    if kind == "casework.conversation.other_domains":
        return [_choice(LifeDomain.choices, v) for v in value]
    if kind == "casework.conversation.provisions":
        return {
            _choice(Provision.choices, k): _choice(ProvisionStatus.choices, v)
            for k, v in value.items()
        }
    if kind == "casework.plan.ongoing_payments":
        return _payments_by_partner_name(value)
    if kind == "casework.event.details":
        return events.details_in_dutch(obj)
    if kind == "feedback.signalfeedback.content":
        return _feedback_in_dutch(value)
    return value


def _json_text(obj: models.Model, name: str, value) -> str:
    kind = f"{obj._meta.label_lower}.{name}"
    if kind == "casework.event.details":
        return events.describe(obj)
    if kind == "casework.melding.priority_reasons":
        return "; ".join(value) or "–"  # a reason may hold a comma ('€ 2.258,20')
    return _plain(dutch_json(obj, name, value))


def _payments_by_partner_name(value: dict) -> dict:
    """The plan keeps each agreement under the partner's id (its name can change); the
    resident reads the partner's name."""
    from vroegsignaal.organisations.models import Creditor

    ids = [int(key) for key in value if str(key).isdigit()]
    names = dict(Creditor.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {
        names.get(int(key), "vastelastenpartner") if str(key).isdigit() else key: agreement
        for key, agreement in value.items()
    }


_FEEDBACK_CHOICES = {"help_accepted": HelpAnswer, "cause": Cause, "perspective": Perspective}


def _feedback_value(key: str, value):
    """A value of what a vastelastenpartner heard: a choice by its label."""
    return _choice(_FEEDBACK_CHOICES[key].choices, value) if key in _FEEDBACK_CHOICES else value


def _feedback_in_dutch(content: dict) -> dict:
    """What a vastelastenpartner heard: Dutch names for the keys, choices by their labels."""
    return {
        FEEDBACK_KEYS.get(key, key.replace("_", " ")): _feedback_value(key, value)
        for key, value in content.items()
    }


def feedback_text(content: dict) -> str:
    """What a vastelastenpartner heard, in Dutch words."""
    return _plain(_feedback_in_dutch(content))


def code_label(obj: models.Model, name: str, value) -> str | None:
    """The Dutch name of a stored code in a field without choices (the phase, the kind of
    term); None for any other field."""
    if obj._meta.label_lower == "casework.melding" and name == "state":
        return State(value).label
    if name == "term_kind":
        return TERM_KINDS.get(value, value)
    return None


def value_text(obj: models.Model, model_field: models.Field) -> str:
    """The field's value of `obj` as the resident reads it: in plain words where the chain
    has its own (`inzage_wording`), "nog niet" for a step not taken, "niet ingevuld" for any
    other empty value."""
    name, kind = model_field.name, wording.key(model_field)
    if model_field.is_relation:
        related = getattr(obj, name)
        return related_text(related) if related is not None else wording.EMPTY
    value = getattr(obj, model_field.attname)
    if kind == "casework.melding.accepted_on":
        return wording.help_accepted(obj)
    if kind == "intake.signal.brp_note" and value:
        return wording.brp_note(value)
    if kind in INITIALS and value:
        return written_initials(value)
    if kind == "casework.contactattempt.reached":
        return wording.attempt_outcome(obj)
    if kind == "intake.signal.gender" and value in wording.GENDERS:
        return wording.GENDERS[value]
    if kind == "casework.melding.result" and value in wording.RESULTS:
        return wording.RESULTS[value]
    if model_field.choices and value not in (None, ""):
        return getattr(obj, f"get_{name}_display")()
    if value is None or value == "" or value == []:
        return wording.NOT_YET if kind in wording.STEPS else wording.EMPTY
    if kind == "casework.melding.priority_reasons":
        return wording.reasons(value)
    if name == "term_kind":
        return wording.TERMS.get(value, value)
    if isinstance(model_field, models.JSONField):
        return _json_text(obj, name, value)
    if isinstance(model_field, models.FileField):
        return "bewaard"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.datetime):
        return moment_text(value)
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, dt.time):
        return time_text(value)
    if name.endswith("_cents"):
        return euros(value)
    label = code_label(obj, name, value)
    return label if label is not None else str(value)


def shown_fields(model: type[models.Model], skip: set[str] = frozenset()) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN and f.name not in skip and wording.key(f) not in wording.LEFT_OUT
    ]


def rows(obj: models.Model, skip: set[str] = frozenset()) -> list[tuple[str, str]]:
    if obj._meta.label_lower == "casework.event":
        return [
            ("wanneer", moment_text(obj.created_at)),
            ("door", person_name(obj.actor)),
            # The phase change is the caseworker's bookkeeping; the resident reads what happened.
            ("wat er gebeurde", wording.event_text(obj, events.describe(obj, with_phase=False))),
        ]
    return [
        (label(f), value_text(obj, f))
        for f in shown_fields(type(obj), skip)
        if wording.key(f) not in wording.LEFT_OUT_WHEN_EMPTY or getattr(obj, f.attname)
    ]


def signal_block(signal, feedback: list) -> Block:
    title = f"Signaal van {signal.creditor.name} van {date_text(signal.signal_date)}"
    sections = []
    if feedback:
        blocks = [feedback_block(item) for item in feedback]
        sections.append(
            Section("Wat de vastelastenpartner over dit signaal te horen kreeg", blocks)
        )
    return Block(title, rows(signal), sections)


# What each kind of message to the vastelastenpartner was about, in the resident's words
# (the stored kinds are the chain's jargon: "Go/no-go", "Uitkomst").
FEEDBACK_TITLES = {
    "go_no_go": "Bericht aan {partner} of de gemeente contact met u opneemt",
    "outcome": "Bericht aan {partner} over hoe het afliep",
}


_FEEDBACK_ORDER = {key: place for place, key in enumerate(FEEDBACK_ROWS)}


def _in_feedback_order(item: tuple[str, object]) -> tuple[int, str]:
    """The told parts in the order of FEEDBACK_ROWS, whatever order the database keeps the
    JSON's keys in (PostgreSQL's jsonb sorts them by length)."""
    key = item[0]
    return (_FEEDBACK_ORDER.get(key, len(_FEEDBACK_ORDER)), key)


def feedback_block(item) -> Block:
    """One message a vastelastenpartner received about a signal (a `SignalFeedback`), for the
    resident: what it was about, when it was sent, what it said (a part the partner was not
    told is left out), which round of contact it was about after the first, and which earlier
    message it set right. The JSON keeps the stored fields."""
    title = FEEDBACK_TITLES[item.kind].format(partner=item.creditor.name)
    sent_on = date_text(timezone.localtime(item.released_at).date())
    told = [
        (
            FEEDBACK_ROWS.get(key) or FEEDBACK_KEYS.get(key, key.replace("_", " ")),
            _plain(_feedback_value(key, value)),
        )
        for key, value in sorted(item.content.items(), key=_in_feedback_order)
        if value not in (None, "")
    ]
    rows = [("verstuurd op", sent_on), *told]
    if item.contact_round > 1:
        rows.append(
            ("contactronde", f"{item.contact_round} (de gemeente zocht opnieuw contact met u)")
        )
    if item.corrects is not None:
        earlier = date_text(timezone.localtime(item.corrects.released_at).date())
        rows.append(("verbetert", f"het bericht van {earlier}, dat niet klopte"))
    return Block(title, rows)


def melding_rows(melding, shared: bool) -> list[tuple[str, str]]:
    """The melding's own rows: its kind in one plain sentence after the address, the rounds of
    contact only from the second, no term for a melding not picked up (as on its page), and
    without the household's figures when it holds another person's signal (`HOUSEHOLD`)."""
    skip = set(HOUSEHOLD) if shared else set()
    if melding.contact_round <= 1:
        skip |= {name.rsplit(".", 1)[1] for name in wording.LATER_ROUNDS}
    if not_picked_up(melding):
        skip.add("due_on")  # no term ran: the term's row says so (`wording.NO_TERM`)
    shown = rows(melding, skip)
    if not_picked_up(melding):
        term = wording.LABELS["casework.melding.term_kind"]
        shown = [(name, wording.NO_TERM if name == term else text) for name, text in shown]
    after_address = next(i for i, (name, _) in enumerate(shown) if name == "woonplaats") + 1
    shown.insert(after_address, ("soort melding", wording.melding_kind(melding)))
    return shown


def melding_json_terms(melding) -> dict:
    """The JSON's term of a melding closed as not picked up: none, as the PDF says
    (`melding_rows`) and its page (QA13 N5); the JSON keeps its other stored values."""
    if not not_picked_up(melding):
        return {}
    fields = melding._meta
    return {
        field_name(fields.get_field("term_kind")): wording.NO_TERM,
        field_name(fields.get_field("due_on")): None,
    }


def melding_block(melding, related: dict[str, list], shared: bool = False) -> Block:
    """A melding with everything recorded on it; `shared`: it also holds another person's
    signal, whose data (and the totals over it) stay out."""
    sections = []
    for accessor, title in MELDING_SECTIONS.items():
        objects = related.get(accessor) or []
        if accessor == "events":
            objects = [event for event in objects if wording.on_timeline(event)]
        if objects:
            blocks = [Block("", rows(obj)) for obj in objects]
            sections.append(Section(title, blocks))
    for accessor, objects in related.items():
        if accessor not in MELDING_SECTIONS and objects:
            title = str(objects[0]._meta.verbose_name_plural).capitalize()
            sections.append(Section(title, [Block("", rows(obj)) for obj in objects]))
    note = SHARED_NOTE if shared else ""
    return Block(f"Melding {melding.reference}", melding_rows(melding, shared), sections, note)
