"""What each audited page is, in the words the privacy officer reads in the audit log.

The audit middleware records the page a request went to; a view name like `casework:contact`
says little to a functionaris gegevensbescherming, so every page of personal data has a Dutch
description here (tests/privacy/test_audit_coverage.py fails when one is missing).
"""

from __future__ import annotations

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
