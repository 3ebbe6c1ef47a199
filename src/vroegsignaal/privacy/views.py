"""The privacy officer's pages: the audit log (search, CSV export), retention runs and inzageverzoeken.

Every page goes through the access policy; looking at the audit log, exporting it and answering
an inzageverzoek are themselves written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from vroegsignaal.dutch_text import listed
from vroegsignaal.privacy import audit, inzage, inzage_free_texts, retention
from vroegsignaal.privacy import inzage_answers as answers
from vroegsignaal.privacy.forms import (
    AccessRequestForm,
    AuditSearchForm,
    ResidentForm,
    ambiguous_message,
    resident_token,
)
from vroegsignaal.privacy.models import AuditAction, RetentionRun
from vroegsignaal.privacy.pages import page_without_search_text
from vroegsignaal.privacy.policy import Action, audit_entries_for, requires
from vroegsignaal.web.downloads import csv_response

ENTRIES_PER_PAGE = 100


def _search_label(form: AuditSearchForm, screen: str) -> str:
    """What the officer looked at, for their own audit entry: the screen, and whether on one
    resident and how she was found (never with the BSN or the name). `audit.record` adds what
    she typed at Gegevens and Gebruiker from the page, which retention erases after the signal
    term (privacy.search_text_erasure)."""
    valid = form.is_bound and form.is_valid()
    resident = form.cleaned_data.get("inwoner") if valid else None
    return f"{screen} gezocht op een inwoner ({resident['gezocht']})" if resident else screen


def _page(request) -> str:
    """The page of a resident looked up from a searched page, without the texts the officer
    typed: the lookup is posted, and is no search on them."""
    return page_without_search_text(request.get_full_path())


def _searched(request, form: AuditSearchForm):
    """The entries the form finds; none while it has an error (a reversed or unreadable date or
    an expired resident search would otherwise list every entry as if it were the answer)."""
    entries = audit_entries_for(request.user)
    if form.is_bound and not form.is_valid():
        return entries.none()
    if not form.is_bound:
        return entries
    data = form.cleaned_data
    if data["inwoner"] is not None:
        objects = {kind: set(ids) for kind, ids in data["inwoner"]["objecten"].items()}
        entries = audit.about(entries, objects)
    return audit.search(
        entries,
        who=data["wie"],
        what=data["wat"],
        action=data["handeling"],
        since=data["van"],
        until=data["tot"],
    )


def _resident_found(resident: dict) -> dict:
    """How the resident was found and how many of her signals and meldingen, for the page (the
    token holds no BSN or name, so neither does this)."""
    objects = resident["objecten"]
    return {
        "searched": resident["gezocht"],
        "signals": len(objects.get("intake.signal", [])),
        "meldingen": len(objects.get("casework.melding", [])),
    }


@requires(Action.VIEW_AUDIT)
def audit_log(request):
    """Search the audit log by user, data, handeling, date range or resident. A resident is
    looked up by POST (ResidentForm) and the page redirects to the search for their objects."""
    resident_form = ResidentForm(request.POST if request.method == "POST" else None)
    found = None
    if resident_form.is_bound and resident_form.is_valid():
        found = inzage.find(resident_form.person_query())
        if found.ambiguous:
            resident_form.add_error("voorletters", ambiguous_message(found.ambiguous))
    if found and not found.ambiguous:
        audit.record(
            request,
            AuditAction.VIEW,
            f"auditlog: inwoner opgezocht {found.label()}",
            endpoint=_page(request),
        )
        token = resident_token(found)
        return redirect(f"{reverse('privacy:audit_log')}?{urlencode({'inwoner': token})}")
    form = AuditSearchForm(request.GET or None)
    # Recorded first: an entry added between counting and reading a page would push the
    # oldest entry off it.
    audit.record(request, AuditAction.VIEW, _search_label(form, "auditlog"))
    entries = _searched(request, form)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("pagina"))
    resident = form.cleaned_data.get("inwoner") if form.is_bound and form.is_valid() else None
    context = {
        "form": form,
        "resident_form": resident_form,
        "page": page,
        "resident": resident and _resident_found(resident),
        "bsn_alone": bool(resident and resident.get("alleen_bsn")),
        "unsure": bool(resident and resident.get("onzeker")),
    }
    return render(request, "privacy/audit_log.html", context)


@requires(Action.VIEW_AUDIT)
def audit_export(request):
    """The searched entries as CSV (formula cells neutralised like every download)."""
    form = AuditSearchForm(request.GET or None)
    entries = _searched(request, form)
    audit.record(request, AuditAction.EXPORT, _search_label(form, "auditlog (CSV)"))
    return csv_response("auditlog.csv", audit.EXPORT_HEADER, audit.export_rows(entries.iterator()))


RUNS_SHOWN = 60


@requires(Action.VIEW_RETENTION)
def retention_runs(request):
    """The terms, a warning when the nightly job fell behind, and what each run erased (or, in a
    dry run, would erase), newest first."""
    runs = [
        (
            run,
            sum(run.counts.values()),
            [
                (
                    retention.counted(kind, count),
                    _date_or_none(run.cutoffs.get(kind)),
                    # Its date is that of the searches no melding ties, not of all (below).
                    kind == retention.SEARCH_TEXTS,
                )
                for kind, count in run.counts.items()
                if count
            ],
        )
        for run in RetentionRun.objects.all()[:RUNS_SHOWN]
    ]
    health = retention.health()
    context = {
        "runs": runs,
        "terms": retention.terms(),
        "health": health,
        "overdue": [retention.counted(kind, count) for kind, count in health.overdue.items()],
        "expected_days": retention.RUN_EXPECTED_WITHIN.days,
    }
    return render(request, "privacy/retention_runs.html", context)


def _date_or_none(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@requires(Action.HANDLE_ACCESS_REQUEST)
def access_request(request):
    """Export everything held about one person as PDF or JSON. A BSN that no BRP extract names
    finds only the signals delivered with a BSN: the page says so first and asks for the name
    and address too (or to compose it on the BSN alone after all). So it does when the BRP check
    tied signals to the resident's BRP address that may be hers or not (`Found.unsure`), and
    when her meldingen hold signals of another person or signals fit her name with another
    initial or BSN (`Found.others`: a housemate, a twin, or a spelling beyond the matching's
    tolerance): the page lists them and the officer may tick one to include it after all; the
    document never prints the others. When the signals found hold two people and nothing typed
    says which is hers (twins, `Found.ambiguous`), the page asks for her initials or BSN.
    Last, the page lists the caseworkers' free texts in the document for the officer to read
    and leave out what is about others (`inzage_free_texts`). Every answer holds only for the
    resident and what its question showed (`inzage_answers`); otherwise the question comes
    again, for the resident posted."""
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        query = form.person_query()
        found = inzage.find(query, include=data["meenemen"])
        if found.ambiguous:
            form.add_error("voorletters", ambiguous_message(found.ambiguous))
            return _access_request_page(request, {"form": form})
        questions = _Questions(request, form)
        if found.by_bsn_alone and not questions.answered(answers.ON_BSN_ALONE, []):
            return questions.ask(bsn_alone=True)
        if found.unsure and not questions.answered(answers.UNSURE, answers.unsure_shown(found)):
            return questions.ask(unsure=True)
        listed = answers.others_shown(found)
        if listed and not questions.answered(answers.OTHERS, listed):
            # Signals ticked in answer to another question are not taken in: list them all.
            return questions.ask(others=inzage.find(query).others_by_person())
        free_texts = inzage_free_texts.review(found)
        if free_texts and not questions.answered(
            answers.FREE_TEXTS, inzage_free_texts.shown(free_texts)
        ):
            return questions.ask(
                free_texts=free_texts,
                free_texts_changed=bool(data[answers.FREE_TEXTS]),
                free_texts_changed_text=inzage_free_texts.CHANGED,
                withheld_text=inzage_free_texts.WITHHELD,
            )
        withheld = inzage_free_texts.withhold(found, data["weglaten"])
        _record_access_request(request, found, withheld)
        if data["formaat"] == "json":
            body = json.dumps(inzage.as_json(found), ensure_ascii=False, indent=2, default=str)
            return _attachment(body.encode(), "application/json", "inzageverzoek.json")
        return _attachment(inzage.render_pdf(found), "application/pdf", "inzageverzoek.pdf")
    return _access_request_page(request, {"form": form})


class _Questions:
    """The inzage's questions in their order, for one posted request: the answers that hold
    ride along on the page of the next question, whose button posts its own fingerprint. On a
    question's page the resident is read-only ('Andere inwoner zoeken' starts over), so an
    answer is given for the resident it was asked about; but for the name and address that the
    question about the BSN alone asks to fill in."""

    def __init__(self, request, form: AccessRequestForm):
        self.request, self.form = request, form
        self.held: dict[str, str] = {}
        self.question = ""
        self.fingerprint = ""

    def answered(self, question: str, shown) -> bool:
        """Whether the posted answer to `question` was given for this resident and `shown`."""
        posted = self.form.cleaned_data[question]
        if answers.holds(question, self.form.person_query(), shown, posted):
            self.held[question] = posted
            return True
        self.question = question
        self.fingerprint = answers.fingerprint(question, self.form.person_query(), shown)
        return False

    def ask(self, **context) -> HttpResponse:
        """The page with the question last found unanswered."""
        held_others = answers.OTHERS in self.held
        context = {
            "form": self.form,
            "answer": self.fingerprint,
            "held": self.held,
            "included": self.form.cleaned_data["meenemen"] if held_others else (),
            "bsn_fixed": True,
            "resident_fixed": self.question != answers.ON_BSN_ALONE,
            **context,
        }
        return _access_request_page(self.request, context)


def _record_access_request(request, found: inzage.Found, withheld: list) -> None:
    """The request in the audit log, with the free texts left out by place (never their
    words), and one entry per signal and melding released, so the officer can later show what
    was disclosed about whom (and a search for the resident finds it)."""
    left_out = inzage_free_texts.audit_text(withheld)
    audit.record(
        request,
        AuditAction.EXPORT,
        f"inzageverzoek {found.label()}",
        description=f"inzageverzoek {found.label()}: {len(found.signals)} signalen "
        f"(waarvan {len(found.included)} van een andere persoon bewust meegenomen), "
        f"{len(found.meldingen)} meldingen" + (f"; {left_out}" if left_out else ""),
    )
    for released in [*found.signals, *found.meldingen]:
        description = "inzageverzoek"
        if released in found.included:
            description += ": signaal van een andere persoon in de melding, bewust meegenomen"
        if released in found.meldingen:
            own = [place for place in withheld if place.melding_id == released.pk]
            if own:
                description += f": {inzage_free_texts.audit_text(own)}"
        audit.record(request, AuditAction.EXPORT, released, description=description)


def _access_request_page(request, context: dict) -> HttpResponse:
    """The page, warning first when the officer's municipalities lack the contact details
    the document gives the resident (organisations.Municipality.privacy_officer_*)."""
    missing = inzage.without_privacy_officer_contact(request.user)
    return render(
        request,
        "privacy/access_request.html",
        {**context, "no_officer_contact": missing, "no_officer_contact_text": listed(missing)},
    )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
