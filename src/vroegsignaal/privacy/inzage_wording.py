"""The resident's words for what the chain calls by its own names, in the inzage PDF.

The resident reads the document (AVG art. 15); the model's labels are the caseworker's and the
national standard's ('Enkelvoudig', 'Werkbakje', 'Prioriteit 14', 'Inwoner bereikt:
Verstuurd', '(Budget)advies en/of quick fix'). This module gives each such field a plain label
and value. The JSON keeps the stored names and values (`inzage.record_of`).
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import models

from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import EventKind, HelpAnswer
from vroegsignaal.ddas import Eindresultaat, Geslacht
from vroegsignaal.dutch_numbers import counted

# A value nobody filled in; a step not taken yet says "nog niet" (`STEPS`).
EMPTY = "niet ingevuld"
NOT_YET = "nog niet"

# What a vastelastenpartner hears about her (`feedback.permitted`, domain.md step 8), in her
# words. Until 27-11-2026 the partner also heard whether she accepted help; what it heard then
# stays in the document under each signal, so the date is said.
WHAT_THE_PARTNER_HEARS = (
    "De vastelastenpartner hoort alleen of de gemeente contact met u opneemt en, als de "
    "melding is afgesloten, of de gemeente contact met u heeft gehad, in grote lijnen de "
    "oorzaak van de achterstand, wat er is afgesproken over uw betalingen aan die partner en "
    "of het alleen om deze achterstand gaat of ook om andere schulden die u niet kunt betalen. "
    "Of u hulp van de gemeente hebt aangenomen, hoort de vastelastenpartner sinds 27-11-2026 "
    "niet meer; wat u in het gesprek vertelde en andere persoonlijke zaken nooit. Wat de "
    "vastelastenpartner precies hoorde, staat hierboven bij elk signaal."
)

_URGENT = "Dringend (afsluiten, stoppen van de levering of uitzetting dreigde)"
_WANTED_HELP = "U had de vastelastenpartner al gezegd dat u hulp wilde"

# Plain labels by model.field; fields not named keep their Dutch model label.
LABELS = {
    "intake.signal.crisis": _URGENT,
    "intake.signal.warm_handover": _WANTED_HELP,
    "intake.signal.arrears_start": "achterstand ontstaan op",
    "intake.signal.status": "wat de gemeente met dit signaal deed",
    "intake.signal.status_reason": "waarom",
    "intake.signal.brp_note": "controle in de Basisregistratie Personen (BRP)",
    "casework.melding.period_start": "signalen vanaf",
    "casework.melding.period_end": "signalen tot en met",
    "casework.melding.matched_on": "melding gemaakt op",
    # When the system stored it (a demo loads June's meldingen in November): beside "melding
    # gemaakt op", "aangemaakt op" read as a second, later date of the melding (QA12 B12).
    "casework.melding.created_at": "vastgelegd in Vroegsignaal op",
    "casework.melding.is_crisis": _URGENT,
    "casework.melding.is_warm_handover": _WANTED_HELP,
    "casework.melding.partner_types": "soorten vaste lasten met een achterstand",
    "casework.melding.total_amount_cents": "totale achterstand",
    "casework.melding.go": "de gemeente neemt contact met u op",
    "casework.melding.priority_reasons": "waarom de melding voorrang kreeg",
    "casework.melding.term_kind": "termijn",
    "casework.melding.due_on": "uiterlijk in behandeling nemen op",
    "casework.melding.assigned_to": "medewerker",
    "casework.melding.picked_up_on": "in behandeling genomen op",
    "casework.melding.result": "hoe het afliep",
    "casework.melding.satisfaction": "uw cijfer voor de hulp",
    "casework.melding.first_signal_on": "datum van het eerste signaal",
    "casework.melding.round_due_on": "uiterlijk in behandeling nemen in deze contactronde op",
    "casework.melding.round_picked_up_on": "in behandeling genomen in deze contactronde op",
    "casework.melding.first_closed_on": "afgesloten in de eerste contactronde op",
    "casework.melding.first_attempt_on": "eerste poging om u te bereiken op",
    "casework.melding.first_contact_on": "eerste contact met u op",
    "casework.melding.referred": "doorverwezen naar andere hulp",
    "casework.melding.accepted_on": "u hebt hulp aangenomen",
    "casework.melding.state": "stand van zaken",
    "casework.meldingsignal.signal": "over het",
    "casework.meldingsignal.attached_as_repeat": "later bij een eerdere melding over uw adres gevoegd",
    "casework.melding.feedback_on": "bericht aan de vastelastenpartner over hoe het afliep op",
    "casework.melding.heropaf_due_on": "navraag of u de vaste lasten weer betaalt, op",
    "casework.contactattempt.kind": "soort contact",
    "casework.contactattempt.reached": "uitkomst",
    "letters.sentletter.pdf": "kopie van de brief",
}
# Fields the resident cannot read anything from: where the row came from in a delivery file,
# a score, a count the list beside it gives, a print batch; the melding's kind as three yes/no
# rows (one plain sentence replaces them: `melding_kind`). The JSON keeps them.
LEFT_OUT = {
    "intake.signal.delivery",
    "intake.signal.row_number",
    "casework.melding.is_single",
    "casework.melding.is_multiple",
    "casework.melding.is_consecutive",
    "casework.melding.partner_type_count",
    "casework.melding.priority_score",
    "letters.sentletter.batch",
    # Which of the municipality's own lists the melding was on says nothing to her; that it
    # was urgent, the melding says itself.
    "casework.melding.queue",
    # Said together with the date in one row (`help_accepted`): "Nee" beside a date read as
    # if she had not accepted help at all, when she accepted it at the door.
    "casework.melding.accepted_in_conversation",
    # The conversation's answer is in that one row too (QA8 L8: it said it up to four times).
    "casework.conversation.help_accepted",
}
# Left out when empty: an empty reason or an unfound BRP spelling says nothing.
LEFT_OUT_WHEN_EMPTY = {
    "intake.signal.status_reason",
    "intake.signal.brp_note",
    "intake.signal.brp_initials",
    "intake.signal.brp_surname_prefix",
    "intake.signal.brp_surname",
}
# Only from the second round of contact (after a heropaf reopened the melding) do these say
# anything; in the first they are empty or repeat the melding's own dates.
LATER_ROUNDS = {
    "casework.melding.contact_round",
    "casework.melding.round_due_on",
    "casework.melding.round_picked_up_on",
    "casework.melding.first_closed_on",
}
# Dates of steps in the chain: empty means the step has not been taken.
STEPS = {
    "casework.melding.picked_up_on",
    "casework.melding.round_picked_up_on",
    "casework.melding.closed_on",
    "casework.melding.first_attempt_on",
    "casework.melding.first_contact_on",
    "casework.melding.accepted_on",
    "casework.melding.first_conversation_on",
    "casework.melding.feedback_on",
    "casework.melding.heropaf_due_on",
}
TERMS = {
    "crisis_3_working_days": "dringend: binnen 3 werkdagen",
    "calendar_days": "binnen de termijn die de gemeente zichzelf stelt",
}
# A melding closed as not picked up has no terms (`casework.signal_status.not_picked_up`; its
# page says "Niet opgepakt: er lopen geen termijnen voor deze melding.").
NO_TERM = "geen: de gemeente heeft deze melding niet in behandeling genomen"
RESULTS = {
    Eindresultaat.ADVIES_QUICK_FIX: "Advies over uw geldzaken; de achterstand was snel op te lossen",
}
GENDERS = {Geslacht.LEEG: EMPTY, Geslacht.ONBEKEND: "onbekend"}
# The priority's reasons without their points, in the resident's words where the reason uses
# the chain's ('Crisissignaal (+50)' -> 'Dringend signaal').
_POINTS = re.compile(r"\s*\(\+\d+\)$")
_REASONS = [
    (re.compile(r"^Crisissignaal$"), "Dringend signaal"),
    (re.compile(r"^(\d+) soorten signaalpartners$"), r"Achterstanden bij \1 soorten vaste lasten"),
    (re.compile(r"^Warme overdracht$"), _WANTED_HELP),
]


def key(model_field: models.Field) -> str:
    return f"{model_field.model._meta.label_lower}.{model_field.name}"


def melding_kind(melding) -> str:
    """What 'enkelvoudig', 'meervoudig' and 'opeenvolgend' mean for the resident's address."""
    parts = []
    if melding.is_multiple:
        parts.append("Meer dan één signaal over uw adres in dezelfde maand")
    elif melding.is_single:
        parts.append("Eén signaal over uw adres in deze maand")
    if melding.is_consecutive:
        parts.append("ook in de zes maanden ervoor was er een signaal over uw adres")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else EMPTY


def reasons(stored: list[str]) -> str:
    """The priority's reasons, without points and in plain words."""
    plain = []
    for reason in stored:
        reason = _POINTS.sub("", reason)
        for pattern, replacement in _REASONS:
            reason = pattern.sub(replacement, reason)
        plain.append(reason)
    return "; ".join(plain) or EMPTY


def attempt_outcome(attempt) -> str:
    """'Brief verstuurd' or 'Kaartje achtergelaten' for what went out (a letter neither
    reaches nor fails to); reached or not for the other attempts."""
    if attempt.went_out:
        return f"{attempt.get_kind_display()} {attempt.went_out}"
    return "U bent bereikt" if attempt.reached else "U bent niet bereikt"


def help_accepted(melding) -> str:
    """One statement about accepting help, from the melding's date of the first acceptance (at
    the door or in a conversation) and the last conversation's answer: 'Ja, op 26-11-2026; in
    het gesprek van 26-11-2026 zei u: ja'. Without an acceptance a closed melding says 'Nee'
    (the conversation's 'Later' will not come now), an open one 'nog niet'."""
    talks = list(melding.conversations.all())
    last = max(talks, key=lambda c: (c.held_on, c.pk)) if talks else None
    accepted = [c.held_on for c in talks if c.help_accepted == HelpAnswer.YES]
    if melding.accepted_on is not None:
        said = f"Ja, op {_date(melding.accepted_on)}"
    elif accepted:
        said = f"Ja, op {_date(min(accepted))}"
    elif melding.state == State.CLOSED or (last and last.help_accepted == HelpAnswer.NO):
        said = "Nee"
    else:
        said = NOT_YET
    if last is None:
        return said
    answer = last.get_help_accepted_display().lower()
    return f"{said}; in het gesprek van {_date(last.held_on)} zei u: {answer}"


def _date(day) -> str:
    return day.strftime("%d-%m-%Y")


def on_timeline(event) -> bool:
    """Whether the resident's timeline shows `event`: accepting help at the door is said in the
    melding's one row about help (`help_accepted`)."""
    return event.kind != EventKind.HELP_ACCEPTED


def event_text(event, described: str) -> str:
    """An event's sentence on the resident's timeline: a conversation without its answer about
    help, which the melding's row about help gives."""
    if event.kind == EventKind.CONVERSATION and "on" in event.details:
        return f"Gesprek op {_date(dt.date.fromisoformat(event.details['on']))}"
    return described


# What the BRP check left on a signal (`engine.classify`): the caseworker's words, and for a
# crisis signal a work instruction. The resident reads what was found.
_BRP_NOTES = [
    (re.compile(r"^Niet gevonden in de BRP\b.*", re.DOTALL),
     "Wij vonden u bij de controle niet in de Basisregistratie Personen op dit adres."),
    (re.compile(r"^Volgens de BRP woonachtig op ander adres: (.+)$"),
     r"Volgens de Basisregistratie Personen woont u op een ander adres: \1."),
]  # fmt: skip


def brp_note(note: str) -> str:
    for pattern, plain in _BRP_NOTES:
        if pattern.search(note):
            return pattern.sub(plain, note)
    return note


def _span(days: int) -> str:
    """A term in the words a resident uses: '5 jaar', '6 maanden', '30 dagen'."""
    years, months = round(days / 365.25), round(days / 30.44)
    if years and abs(days - years * 365.25) < 1:
        return f"{years} jaar"
    if months and abs(days - months * 30.44) < 1:
        return counted(months, "maand", "maanden")
    return counted(days, "dag", "dagen")


def closed_melding_term() -> str:
    """How long a closed melding stays, in her words ('2 jaar'): the inzage and the letter
    that opens a contact round (`letters.privacy_notice`) say it alike."""
    return _span(settings.RETENTION_MELDING_DAYS)


def retention_terms() -> list[tuple[str, str]]:
    """How long what is held about her stays, in her words (the Bewaartermijnen page keeps the
    officer's: `retention.terms`)."""
    return [
        (
            "Het bestand waarmee een vastelastenpartner uw gegevens stuurde",
            f"{_span(settings.RETENTION_DELIVERY_FILE_DAYS)} na ontvangst",
        ),
        (
            "Signalen en meldingen waarvoor de gemeente geen contact met u zocht",
            f"{_span(settings.RETENTION_SIGNAL_DAYS)} na de datum van het signaal",
        ),
        (
            "Meldingen die zijn afgesloten, met hun signalen",
            f"{closed_melding_term()} na het afsluiten",
        ),
        ("Wie uw gegevens heeft bekeken", _span(settings.RETENTION_AUDIT_DAYS)),
    ]


def privacy_officer_contact(municipality) -> str:
    """How the resident reaches the privacy officer of ``municipality``: 'De functionaris
    gegevensbescherming van de gemeente Enschede: e-mail ..., telefoon ..., post: ....'; empty
    when the beheerder filled in none (the officer composing was warned)."""
    ways = [
        f"{way} {value}"
        for way, value in (
            ("e-mail", municipality.privacy_officer_email),
            ("telefoon", municipality.privacy_officer_phone),
            ("post:", municipality.privacy_officer_address),
        )
        if value
    ]
    if not ways:
        return ""
    officer = f"De functionaris gegevensbescherming van de gemeente {municipality.name}"
    return f"{officer}: {', '.join(ways)}."
