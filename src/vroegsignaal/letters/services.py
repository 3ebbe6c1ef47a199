"""Making letters: for one melding (preview, then make and record in one step) and as one PDF
with the first letters of many meldingen for the print room.

Public functions: ``texts_for``, ``settings_for``, ``compose``, ``unavailable_kinds``,
``preview_pdf``, ``send_letter``, ``first_letter_batch`` and ``sample_letter`` (the editor's live
preview). A letter that is made
is recorded as a contact attempt through the casework service in the same transaction, so a
letter and its attempt exist together or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import formats, translation

from vroegsignaal import kenmerk
from vroegsignaal.casework import contact
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import ContactAttempt, Melding
from vroegsignaal.casework.postal_address import (
    card_preview_notice,
    missing_for_post,
    why_no_letter,
)
from vroegsignaal.ddas import Contactsoort
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.models import Signal
from vroegsignaal.letters.addressing import (
    Recipient,
    address_lines,
    creditor_phrase,
    recipients,
    signals_by_melding,
)
from vroegsignaal.letters.default_texts import DEFAULT_TEXTS, Texts
from vroegsignaal.letters.kinds import (
    BY_POST,
    EXTRA_PLACEHOLDERS,
    NOT_AN_ATTEMPT,
    OPENING_LETTERS,
    LetterKind,
    opening_letter,
)
from vroegsignaal.letters.models import (
    Addressing,
    ContactDetails,
    LetterBatch,
    Letterhead,
    LetterTemplate,
    SentLetter,
)
from vroegsignaal.letters.placeholders import fill, placeholder_errors
from vroegsignaal.letters.privacy_notice import PrivacyNotice, privacy_notice
from vroegsignaal.letters.privacy_notice import applies_to as has_privacy_notice
from vroegsignaal.letters.rendering import Letter, Sender, paragraphs, render_pdf
from vroegsignaal.organisations.models import Municipality, User
from vroegsignaal.privacy.inzage_wording import privacy_officer_contact


class LetterError(Exception):
    """A letter that cannot be made, with a Dutch explanation for the user."""


@dataclass(frozen=True)
class LetterSettings:
    """Everything of a municipality a letter needs: sender, addressing and the common values."""

    sender: Sender
    addressing: str
    values: dict[str, str]
    # How the resident reaches the privacy officer; empty when Beheer has no details.
    privacy_officer: str = ""


@dataclass(frozen=True)
class LetterRequest:
    """What to make: the kind, the caseworker's extra values, and for a card the missed visit."""

    kind: LetterKind
    extra: Mapping[str, str] = field(default_factory=dict)
    visit: ContactAttempt | None = None


@dataclass
class BatchResult:
    """The outcome of a print-room run; ``repeated`` means nothing new was printed or recorded."""

    batch: LetterBatch | None
    repeated: bool = False
    skipped: list[tuple[Melding, str]] = field(default_factory=list)


def dutch_date(day: date, weekday: bool = False) -> str:
    """``day`` written out in Dutch: '25 november 2026' (with ``weekday``: 'woensdag 25 ...')."""
    with translation.override("nl"):
        return formats.date_format(day, "l j F Y" if weekday else "j F Y")


def texts_for(municipality: Municipality, kind: LetterKind | str) -> Texts:
    """The municipality's own subject and text for ``kind``, else the default ones."""
    own = LetterTemplate.objects.filter(municipality=municipality, kind=kind).first()
    return Texts(own.subject, own.body) if own else DEFAULT_TEXTS[kind]


def _contact_lines(details: ContactDetails) -> list[tuple[str, str]]:
    lines = [
        ("Telefoon", details.phone),
        ("E-mail", details.email),
        ("WhatsApp", details.whatsapp),
        ("Inloopspreekuur", details.walk_in_hours),
    ]
    return [(label, value) for label, value in lines if value]


def settings_for(municipality: Municipality) -> LetterSettings:
    """The municipality's letter settings; without contact details no letter can be made."""
    details = ContactDetails.objects.filter(municipality=municipality).first()
    if details is None:
        raise LetterError(
            f"De gemeente {municipality.name} heeft nog geen contactgegevens voor brieven. "
            "Vul die eerst in bij Brieven → Briefhoofd en contactgegevens: een brief zonder telefoonnummer "
            "geeft de inwoner geen manier om te reageren."
        )
    head = Letterhead.objects.filter(municipality=municipality).first() or Letterhead(
        municipality=municipality,
        sender_name=f"Gemeente {municipality.name}",
        signature_name="Team Vroegsignalering",
        signature_role=f"Gemeente {municipality.name}",
    )
    sender = Sender(
        name=head.sender_name,
        address_lines=[line.strip() for line in head.sender_address.splitlines() if line.strip()],
        signature_name=head.signature_name,
        signature_role=head.signature_role,
        contact_lines=_contact_lines(details),
        logo_path=head.logo.path if head.logo else "",
    )
    values = {
        "gemeente": municipality.name,
        "telefoon": details.phone,
        "email": details.email,
        "whatsapp": details.whatsapp,
        "inloopspreekuur": details.walk_in_hours,
        "contactmanieren": ways_to_respond(details),
        "medewerker": head.signature_name,
    }
    return LetterSettings(sender, head.addressing, values, privacy_officer_contact(municipality))


def ways_to_respond(details: ContactDetails) -> str:
    """'bellen, mailen, appen of langskomen': only the ways the contact details offer, so a
    letter never invites the resident to use WhatsApp when the municipality has no number."""
    ways = [
        way
        for way, offered in (
            ("bellen", details.phone),
            ("mailen", details.email),
            ("appen", details.whatsapp),
            ("langskomen", details.walk_in_hours),
        )
        if offered.strip()
    ]
    if not ways:
        return "contact met ons opnemen"
    return listed(ways, "of")


def _extra_values(request: LetterRequest) -> dict[str, str]:
    if request.kind == LetterKind.CARD:
        if request.visit is None:
            raise LetterError("Een kaartje hoort bij een gemist huisbezoek; kies het huisbezoek.")
        return {"bezoekdatum": dutch_date(request.visit.attempted_on, weekday=True)}
    values = {
        name: request.extra.get(name, "").strip()
        for name in EXTRA_PLACEHOLDERS.get(request.kind, {})
    }
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise LetterError(f"Vul voor deze brief nog in: {', '.join(missing)}.")
    return values


def _letter(
    texts: Texts,
    values: dict[str, str],
    lines: list[str],
    today: date,
    reference: str,
    privacy: PrivacyNotice | None,
) -> Letter:
    return Letter(
        address_lines=lines,
        date=dutch_date(today),
        reference=reference,
        subject=fill(texts.subject, values),
        paragraphs=paragraphs(fill(texts.body, values)),
        privacy=privacy,
    )


def _privacy_notice(
    kind: LetterKind | str, recipient: Recipient, settings: LetterSettings
) -> PrivacyNotice | None:
    """The notice about her data for ``recipient``, on the letters that open a round."""
    if not has_privacy_notice(kind):
        return None
    creditors = creditor_phrase(recipient.partner_types)
    return privacy_notice(creditors, recipient.signals, settings.privacy_officer)


def compose(
    melding: Melding,
    signals: list[Signal],
    request: LetterRequest,
    settings: LetterSettings,
    texts: Texts,
    today: date,
) -> list[Letter]:
    """The letters about ``melding``: one per addressee under the municipality's addressing."""
    base = {**settings.values, **_extra_values(request)}
    letters = []
    for recipient in recipients(melding, signals, settings.addressing):
        values = {
            **base,
            "aanhef": recipient.salutation,
            "soort_schuldeiser": creditor_phrase(recipient.partner_types),
        }
        # Only a card, left at the door, is made for an address a letter by post cannot use:
        # it carries the name, not '5A' above '7421 CD' (QA14 B13).
        postal = [] if missing_for_post(melding) else address_lines(melding)
        lines = [recipient.name_line, *postal]
        privacy = _privacy_notice(request.kind, recipient, settings)
        letters.append(_letter(texts, values, lines, today, melding.reference, privacy))
    return letters


NO_MISSED_VISIT = "Er is geen gemist huisbezoek zonder kaartje."
NOT_REACHED_YET = (
    "De inwoner is in deze contactronde nog niet bereikt. Leg eerst het contact vast waarin u "
    "de afspraak maakte (Contactpoging vastleggen, bereikt); daarna kunt u de afspraak bevestigen."
)


NOT_REOPENED = (
    "De brief na heropaf hoort bij een melding die de heropaf heropende (contactronde 2 of "
    "later); in deze ronde gaat de eerste brief."
)
REOPENED_GETS_HEROPAF_LETTER = (
    "Na de heropaf (contactronde 2 of later) krijgt de inwoner de brief na heropaf in plaats "
    "van de eerste brief."
)
OPENING_LETTER_SENT = (
    "De eerste brief (of brief na heropaf) is in deze contactronde al verstuurd; stuur zo nodig "
    "de herinnering."
)
NO_OPENING_LETTER_YET = (
    "De herinnering volgt op de eerste brief (of brief na heropaf); die is in deze "
    "contactronde nog niet verstuurd."
)
ALREADY_REACHED_NO_REMINDER = (
    "De inwoner is in deze contactronde al bereikt; een herinnering is niet meer nodig."
)


def _opened_in_round() -> Exists:
    """A condition on meldingen: the letter that opens the round went out in the current round."""
    return Exists(
        SentLetter.objects.filter(
            melding=OuterRef("pk"),
            contact_round=OuterRef("contact_round"),
            kind__in=OPENING_LETTERS,
        )
    )


def _reached_and_opened(melding: Melding) -> tuple[bool, bool]:
    """Whether the resident was reached, and the opening letter sent, in the current round."""
    return (
        Melding.objects.filter(pk=melding.pk)
        .annotate(reached=contact.reached_in_current_round(), opened=_opened_in_round())
        .values_list("reached", "opened")
        .get()
    )


def unavailable_kinds(
    melding: Melding, missed_visits: list[ContactAttempt]
) -> dict[LetterKind, str]:
    """The kinds that cannot be made for ``melding`` now, each with the Dutch reason.

    - The letter that opens the round: the first letter in round 1, the heropaf letter in round
      2 or later (``kinds.opening_letter``); once per round, and only before the resident was
      reached in it (afterwards it would be a failed attempt to reach someone reached).
    - The reminder: after the round's opening letter, while the resident is not reached.
    - A card needs a missed home visit without a card (``missed_visits``).
    - The confirmation of an appointment needs a resident reached in the current round, as it
      is no contact attempt and the contact that made the appointment is what reach counts.
    - Every letter that goes by post needs a street and woonplaats (`casework.postal_address`);
      that reason goes before the others, which would send the caseworker to another letter.
      A card is left at the door.
    """
    reached, opened = _reached_and_opened(melding)
    wrong_round = {
        LetterKind.FIRST: REOPENED_GETS_HEROPAF_LETTER,
        LetterKind.HEROPAF: NOT_REOPENED,
    }
    reasons = {}
    for kind in OPENING_LETTERS:
        if kind != opening_letter(melding.contact_round):
            reasons[kind] = wrong_round[kind]
        elif opened:
            reasons[kind] = OPENING_LETTER_SENT
        elif reached:
            reasons[kind] = ALREADY_REACHED
    if not opened:
        reasons[LetterKind.REMINDER] = NO_OPENING_LETTER_YET
    elif reached:
        reasons[LetterKind.REMINDER] = ALREADY_REACHED_NO_REMINDER
    if not missed_visits:
        reasons[LetterKind.CARD] = NO_MISSED_VISIT
    if not reached:
        reasons[LetterKind.APPOINTMENT] = NOT_REACHED_YET
    if no_address := why_no_letter(melding):
        reasons.update(dict.fromkeys(BY_POST, no_address))
    return reasons


def preselected_kind(
    melding: Melding,
    attempts: list[ContactAttempt],
    missed_visits: list[ContactAttempt],
    unavailable: Mapping[LetterKind, str],
) -> LetterKind | None:
    """The kind the letter form starts on.

    Right after a missed home visit (the round's latest attempt, still without a card) the
    caseworker comes for the card; once anything followed it (a call, a letter, the card), the
    card is no longer what comes next, and the form starts on the letter that opens the round.
    None when that letter cannot be made: the caseworker chooses."""
    this_round = [a for a in attempts if a.contact_round == melding.contact_round]
    latest = contact.in_time_order(this_round)[-1:]
    if latest and latest[0] in missed_visits:
        return LetterKind.CARD
    opening = opening_letter(melding.contact_round)
    return None if opening in unavailable else opening


def _letters_for(
    melding: Melding, request: LetterRequest, today: date
) -> tuple[list[Letter], LetterSettings]:
    settings = settings_for(melding.municipality)
    signals = signals_by_melding([melding])[melding.pk]
    texts = texts_for(melding.municipality, request.kind)
    return compose(melding, signals, request, settings, texts, today), settings


def _title(kind: LetterKind | str, melding: Melding) -> str:
    return f"{LetterKind(kind).label} – melding {melding.reference}"


def preview_pdf(melding: Melding, request: LetterRequest, today: date) -> bytes:
    """The PDF of the letter(s) ``request`` would make, without recording anything. A letter by
    post to an incomplete address is refused with the reason (``LetterError``), as making it
    is; a card's preview says there why no letter goes by post (`card_preview_notice`)."""
    if request.kind in BY_POST and (no_address := why_no_letter(melding)):
        raise LetterError(no_address)
    letters, settings = _letters_for(melding, request, today)
    if notice := card_preview_notice(melding):
        letters = [replace(letter, preview_notice=notice) for letter in letters]
    return render_pdf(letters, settings.sender, _title(request.kind, melding))


def _record_attempt(
    melding: Melding, by: User, expected_version: int, request: LetterRequest, moment: datetime
) -> ContactAttempt | None:
    """The contact attempt the letter is, or None for a letter that is none (`NOT_AN_ATTEMPT`:
    then it is on the melding's timeline only)."""
    if request.kind in NOT_AN_ATTEMPT:
        about = ""
        if request.kind == LetterKind.APPOINTMENT:
            # The timeline shows what was confirmed: '... gemaakt voor <dag> om <tijd>, <plaats>'.
            extra = request.extra
            about = (
                f"{extra.get('afspraak_datum')} om {extra.get('afspraak_tijd')}, "
                f"{extra.get('afspraak_plaats')}"
            )
        contact.record_letter_to_reached_resident(
            melding, by, expected_version, title=LetterKind(request.kind).label, about=about
        )
        return None
    if request.kind == LetterKind.CARD:
        return contact.leave_card(melding, by, expected_version, request.visit)
    return contact.record_contact_attempt(
        melding,
        by,
        expected_version,
        kind=Contactsoort.BRIEF,
        attempted_on=moment.date(),
        part_of_day=contact.part_of_day(moment.time()),
        reached=False,
        note=f"{LetterKind(request.kind).label} gemaakt in Vroegsignaal.",
    )


def _check_available(melding: Melding, request: LetterRequest) -> None:
    """Refuse ``request`` if ``unavailable_kinds`` does, whoever asks (the letter page, a batch,
    an API). The melding's row stays locked until the transaction ends, so a second submission
    (a double click, two tabs) waits and then sees the letter the first one recorded; checked
    before the version, it hears why ('al verstuurd'), not only that the melding changed."""
    Melding.objects.select_for_update().values_list("pk", flat=True).get(pk=melding.pk)
    missed = contact.missed_visits_without_card(list(melding.contact_attempts.all()))
    if request.visit is not None:
        # The card is for the chosen visit: that one must still be without a card.
        missed = [visit for visit in missed if visit.pk == request.visit.pk]
    reason = unavailable_kinds(melding, missed).get(request.kind)
    if reason:
        raise LetterError(reason)


def send_letter(
    melding: Melding, by: User, expected_version: int, request: LetterRequest, moment: datetime
) -> SentLetter:
    """Make the letter(s) of ``request`` for ``melding`` and record them as one contact attempt.

    The attempt is a Brief (a Kaartje for a card, on the day of the missed visit); a letter to a
    resident reached already (`NOT_AN_ATTEMPT`) is on the timeline instead. Raises
    ``LetterError`` (a kind ``unavailable_kinds`` refuses now, with its reason) or the casework
    errors (melding closed, not assigned, changed meanwhile).
    """
    with transaction.atomic():
        _check_available(melding, request)
        letters, settings = _letters_for(melding, request, moment.date())
        pdf = render_pdf(letters, settings.sender, _title(request.kind, melding))
        attempt = _record_attempt(melding, by, expected_version, request, moment)
        sent = _sent_letter(melding, request.kind, letters, attempt, by)
        suffix = attempt.pk if attempt else f"{moment:%Y%m%d-%H%M%S}"
        sent.pdf.save(f"{melding.pk}-{request.kind}-{suffix}.pdf", ContentFile(pdf), save=False)
        sent.save()
    return sent


def _sent_letter(
    melding: Melding, kind: str, letters: list[Letter], attempt, by: User
) -> SentLetter:
    """The record of letters sent for ``melding`` in its contact round (not yet saved)."""
    return SentLetter(
        melding=melding,
        kind=kind,
        contact_round=melding.contact_round,
        recipients=[letter.address_lines[0] for letter in letters],
        contact_attempt=attempt,
        created_by=by,
    )


def _selection_key(municipality: Municipality, meldingen: list[Melding]) -> str:
    # Round included: after a heropaf reopens a melding, its new round may get a first letter.
    parts = sorted(f"{melding.pk}:{melding.contact_round}" for melding in meldingen)
    text = f"{LetterKind.FIRST}|{municipality.code}|{','.join(parts)}"
    return hashlib.sha256(text.encode()).hexdigest()


# Before the resident is reached: assigned (or reopened by the heropaf), or contact begun
# without reaching anyone (a missed home visit may well be followed by the letter).
_BEFORE_CONTACT = (State.ASSIGNED, State.REOPENED, State.CONTACT_IN_PROGRESS)
ALREADY_REACHED = (
    "De inwoner is in deze contactronde al bereikt; een eerste brief is niet meer nodig."
)


def awaiting_first_letter(meldingen: QuerySet[Melding]) -> QuerySet[Melding]:
    """The meldingen for which the letter that opens the round (the first letter, after a
    heropaf the heropaf letter: ``kinds.opening_letter``) still makes sense: open, assigned,
    without that letter in the current contact round, and the resident not reached and not
    spoken in it. Later it would reach someone already helped (and count as a contact attempt
    that failed)."""
    return (
        meldingen.filter(state__in=_BEFORE_CONTACT)
        .exclude(contact.reached_in_current_round())
        .exclude(_opened_in_round())
    )


def _already_sent(meldingen: list[Melding]) -> set[int]:
    rounds = {melding.pk: melding.contact_round for melding in meldingen}
    sent = SentLetter.objects.filter(kind__in=OPENING_LETTERS, melding_id__in=list(rounds))
    return {
        pk for pk, round_ in sent.values_list("melding_id", "contact_round") if rounds[pk] == round_
    }


def _postal_order(selection: list[tuple[Melding, int]]) -> list[tuple[Melding, int]]:
    # The print room hands mail to the post sorted by postcode.
    return sorted(selection, key=lambda item: (item[0].postcode, item[0].house_number, item[0].pk))


def _record_letters(
    selection: list[tuple[Melding, int]], by: User, moment: datetime, result: BatchResult
) -> tuple[list[Letter], list[SentLetter]]:
    """Record a contact attempt per melding and compose the letter that opens its round (the
    first letter, after a heropaf the heropaf letter); refusals go to skipped."""
    meldingen = [melding for melding, _ in selection]
    municipality = meldingen[0].municipality
    settings = settings_for(municipality)
    texts = {kind: texts_for(municipality, kind) for kind in OPENING_LETTERS}
    signals = signals_by_melding(meldingen)
    sent_before = _already_sent(meldingen)
    awaiting = set(
        awaiting_first_letter(Melding.objects.filter(pk__in=[m.pk for m in meldingen])).values_list(
            "pk", flat=True
        )
    )
    letters, sent = [], []
    for melding, version in _postal_order(selection):
        if melding.pk in sent_before:
            result.skipped.append((melding, "De eerste brief is in deze ronde al verstuurd."))
            continue
        if no_address := why_no_letter(melding):
            result.skipped.append((melding, no_address))
            continue
        if melding.pk not in awaiting and melding.state not in (State.NEW, State.CLOSED):
            # New and closed meldingen get casework's own reason when the attempt is refused.
            result.skipped.append((melding, ALREADY_REACHED))
            continue
        request = LetterRequest(opening_letter(melding.contact_round))
        try:
            attempt = _record_attempt(melding, by, version, request, moment)
        except CaseworkError as error:
            result.skipped.append((melding, str(error)))
            continue
        own = compose(
            melding, signals[melding.pk], request, settings, texts[request.kind], moment.date()
        )
        letters += own
        sent.append(_sent_letter(melding, request.kind, own, attempt, by))
    return letters, sent


def _save_batch(
    municipality: Municipality, key: str, letters: list[Letter], by: User, moment: datetime
) -> LetterBatch:
    sender = settings_for(municipality).sender
    # The batch holds first letters and, for meldingen reopened by the heropaf, heropaf letters.
    pdf = render_pdf(letters, sender, f"Printopdracht brieven {dutch_date(moment.date())}")
    batch = LetterBatch(
        municipality=municipality,
        kind=LetterKind.FIRST,
        selection_key=key,
        letter_count=len(letters),
        created_by=by,
    )
    name = f"eerste-brieven-{moment:%Y%m%d-%H%M%S}-{key[:8]}.pdf"
    batch.pdf.save(name, ContentFile(pdf), save=False)
    batch.save()
    return batch


def first_letter_batch(
    municipality: Municipality,
    selection: list[tuple[Melding, int]],
    by: User,
    moment: datetime,
) -> BatchResult:
    """One PDF with the letter that opens the current contact round for each selected (melding,
    version): the first letter, or in round 2 or later (after a heropaf) the heropaf letter;
    each recorded as a contact attempt of kind Brief.

    Idempotent: the same selection again returns the earlier batch; a melding that already had
    one of those letters in this contact round is skipped, as is one casework refuses (not assigned,
    closed, changed since the list was shown), with the reason.
    """
    meldingen = [melding for melding, _ in selection]
    if not meldingen:
        raise LetterError("Kies minstens één melding voor de printopdracht.")
    if any(melding.municipality_id != municipality.pk for melding in meldingen):
        raise LetterError("Een printopdracht bevat alleen meldingen van één gemeente.")
    key = _selection_key(municipality, meldingen)
    earlier = LetterBatch.objects.filter(selection_key=key).first()
    if earlier is not None:
        return BatchResult(earlier, repeated=True)
    result = BatchResult(None)
    try:
        with transaction.atomic():
            letters, sent = _record_letters(selection, by, moment, result)
            if sent:
                result.batch = _save_batch(municipality, key, letters, by, moment)
                for letter in sent:
                    letter.batch = result.batch
                SentLetter.objects.bulk_create(sent)
    except IntegrityError:
        raise LetterError(
            "Een collega maakt op dit moment brieven voor dezelfde meldingen. "
            "Vernieuw de pagina en probeer het opnieuw."
        ) from None
    return result


SAMPLE_RECIPIENT = Recipient("J. Jansen", "Beste mevrouw Jansen", ("Energie",))
SAMPLE_ADDRESS = ["Voorbeeldstraat 1", "1234 AB  VOORBEELDSTAD"]
SAMPLE_EXTRA = {
    "bezoekdatum": "dinsdag 3 november 2026",
    "afspraak_datum": "donderdag 12 november 2026",
    "afspraak_tijd": "10.00 uur",
    "afspraak_plaats": "bij u thuis",
}


# The sample resident's kenmerk in the preview (a real letter carries its melding's).
SAMPLE_REFERENCE = kenmerk.of(1234)


def sample_letter(
    municipality: Municipality, kind: LetterKind | str, subject: str, body: str, today: date
) -> tuple[Letter | None, list[str]]:
    """The editor's live preview: the texts filled in for a sample resident, or the errors."""
    errors = placeholder_errors(kind, subject, body)
    if errors:
        return None, errors
    try:
        settings = settings_for(municipality)
    except LetterError as error:
        return None, [str(error)]
    values = {
        **settings.values,
        **SAMPLE_EXTRA,
        "aanhef": SAMPLE_RECIPIENT.salutation,
        "soort_schuldeiser": creditor_phrase(SAMPLE_RECIPIENT.partner_types),
    }
    lines = [SAMPLE_RECIPIENT.name_line, *SAMPLE_ADDRESS]
    privacy = _privacy_notice(kind, SAMPLE_RECIPIENT, settings)
    letter = _letter(Texts(subject, body), values, lines, today, SAMPLE_REFERENCE, privacy)
    return letter, []


def addressing_label(municipality: Municipality) -> str:
    """How the municipality addresses letters, as the letter page explains it."""
    head = Letterhead.objects.filter(municipality=municipality).first()
    return Addressing(head.addressing if head else Addressing.PERSONS).label
