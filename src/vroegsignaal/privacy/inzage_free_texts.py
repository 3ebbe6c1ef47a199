"""The free texts caseworkers typed that an inzage would give the resident, for the privacy
officer to read before the document goes out (AVG art. 15 lid 4: the right of access must not
harm the rights of others; QA12 B9).

A note can be about someone else ("ex-partner betaalt geen alimentatie"). The officer sees
every such text with its melding and field (`review`) and may leave a text out (`withhold`):
the document, PDF and JSON alike, then reads `WITHHELD` wherever those words stand (a timeline
sentence or the message to a creditor can repeat a note), so the resident knows something was
withheld. The fields are those `casework.erasure` blanks after the retention term, and the
agreement on payments a creditor heard (`feedback.erasure`).

The officer's answer holds for what she read only (QA13 N1): the review page carries a
fingerprint (`inzage_answers`) of the resident looked for and of every text with its places
(`shown`), and composing checks it against the resident posted and the texts as they are then.
Another resident typed in after the review, or a note a caseworker added or changed meanwhile,
gives another fingerprint: the page shows the review again and composes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass

from django.db import models
from django.utils import timezone

from vroegsignaal.casework.erasure import EVENT_TEXT
from vroegsignaal.casework.events import DETAIL_NAMES
from vroegsignaal.organisations.models import Creditor
from vroegsignaal.privacy import own_signals
from vroegsignaal.privacy.inzage_document import (
    FEEDBACK_TITLES,
    date_text,
    moment_text,
    related_text,
)

WITHHELD = "[Tekst weggelaten: bevat gegevens van anderen]"
CHANGED = "De teksten zijn veranderd of horen bij een andere inwoner; lees ze opnieuw na."

# Per recorded model, the fields a caseworker types freely.
FIELDS = {
    "casework.contactattempt": ("note",),
    "casework.conversation": ("note",),
    "casework.plan": ("note",),
    "casework.referral": ("note",),
    "casework.budgetline": ("description",),
    "casework.notresidentconfirmation": ("note",),
}


@dataclass(frozen=True)
class Place:
    """Where a free text stands: `key` names it on the page ('casework.plan.12.note'),
    `melding` and `where` say it to the officer and in the audit log, never the text."""

    key: str
    melding_id: int | None
    melding: str
    where: str

    def audit_text(self) -> str:
        return f"{self.melding}, {self.where}"


@dataclass
class FreeText:
    """One text and every place it stands in the document (a note and the timeline sentence
    that repeats it are one text to judge)."""

    text: str
    places: list[Place]

    @property
    def key(self) -> str:
        return self.places[0].key


@dataclass(frozen=True)
class _Found:
    place: Place
    text: str
    replace: Callable[[], None]  # puts WITHHELD in its place, in memory only


def review(found) -> list[FreeText]:
    """The free texts in the document of `found` (an `inzage.Found`), each once with its places:
    those of the meldingen in their order, then those of the messages to the partners."""
    texts: dict[str, FreeText] = {}
    for item in _free_texts(found):
        texts.setdefault(item.text, FreeText(item.text, [])).places.append(item.place)
    return list(texts.values())


def shown(free_texts: list[FreeText]) -> list:
    """What the officer reads on the review page, each text with its places: her answer holds
    for these only (`inzage_answers.FREE_TEXTS`)."""
    return [[text.text, [asdict(place) for place in text.places]] for text in free_texts]


def withhold(found, keys: Iterable[str]) -> list[Place]:
    """Leave out the texts the officer ticked (`keys`: any place of a text) wherever their words
    stand, on the objects of `found` in memory (never saved); the places left out."""
    keys = set(keys)
    items = list(_free_texts(found))
    words = {item.text for item in items if item.place.key in keys}
    withheld = [item for item in items if item.text in words]
    for item in withheld:
        item.replace()
    return [item.place for item in withheld]


def audit_text(places: list[Place]) -> str:
    """The places left out for the inzage's audit entry: by field, not the text itself."""
    if not places:
        return ""
    named = "; ".join(dict.fromkeys(place.audit_text() for place in places))
    return f"vrije tekst weggelaten omdat die gegevens van anderen bevat: {named}"


def _free_texts(found) -> Iterator[_Found]:
    for melding in found.meldingen:
        named = related_text(melding)
        for objects in found.recorded[melding.pk].values():
            for obj in objects:
                yield from _in_object(obj, melding.pk, named)
    for signal in found.signals:
        in_melding = own_signals.in_melding(signal)
        melding = signal.melding_link.melding if in_melding else None
        named = related_text(melding or signal)
        for item in found.feedback[signal.pk]:
            yield from _in_feedback(item, melding and melding.pk, named)


def _in_object(obj: models.Model, melding_id: int, melding: str) -> Iterator[_Found]:
    kind = obj._meta.label_lower
    what = _object_name(obj)
    for name in FIELDS.get(kind, ()):
        if text := getattr(obj, name).strip():
            field = str(obj._meta.get_field(name).verbose_name)
            place = Place(f"{kind}.{obj.pk}.{name}", melding_id, melding, f"{what}: {field}")
            yield _Found(place, text, _setter(obj, name))
    if kind == "casework.plan":
        yield from _in_agreements(obj, melding_id, melding, what)
    if kind == "casework.event":
        for key in EVENT_TEXT.get(obj.kind, ()):
            if text := str(obj.details.get(key) or "").strip():
                where = f"{what}: {DETAIL_NAMES.get(key, key)}"
                place = Place(f"{kind}.{obj.pk}.{key}", melding_id, melding, where)
                yield _Found(place, text, _dict_setter(obj, "details", key))


def _in_agreements(plan, melding_id: int, melding: str, what: str) -> Iterator[_Found]:
    """The plan's agreement on ongoing payments with each partner (kept by the partner's id)."""
    ids = [int(key) for key in plan.ongoing_payments if str(key).isdigit()]
    names = {
        str(pk): name for pk, name in Creditor.objects.filter(pk__in=ids).values_list("pk", "name")
    }
    for key, text in plan.ongoing_payments.items():
        if text := str(text or "").strip():
            partner = names.get(str(key), "een vastelastenpartner")
            where = f"{what}: afspraak over de lopende betalingen aan {partner}"
            place = Place(f"casework.plan.{plan.pk}.ongoing_payments.{key}", melding_id, melding,
                          where)  # fmt: skip
            yield _Found(place, text, _dict_setter(plan, "ongoing_payments", key))


def _in_feedback(item, melding_id: int | None, melding: str) -> Iterator[_Found]:
    """The agreement on payments a creditor heard: the plan's words when it was sent."""
    if text := str(item.content.get("ongoing_payments") or "").strip():
        title = FEEDBACK_TITLES[item.kind].format(partner=item.creditor.name)
        where = f"{title[:1].lower()}{title[1:]}: afspraak over de betalingen"
        place = Place(f"feedback.signalfeedback.{item.pk}.ongoing_payments", melding_id, melding,
                      where)  # fmt: skip
        yield _Found(place, text, _dict_setter(item, "content", "ongoing_payments"))


def _object_name(obj: models.Model) -> str:
    """The object as the officer finds it in the document."""
    kind = obj._meta.label_lower
    if kind == "casework.contactattempt":
        return f"contactpoging {related_text(obj)}"
    if kind == "casework.conversation":
        return f"gesprek op {date_text(obj.held_on)}"
    if kind == "casework.plan":
        return f"plan van aanpak van {date_text(timezone.localdate(obj.created_at))}"
    if kind == "casework.referral":
        return f"verwijzing naar {obj.get_kind_display()}"
    if kind == "casework.budgetline":
        return f"budgetscan ({obj.get_kind_display().lower()})"
    if kind == "casework.event":
        return f"wat er is gebeurd op {moment_text(obj.created_at)}"
    return str(obj._meta.verbose_name)


def _setter(obj: models.Model, name: str) -> Callable[[], None]:
    return lambda: setattr(obj, name, WITHHELD)


def _dict_setter(obj: models.Model, name: str, key: str) -> Callable[[], None]:
    # A copy: the loaded dict is the object's only, but never changed in place.
    return lambda: setattr(obj, name, {**getattr(obj, name), key: WITHHELD})
