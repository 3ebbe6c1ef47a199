"""What each audited page is, in the words the privacy officer reads in the audit log.

The audit middleware records the page a request went to; a view name like `casework:contact`
says little to a functionaris gegevensbescherming, so every page of personal data has a Dutch
description here (tests/privacy/test_audit_coverage.py fails when one is missing).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django.apps import apps

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
SEARCH_PARAMETER = "q"


def search_description(text: str, outcome: str) -> str:
    """'zoeken naar meldingen: "S.A. Hoeks" (op naam of straat, 1 gevonden)'."""
    return f'{SEARCH_DESCRIPTION_START}{text}" ({outcome})'


def without_search_text(description: str) -> str:
    """The description of a search with ERASED_SEARCH_TEXT for its text; the outcome (how and
    how many found) stays. The outcome is the last part, so a quote typed in the text is no
    matter."""
    text_and_outcome = description.removeprefix(SEARCH_DESCRIPTION_START)
    _, found, outcome = text_and_outcome.rpartition('" (')
    erased = f"zoeken naar meldingen: {ERASED_SEARCH_TEXT}"
    return f"{erased} ({outcome}" if found else erased


def page_without_search_text(page: str) -> str:
    """'/werk/zoeken/?pagina=2' for '/werk/zoeken/?q=S.A.+Hoeks&pagina=2': the page of a search
    as the log keeps it, without the text (which the description holds, until it is erased)."""
    path, _, query = page.partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(key, value) for key, value in pairs if key != SEARCH_PARAMETER]
    return f"{path}?{urlencode(kept)}" if kept else path
