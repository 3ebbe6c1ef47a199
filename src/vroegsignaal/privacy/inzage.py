"""A resident's request for access (inzageverzoek): everything held about one person.

Found by BSN, by surname + date of birth + postcode + house number, or by both. Only health
insurers deliver a BSN, so a BSN also finds the signals delivered without one through the BRP
extracts (`matching.ResidentRecord`): the name, birth date and address each extract gives for
that BSN are searched like typed ones. A resident who lives elsewhere than her signals say is
found through the matching's BRP check too (`brp_links`): the signals it tied to her BRP
address under her name and birth date, and her name and birth date at the addresses in those
signals and in the signals with her BSN. The result holds the signals about the person and every
melding they belong to, with everything recorded on it (each casework table that points at the
melding), as plain data for JSON and for the readable PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone

from vroegsignaal import pdf
from vroegsignaal.addresses import house_number_text
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.engine.classify import BRP_OTHER_ADDRESS
from vroegsignaal.matching.models import ResidentRecord
from vroegsignaal.names import written_initials
from vroegsignaal.privacy import inzage_consultations, inzage_wording, own_signals, same_person
from vroegsignaal.privacy import inzage_document as document
from vroegsignaal.privacy.bsn import bsn_hash
from vroegsignaal.search_keys import surname_key

STYLESHEET = Path(__file__).parent / "static" / "privacy" / "inzage.css"


def brp_note_for(resident: ResidentRecord) -> str:
    """The note the BRP check leaves on a signal it tied to this resident at another address."""
    number = house_number_text(
        resident.house_number, resident.house_letter, resident.house_number_addition
    )
    return BRP_OTHER_ADDRESS.format(f"{resident.postcode} {number}")


@dataclass(frozen=True)
class BrpLinks:
    """What the matching's BRP check tied to the residents with a BSN at another address.

    `signal_ids`: the signals it tied to a resident's BRP address under her surname and birth
    date; `addresses` (postcode, house number): the addresses in those signals and in the
    signals with the BSN, where her name and birth date are searched too; `unsure`: the
    signals it tied to her BRP address under another spelling or birth date that no other
    resident there has. Those may be hers or not, so they are left out (unless the search by
    name finds them at her addresses) and the officer is told to search by the name and address
    in the signals as well."""

    signal_ids: frozenset[int] = frozenset()
    addresses: frozenset[tuple[str, int]] = frozenset()
    unsure: frozenset[int] = frozenset()


def brp_links(bsn: str, registered: list[ResidentRecord]) -> BrpLinks:
    """The signals the BRP check tied to the `registered` residents with `bsn` (see BrpLinks)."""
    if not registered:
        return BrpLinks()
    ids, unsure = set(), set()
    addresses = set(
        Signal.objects.filter(bsn_hash=bsn_hash(bsn)).values_list("postcode", "house_number")
    )
    for resident in registered:
        housemates = ResidentRecord.objects.filter(
            municipality_id=resident.municipality_id,
            postcode=resident.postcode,
            house_number=resident.house_number,
            house_letter=resident.house_letter,
            house_number_addition=resident.house_number_addition,
        )
        people = {(surname_key(r.surname), r.birth_date) for r in housemates}
        tied = Signal.objects.filter(
            municipality_id=resident.municipality_id, brp_note=brp_note_for(resident)
        ).values_list("pk", "surname_search", "birth_date", "postcode", "house_number")
        for pk, surname, birth_date, postcode, number in tied:
            if (surname, birth_date) == (surname_key(resident.surname), resident.birth_date):
                ids.add(pk)
                addresses.add((postcode, number))
            elif (surname, birth_date) not in people:
                unsure.add(pk)
    return BrpLinks(frozenset(ids), frozenset(addresses), frozenset(unsure))


@dataclass(frozen=True)
class PersonQuery:
    """A `bsn`, or `surname` + `birth_date` + `postcode` + `house_number`, or both. A house
    letter and addition, when typed, are kept for the document (which says what was searched)
    but do not narrow the search (`by_name_and_address`)."""

    bsn: str = ""
    surname: str = ""
    # Optional: tells twins apart (own_signals); the search by name itself does not use them.
    initials: str = ""
    birth_date: dt.date | None = None
    postcode: str = ""
    house_number: int | None = None
    house_letter: str = ""
    house_number_addition: str = ""

    def registered(self) -> list[ResidentRecord]:
        """The residents with this BSN in the municipalities' BRP extracts, those with a birth
        date (without one, name and address could be anyone's of that name in the house)."""
        if not self.bsn:
            return []
        residents = ResidentRecord.objects.filter(bsn=bsn_hash(self.bsn), birth_date__isnull=False)
        return list(residents.select_related("municipality").order_by("municipality__name", "pk"))

    def signals(
        self, registered: list[ResidentRecord] | None = None, links: BrpLinks | None = None
    ) -> models.QuerySet[Signal]:
        """The person's signals: by the BSN, by the name and address the BRP extracts give for
        it (`registered`, looked up when not given), the signals the BRP check tied to those
        residents and their name at the addresses in the signals (`links`, likewise), and by
        the name and address typed. A name is compared as the matching compares it
        (`same_person`): 'Apelman' with the same birth date at her address is her signal too,
        and a house letter or addition does not narrow: better one signal too many in an
        answer to the resident than one of theirs left out."""
        condition = models.Q(pk__in=[])
        if self.bsn:
            registered = self.registered() if registered is None else registered
            links = brp_links(self.bsn, registered) if links is None else links
            condition |= models.Q(bsn_hash=bsn_hash(self.bsn)) | models.Q(pk__in=links.signal_ids)
        registered, links = registered or [], links or BrpLinks()
        condition |= models.Q(pk__in=same_person.signals_of(self.people(registered, links)))
        return Signal.objects.filter(condition)

    def people(self, registered: list[ResidentRecord], links: BrpLinks) -> list[same_person.Person]:
        """Who is looked for at which address by name and birth date: each BRP resident with
        the BSN at her BRP address and at the addresses in her signals, and the name typed."""
        people = [
            same_person.Person(r.surname, r.birth_date, postcode, number)
            for r in registered
            for postcode, number in sorted({(r.postcode, r.house_number), *links.addresses})
        ]
        if self.surname:
            people.append(
                same_person.Person(self.surname, self.birth_date, self.postcode, self.house_number)
            )
        return people

    def label(self) -> str:
        """How the person was looked up, without the identifying values (for the audit log)."""
        typed = [
            "op BSN" if self.bsn else "",
            "op naam, geboortedatum en adres" if self.surname else "",
        ]
        return " en ".join(part for part in typed if part)


def _value(obj: models.Model, field: models.Field):
    if obj._meta.label_lower == "casework.event" and field.name == "actor":
        return document.person_name(obj.actor)  # no one: the system took the step
    if field.is_relation:
        related = getattr(obj, field.name)
        if related is None:
            return None
        return (
            document.person_name(related)
            if related._meta.label_lower == "organisations.user"
            else str(related)
        )
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    value = getattr(obj, field.attname)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(field, models.JSONField):
        return document.dutch_json(obj, field.name, value)
    label = document.code_label(obj, field.name, value) if value else None
    return value if label is None else label


def record_of(obj: models.Model, skip: set[str] = frozenset()) -> dict:
    """The object's fields by their Dutch names, stored codes by their Dutch labels (people by
    name, other foreign keys as their text, times in Dutch time), without the derived keys and
    hashes (nor the fields in `skip`)."""
    return {
        document.field_name(f): _value(obj, f)
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in document.DERIVED and f.name not in skip
    }


@dataclass
class Found:
    """The objects held about one person: their signals (with the feedback given about each)
    and the meldingen those signals belong to (with everything recorded on each)."""

    query: PersonQuery
    # The BRP extracts' residents with the BSN, whose name and address were searched too.
    registered: list
    links: BrpLinks
    signals: list
    feedback: dict[int, list]  # per signal id
    meldingen: list
    recorded: dict[int, dict[str, list]]  # per melding id: relation accessor → objects
    # The signals in those meldingen that the search did not select (housemates, or a
    # spelling beyond the matching's tolerance): not in the answer, asked about on screen.
    others: list = field(default_factory=list)
    # Signals of `others` the officer chose to include after all.
    included: list = field(default_factory=list)
    # The meldingen that also hold a signal of someone else: their figures over all signals
    # are that person's data too (`inzage_document.HOUSEHOLD`).
    shared: set[int] = field(default_factory=set)
    # The names of the people among the signals found when they are more than one and nothing
    # typed says which is the resident (twins): the officer is asked for initials or BSN.
    ambiguous: list[str] = field(default_factory=list)

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

    def municipalities(self) -> list:
        """The municipalities of her signals and meldingen, whose privacy officers she may ask."""
        held = {s.municipality for s in self.signals} | {m.municipality for m in self.meldingen}
        return sorted(held, key=lambda municipality: municipality.name)

    def others_by_person(self) -> list[dict]:
        """`others` per melding and person, for the officer's question before composing:
        the melding's reference, the name and birth date, and the signals' ids."""
        groups: dict[tuple, list[int]] = {}
        for s in self.others:
            name = " ".join(
                n for n in (written_initials(s.initials), s.surname_prefix, s.surname) if n
            )
            person = (s.melding_link.melding.reference, name, document.date_text(s.birth_date))
            groups.setdefault(person, []).append(s.pk)
        return [
            {"melding": melding, "name": name, "birth_date": born, "ids": ids}
            for (melding, name, born), ids in groups.items()
        ]

    @property
    def by_bsn_alone(self) -> bool:
        """Searched on the BSN only: the signals delivered without one (every partner's but
        the health insurers') are not found."""
        return bool(self.query.bsn) and not self.query.surname and not self.registered

    @property
    def unsure(self) -> bool:
        """The BRP check tied signals to the resident's BRP address that may be hers or not
        (`BrpLinks.unsure`) and the search did not find: the officer should search by the name
        and address in them too."""
        return bool(self.links.unsure - {s.pk for s in self.signals})

    def label(self) -> str:
        """How the person was found, without the identifying values (for the audit log)."""
        via_brp = (
            " (en op naam, geboortedatum en adres uit het BRP-uittreksel, en op de signalen die "
            "de BRP-controle van de matching aan die inwoner koppelde)"
            if self.links.signal_ids
            else " (en op naam, geboortedatum en adres uit het BRP-uittreksel)"
        )
        return self.query.label() + (via_brp if self.registered else "")


def find(query: PersonQuery, include: Iterable[int] = ()) -> Found:
    """Everything held about the person the query describes. The search is wide; which of its
    signals are hers decides `own_signals` (the matching's person first, never a signal with
    another initial or BSN). `include`: signals the officer chose to add from those it leaves
    out (`Found.others`; any other id is ignored)."""
    registered = query.registered()
    links = brp_links(query.bsn, registered) if query.bsn else BrpLinks()
    related = ("creditor", "municipality", "delivery__creditor", "melding_link__melding")
    found = list(query.signals(registered, links).select_related(*related))
    candidate_meldingen = {s.melding_link.melding_id for s in found if own_signals.in_melding(s)}
    pool = found + list(
        Signal.objects.filter(melding_link__melding_id__in=candidate_meldingen)
        .exclude(pk__in=[s.pk for s in found])
        .select_related(*related)
    )
    initials = [query.initials, *(r.initials for r in registered)]
    decision = own_signals.decide(found, pool, query.bsn, initials)
    include = set(include)
    included = [s for s in decision.others if s.pk in include]
    signals = decision.hers + included
    own = {s.pk for s in signals}
    models.prefetch_related_objects(signals, "feedback__release")
    melding_ids = {s.melding_link.melding_id for s in signals if own_signals.in_melding(s)}
    meldingen = list(
        apps.get_model("casework", "Melding")
        .objects.filter(pk__in=melding_ids)
        .select_related("municipality", "queue", "assigned_to")
        .order_by("pk")
    )
    recorded = {m.pk: _recorded_on(m, own) for m in meldingen}
    return Found(
        query=query,
        registered=registered,
        links=links,
        signals=signals,
        feedback={s.pk: list(s.feedback.all()) for s in signals},
        meldingen=meldingen,
        recorded=recorded,
        others=[s for s in decision.others if s.pk not in include],
        included=included,
        shared=set(
            apps.get_model("casework", "MeldingSignal")
            .objects.filter(melding_id__in=melding_ids)
            .exclude(signal_id__in=own)
            .values_list("melding_id", flat=True)
        ),
        ambiguous=decision.ambiguous,
    )


def without_privacy_officer_contact(officer) -> list[str]:
    """The names of the municipalities the officer answers for (their own, their region's, or
    every one) whose privacy officer's contact details nobody filled in: the document cannot
    tell a resident of those how to reach the officer."""
    municipalities = apps.get_model("organisations", "Municipality").objects.all()
    if officer.municipality_id is not None:
        municipalities = municipalities.filter(pk=officer.municipality_id)
    elif officer.region_id is not None:
        municipalities = municipalities.filter(region_id=officer.region_id)
    return [m.name for m in municipalities.order_by("name") if not m.has_privacy_officer_contact]


def _recorded_on(melding: models.Model, own: set[int]) -> dict[str, list]:
    """Every object of each table that points at the melding, by the relation's accessor; of
    its signals only the person's `own` (a housemate's signal is the housemate's data)."""
    recorded = {}
    for relation in melding._meta.related_objects:
        if relation.one_to_many:
            accessor = relation.get_accessor_name()
            recorded[accessor] = list(getattr(melding, accessor).all())
    recorded["signal_links"] = [
        link for link in recorded.get("signal_links", []) if link.signal_id in own
    ]
    return recorded


def _plural(melding: models.Model, accessor: str) -> str:
    return str(getattr(melding, accessor).model._meta.verbose_name_plural)


def as_json(found: Found) -> dict:
    """Everything held about the person, as JSON-ready data (the stored values, complete),
    and who consulted them."""
    return {
        "opgesteld_op": timezone.localtime().isoformat(timespec="seconds"),
        "gezocht": document.searched_text(found),
        **({"let op": document.BSN_ALONE_NOTE} if found.by_bsn_alone else {}),
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
                **record_of(m, skip=document.HOUSEHOLD if m.pk in found.shared else set()),
                **document.melding_json_terms(m),
                "vastgelegd": {
                    _plural(m, accessor): [record_of(obj) for obj in objects]
                    for accessor, objects in found.recorded[m.pk].items()
                },
            }
            for m in found.meldingen
        ],
        **consultations_json(found, timezone.localdate()),
    }


def consultations_json(found: Found, today: dt.date) -> dict:
    """Who consulted the person's data, as the PDF says it (`inzage_consultations`): per day,
    role and organisation (never a name) and purposes, since the first day the audit term
    still keeps."""
    return {
        "raadplegingen_bewaard_vanaf": inzage_consultations.kept_since(today).isoformat(),
        "raadplegingen": [
            {"datum": item.day.isoformat(), "wie": item.who, "waarvoor": item.purposes}
            for item in inzage_consultations.consultations(found.objects(), today)
        ],
    }


def collect(query: PersonQuery) -> dict:
    """Everything held about the person, as JSON-ready data."""
    return as_json(find(query))


def render_pdf(found: Found) -> bytes:
    """The same data as a document the resident reads (tagged PDF): see inzage_document; then
    who consulted her data, when and why (`inzage_consultations`); it ends with the purpose,
    legal basis, recipients, retention terms and the resident's rights (AVG art. 15 lid 1),
    with how to reach the privacy officer of each of her municipalities."""
    searched = document.searched_text(found)
    today = timezone.localdate()
    context = {
        "drawn_up": document.moment_text(timezone.now()),
        "searched": searched,
        "nothing_found": searched[0].upper() + searched[1:],
        "bsn_alone_note": document.BSN_ALONE_NOTE if found.by_bsn_alone else "",
        "signals": [document.signal_block(s, found.feedback[s.pk]) for s in found.signals],
        "meldingen": [
            document.melding_block(m, found.recorded[m.pk], m.pk in found.shared)
            for m in found.meldingen
        ],
        "what_the_partner_hears": inzage_wording.WHAT_THE_PARTNER_HEARS,
        "terms": inzage_wording.retention_terms(),
        "privacy_officers": [
            contact
            for municipality in found.municipalities()
            if (contact := inzage_wording.privacy_officer_contact(municipality))
        ],
        "consultations": inzage_consultations.consultations(found.objects(), today),
        "consultations_since": document.date_text(inzage_consultations.kept_since(today)),
    }
    html = render_to_string("privacy/inzage_pdf.html", context)
    return pdf.render_pdf(html, STYLESHEET)
