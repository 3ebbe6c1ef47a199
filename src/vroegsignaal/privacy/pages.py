"""What each audited page is, in the words the privacy officer reads in the audit log.

The audit middleware records the page a request went to; a view name like `casework:contact`
says little to a functionaris gegevensbescherming, so every page of personal data has a Dutch
description here (tests/privacy/test_audit_coverage.py fails when one is missing).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.db.models import Q

from vroegsignaal import kenmerk

PAGE_DESCRIPTIONS = {
    "casework:worklist": "werkbakjes (lijst van meldingen)",
    "casework:search": "zoeken naar meldingen",
    "casework:melding": "melding",
    "casework:assign": "melding toewijzen",
    "casework:unassign": "toewijzing intrekken",
    "casework:contact": "contactpoging",
    "casework:leave_card": "kaartje na huisbezoek",
    "casework:confirm_not_resident": "signaal bevestigen: geen inwoner (meer)",
    "casework:withdraw_not_resident": "bevestiging geen inwoner (meer) intrekken",
    "casework:conversation": "gesprek",
    "casework:budget": "budgetscan",
    "casework:budget_line": "regel van de budgetscan wijzigen",
    "casework:remove_budget_line": "regel van de budgetscan verwijderen",
    "casework:plan": "plan van aanpak",
    "casework:referral": "verwijzing",
    "casework:move_handover": "warme overdracht verzetten",
    "casework:close": "afsluiten met eindresultaat",
    "casework:complete_heropaf": "heropaf afronden",
    "casework:close_heropaf_unanswered": "heropaf afronden zonder antwoord",
    "casework:reopen": "melding heropenen",
    "letters:overview": "brieven",
    "letters:settings": "briefhoofd en contactgegevens",
    "letters:template": "brieftekst",
    "letters:template_preview": "voorbeeld van een brieftekst",
    "letters:melding": "brief bij een melding",
    "letters:sent_pdf": "verstuurde brief (pdf)",
    "letters:batch": "printopdracht",
    "letters:batch_pdf": "printopdracht (pdf)",
    "feedback:signals": "terugkoppeling per signaal",
    "feedback:download": "terugkoppeling per signaal (download)",
    "feedback:signal": "terugkoppeling over een signaal",
    "feedback:heropaf_checks": "heropafvragen",
    "feedback:heropaf_check": "heropafvraag beantwoorden",
    "feedback:overview": "terugkoppeling per partner",
    "feedback:overdue_heropaf": "heropafvragen niet beantwoord",
    "intake:upload": "bestand aanleveren",
    "intake:deliveries": "aanleveringen",
    "intake:api": "API-pagina met de eigen API-sleutels",
    "intake:format": "aanleverformaat",
    "intake:format_example": "voorbeeldbestand aanlevering",
    "intake:delivery": "rapport van een aanlevering",
    "intake:delivery_signals": "aangenomen signalen van een aanlevering",
    "intake:delivery_rejected_csv": "geweigerde rijen (CSV)",
    "intake:delivery_rejected_xlsx": "geweigerde rijen (Excel)",
    "privacy:audit_log": "auditlog",
    "privacy:audit_export": "auditlog (CSV)",
    "privacy:retention_runs": "bewaartermijnen",
    "privacy:access_request": "inzageverzoek",
    "matching:runs": "matching",
    "matching:reference_lists": "klantenlijst en BRP-uittreksel",
    "matching:run": "resultaat van een matchingsrun (meldingen en signalen)",
    "monitoring:ddas": "landelijke export (DDAS)",
    "api-deliveries": "aanleveringen (API)",
    "api-feedback": "terugkoppeling (API)",
    "api-heropaf-checks": "heropafvragen (API)",
    "api-heropaf-check-answer": "heropafvraag beantwoorden (API)",
}


def describe_page(view_name: str) -> str:
    """The Dutch description of a page; the view name itself for one not listed."""
    return PAGE_DESCRIPTIONS.get(view_name, view_name)


# A melding is named by its kenmerk, as every page and letter names it.
MELDING = "casework.melding"


def object_label(object_type: str, object_id: str) -> str:
    """'melding VS-7941' for ('casework.melding', '7941'), 'aanlevering 132' for
    ('intake.delivery', '132'); empty without an object. Made when the log is read, so entries
    written before meldingen were named by their kenmerk read the same."""
    if not object_type:
        return ""
    if object_type == MELDING and object_id:
        object_id = kenmerk.of(object_id)
    try:
        name = apps.get_model(object_type)._meta.verbose_name
    except (LookupError, ValueError):
        name = object_type
    return f"{name} {object_id}".strip()


# A search for meldingen is logged with its text as typed, which may name a resident; after the
# term the retention job replaces the text (privacy.search_text_erasure), the rest stays.
SEARCH_DESCRIPTION_START = 'zoeken naar meldingen: "'
ERASED_SEARCH_TEXT = "[zoektekst gewist na de bewaartermijn]"
# So is every other text typed in a page address: what the privacy officer typed at Gegevens
# and Gebruiker of the audit log ('Hoeks'), and the typed filters of the lists (a creditor's
# klantnummer, a postcode, an amount), any of which may single out a resident. The log keeps
# such a text after TYPED_TEXT_MARK in the description, by the name the page gives its field:
# 'auditlog; gezocht op gegevens "Hoeks"', 'terugkoppeling per signaal; gezocht op klantnummer
# "K-12"'. Filters chosen from a list (werkbakje, soort, dates) are no text and stay in the page.
TYPED_PARAMETERS = {
    "wat": "gegevens",
    "wie": "gebruiker",
    "klantnummer": "klantnummer",
    "postcode": "postcodegebied",
    "bedrag_vanaf": "achterstand vanaf",
}
TYPED_TEXT_MARK = "; gezocht op "
_TYPED_SHOWN = 200  # characters of a typed text the description keeps (Gegevens has no limit)
# The query parameters that hold a typed text: never kept in a page address.
SEARCH_PARAMETERS = ("q", *TYPED_PARAMETERS)


def search_description(text: str, outcome: str) -> str:
    """'zoeken naar meldingen: "S.A. Hoeks" (op naam of straat, 1 gevonden)'."""
    return f'{SEARCH_DESCRIPTION_START}{text}" ({outcome})'


def with_typed_texts(screen: str, typed) -> str:
    """'auditlog; gezocht op gegevens "Hoeks" en gebruiker "meldpunt"': `screen` (the page's
    description, 'auditlog (CSV)', 'werkbakjes (lijst van meldingen)') with the texts typed in
    its query (`typed`: a mapping, the request's GET or a parsed address) by the name of their
    field; `screen` alone when none was typed."""
    texts = []
    for field, name in TYPED_PARAMETERS.items():
        text = " ".join((typed.get(field) or "").split())
        if text:
            shown = text if len(text) <= _TYPED_SHOWN else f"{text[:_TYPED_SHOWN]}…"
            texts.append(f'{name} "{shown}"')
    return f"{screen}{TYPED_TEXT_MARK}{' en '.join(texts)}" if texts else screen


def typed_in(page: str) -> dict[str, str]:
    """The typed texts in a page address, by parameter ('/werk/?postcode=7511' gives
    {'postcode': '7511'}), for `with_typed_texts`."""
    query = page.partition("?")[2]
    return {key: value for key, value in parse_qsl(query) if key in TYPED_PARAMETERS}


def screen_of(description: str) -> str:
    """The page a description names, without the texts typed there ('werkbakjes (lijst van
    meldingen)' for '...; gezocht op postcodegebied "7511"', erased or not): what the resident
    reads in her inzage. A search for meldingen is said as it is: its text found her."""
    if description.startswith(SEARCH_DESCRIPTION_START):
        return description
    return description.partition(TYPED_TEXT_MARK)[0]


def meldingen_searches_with_text() -> Q:
    """The entries of searches for meldingen whose text is still there (an erased one no
    longer starts with a quote)."""
    return Q(description__startswith=SEARCH_DESCRIPTION_START)


def typed_texts_still_there() -> Q:
    """The entries, other than searches for meldingen, that still hold a typed text: in the
    description (an erased one has no quote after the mark), or, written before 27-11-2026,
    in the page address."""
    quoted = Q()
    for name in TYPED_PARAMETERS.values():
        quoted |= Q(description__contains=f'{TYPED_TEXT_MARK}{name} "')
    in_address = Q(endpoint__regex=rf"[?&]({'|'.join(TYPED_PARAMETERS)})=[^&]")
    return (quoted | in_address) & ~meldingen_searches_with_text()


def without_search_text(description: str) -> str:
    """The description of a search with ERASED_SEARCH_TEXT for its text. Of a search for
    meldingen the outcome (how and how many found) stays: it is the last part, so a quote
    typed in the text is no matter. Of any other typed text the screen stays: it is the part
    before the mark, which no one types."""
    if not description.startswith(SEARCH_DESCRIPTION_START):
        screen = description.partition(TYPED_TEXT_MARK)[0]
        return f"{screen}{TYPED_TEXT_MARK}{ERASED_SEARCH_TEXT}"
    text_and_outcome = description.removeprefix(SEARCH_DESCRIPTION_START)
    _, found, outcome = text_and_outcome.rpartition('" (')
    erased = f"zoeken naar meldingen: {ERASED_SEARCH_TEXT}"
    return f"{erased} ({outcome}" if found else erased


def page_without_search_text(page: str) -> str:
    """'/werk/zoeken/?pagina=2' for '/werk/zoeken/?q=S.A.+Hoeks&pagina=2': the page as the log
    keeps it, without the typed text (which the description holds, until it is erased);
    '/privacy/auditlog/?handeling=view' for '...?wat=Hoeks&handeling=view', '/werk/?soort=energie'
    for '/werk/?postcode=7511&soort=energie'."""
    path, _, query = page.partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(key, value) for key, value in pairs if key not in SEARCH_PARAMETERS]
    return f"{path}?{urlencode(kept)}" if kept else path
