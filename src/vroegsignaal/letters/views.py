"""The letter pages: settings, the text editor with live preview, the letter for one melding
and the print-room batch. Thin: access through casework.access, work through letters.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vroegsignaal.casework import contact
from vroegsignaal.casework.access import (
    check_casework_user,
    get_melding_for,
    meldingen_visible_to,
)
from vroegsignaal.casework.actions import available_actions
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.forms import AssignForm, assign_form_for
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.postal_address import SEE_ABOVE, open_melding_warning
from vroegsignaal.letters import services
from vroegsignaal.letters.access import batches_visible_to
from vroegsignaal.letters.default_texts import DEFAULT_TEXTS
from vroegsignaal.letters.forms import (
    ContactDetailsForm,
    LetterForm,
    LetterheadForm,
    LetterTemplateForm,
    SampleForm,
)
from vroegsignaal.letters.kinds import (
    NOT_AN_ATTEMPT,
    LetterKind,
    allowed_placeholders,
    opening_letter,
)
from vroegsignaal.letters.models import (
    ContactDetails,
    LetterBatch,
    Letterhead,
    LetterTemplate,
    SentLetter,
)
from vroegsignaal.letters.privacy_notice import applies_to as has_privacy_notice
from vroegsignaal.organisations.models import Role
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.privacy.policy import role_required

casework_only = role_required(Role.INTAKE, Role.CASEWORKER)
BATCH_LIST_LIMIT = 500


def _municipality(request):
    check_casework_user(request.user)
    return request.user.municipality


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@casework_only
def overview(request):
    """The kinds of letter with their text (own or default), and links to settings and batch."""
    municipality = _municipality(request)
    own = set(municipality.letter_templates.values_list("kind", flat=True))
    kinds = [(kind, kind.label, kind.value in own) for kind in LetterKind]
    context = {
        "kinds": kinds,
        "has_contact": ContactDetails.objects.filter(municipality=municipality).exists(),
        "batches": batches_visible_to(request.user).select_related("created_by")[:10],
    }
    return render(request, "letters/overview.html", context)


# Who changes what goes on every letter of the municipality (its sender, phone number): the
# meldpunt here, the beheerder in the beheeromgeving; caseworkers read it (BIO 9.2.3, QA15 B11).
SETTINGS_EDITORS = {Role.INTAKE}


@casework_only
def settings_page(request):
    """Letterhead, addressing and contact details of the user's municipality."""
    municipality = _municipality(request)
    may_change = request.user.role in SETTINGS_EDITORS
    posted = request.method == "POST"
    if posted and not may_change:
        raise PermissionDenied("Alleen het meldpunt wijzigt het briefhoofd en de contactgegevens.")
    head = Letterhead.objects.filter(municipality=municipality).first() or Letterhead(
        municipality=municipality
    )
    details = ContactDetails.objects.filter(municipality=municipality).first() or ContactDetails(
        municipality=municipality
    )
    data, files = (request.POST, request.FILES) if posted else (None, None)
    head_form = LetterheadForm(data, files, instance=head, prefix="briefhoofd")
    contact_form = ContactDetailsForm(data, instance=details, prefix="contact")
    if not may_change:
        for form in (head_form, contact_form):
            for field in form.fields.values():
                field.disabled = True
    if posted and head_form.is_valid() and contact_form.is_valid():
        changed = _changed_labels(head_form) + _changed_labels(contact_form)
        head_form.save()
        contact_form.save()
        if changed:
            audit.record(
                request,
                AuditAction.CHANGE,
                contact_form.instance,
                description=f"Briefhoofd en contactgegevens voor brieven van "
                f"{municipality.name} gewijzigd: {', '.join(changed)}.",
            )
        messages.success(request, "De instellingen voor brieven zijn opgeslagen.")
        return redirect("letters:overview")
    context = {"head_form": head_form, "contact_form": contact_form, "may_change": may_change}
    return render(request, "letters/settings.html", context)


def _changed_labels(form) -> list[str]:
    return [str(form.fields[name].label).lower() for name in form.changed_data]


def _kind(value: str) -> LetterKind:
    try:
        return LetterKind(value)
    except ValueError:
        raise Http404("Deze soort brief bestaat niet.") from None


@casework_only
def template_editor(request, kind: str):
    """Edit the municipality's own text of one kind, with a live preview; or go back to the default."""
    municipality = _municipality(request)
    kind = _kind(kind)
    own = LetterTemplate.objects.filter(municipality=municipality, kind=kind).first()
    if request.method == "POST" and "standaard" in request.POST:
        if own:
            own.delete()
        messages.success(request, f"{kind.label}: de standaardtekst wordt weer gebruikt.")
        return redirect("letters:overview")
    default = DEFAULT_TEXTS[kind]
    instance = own or LetterTemplate(municipality=municipality, kind=kind)
    initial = {} if own else {"subject": default.subject, "body": default.body}
    form = LetterTemplateForm(request.POST or None, instance=instance, initial=initial, kind=kind)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        form.save()
        messages.success(request, f"De tekst van '{kind.label}' is opgeslagen.")
        return redirect("letters:overview")
    subject = form["subject"].value() or ""
    body = form["body"].value() or ""
    letter, errors = services.sample_letter(municipality, kind, subject, body, timezone.localdate())
    context = {
        "form": form,
        "kind": kind,
        "own": own,
        "placeholders": allowed_placeholders(kind).items(),
        "letter": letter,
        "preview_errors": errors,
    }
    return render(request, "letters/template_editor.html", context)


@require_POST
@casework_only
def template_preview(request, kind: str):
    """The live preview fragment (htmx): the posted texts filled in for a sample resident."""
    municipality = _municipality(request)
    form = SampleForm(request.POST)
    form.is_valid()
    letter, errors = services.sample_letter(
        municipality,
        _kind(kind),
        form.cleaned_data.get("subject", ""),
        form.cleaned_data.get("body", ""),
        timezone.localdate(),
    )
    context = {"letter": letter, "preview_errors": errors}
    return render(request, "letters/preview.html", context)


@casework_only
def melding_letter(request, pk: int):
    """Choose, preview (PDF) and make a letter or card for one melding, recorded as contact attempt."""
    melding = get_melding_for(request.user, pk)
    attempts = list(melding.contact_attempts.all())
    missed = contact.missed_visits_without_card(attempts)
    posted = request.method == "POST"
    unavailable = services.unavailable_kinds(melding, missed)
    kind = services.preselected_kind(melding, attempts, missed, unavailable)
    form = LetterForm(
        request.POST if posted else None,
        initial={"version": melding.version, "kind": kind},
        missed_visits=missed,
        unavailable=unavailable,
        now=timezone.localtime(),
    )
    if posted and form.is_valid():
        response = _letter_action(request, melding, form)
        if response is not None:
            return response
    context = {
        "melding": melding,
        "form": form,
        "unavailable": _unavailable_lines(melding, unavailable),
        # Said once above the form, as on the melding page, not under every letter by post.
        "no_letter_address": open_melding_warning(melding),
        "appointment_offered": LetterKind.APPOINTMENT not in unavailable,
        "addressing": services.addressing_label(melding.municipality),
        "sent": melding.letters.select_related("created_by"),
        "not_now": _why_no_letter_now(melding),
        "assign_form": _assign_form(request.user, melding),
        "privacy_officer_missing": _privacy_officer_missing(melding, unavailable),
    }
    return render(request, "letters/melding.html", context)


def _unavailable_lines(melding, unavailable) -> list[tuple[str, str]]:
    """(kind, why not now) under the choice of kinds; the address's reason stands above it."""
    no_address = open_melding_warning(melding)
    return [
        (LetterKind(kind).label, SEE_ABOVE if no_address and reason == no_address else reason)
        for kind, reason in unavailable.items()
    ]


NOT_ASSIGNED = (
    "Deze melding is nog niet toegewezen. Een brief of kaartje wordt vastgelegd als "
    "contactpoging, en dat kan pas als de melding aan iemand is toegewezen. Wijs de melding "
    "hieronder toe; daarna kunt u de brief maken. Het voorbeeld kunt u nu al bekijken."
)
CLOSED = "De melding is afgesloten; er kan geen brief of kaartje meer bij."


def _why_no_letter_now(melding) -> str:
    """Why no letter can be made and recorded now, said before the click; '' when it can.
    A letter is a contact attempt, so it follows the melding page's rule for those."""
    if "contact" in available_actions(melding):
        return ""
    return NOT_ASSIGNED if melding.state == State.NEW else CLOSED


def _assign_form(user, melding) -> AssignForm | None:
    """The melding page's assign form, for an unassigned melding (anyone who may open the
    letter page may assign it)."""
    return assign_form_for(user, melding) if melding.state == State.NEW else None


def _privacy_officer_missing(melding, unavailable) -> bool:
    """Whether the letter that opens the round can go out without the privacy officer's
    details: it then sends the resident's questions to the team, and the page says so."""
    opening = opening_letter(melding.contact_round)
    return (
        has_privacy_notice(opening)
        and opening not in unavailable
        and not melding.municipality.has_privacy_officer_contact
    )


def _letter_action(request, melding, form):
    letter_request = form.letter_request()
    now = timezone.localtime()
    try:
        if request.POST.get("actie") == "voorbeeld":
            pdf = services.preview_pdf(melding, letter_request, now.date())
            return _pdf(pdf, f"voorbeeld-melding-{melding.pk}.pdf")
        services.send_letter(
            melding, request.user, form.cleaned_data["version"], letter_request, now
        )
    except (services.LetterError, CaseworkError) as error:
        form.add_error(None, str(error))
        return None
    if letter_request.kind in NOT_AN_ATTEMPT:
        recorded = "staat in de tijdlijn"
    elif letter_request.kind == LetterKind.CARD:
        recorded = contact.CARD_RECORDED
    else:
        recorded = "vastgelegd als contactpoging"
    messages.success(
        request,
        f"{letter_request.kind.label} is gemaakt en {recorded}. "
        "Download de pdf hieronder om te printen.",
    )
    return redirect("letters:melding", pk=melding.pk)


@casework_only
def sent_letter_pdf(request, pk: int):
    """The PDF of a letter made for one melding (only for who may see that melding)."""
    sent = get_object_or_404(SentLetter, pk=pk)
    get_melding_for(request.user, sent.melding_id)
    if not sent.pdf:
        raise Http404("Deze brief zit in een printopdracht; download die printopdracht.")
    return FileResponse(
        sent.pdf.open("rb"), content_type="application/pdf", filename=f"brief-{sent.pk}.pdf"
    )


def _batch_candidates(request):
    meldingen = (
        services.awaiting_first_letter(meldingen_visible_to(request.user))
        .select_related("queue", "assigned_to")
        .order_by("queue__name", "postcode", "house_number", "pk")
    )
    candidates = list(meldingen[:BATCH_LIST_LIMIT])
    for melding in candidates:
        melding.opening_letter = opening_letter(melding.contact_round)
    return candidates


def _parse_selection(values: list[str]) -> dict[int, int]:
    # Each checkbox carries "id:version", so a melding changed since the list was shown is refused.
    selection = {}
    for value in values:
        pk, _, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            selection[int(pk)] = int(version)
    return selection


@casework_only
def batch_page(request):
    """Choose meldingen (one's own ticked) and make the letters that open their contact round
    as one PDF for the print room."""
    municipality = _municipality(request)
    if request.method == "POST":
        return _make_batch(request, municipality)
    return _choice_page(request)


def _choice_page(request):
    """The meldingen to choose from, of one werkbakje or all (audited with what it listed)."""
    queue = request.GET.get("werkbakje", "")
    candidates = _batch_candidates(request)
    queues = sorted({m.queue.name for m in candidates if m.queue})
    if queue:
        candidates = [m for m in candidates if m.queue and m.queue.name == queue]
    # Only one's own meldingen are ticked: a colleague's are listed, to add on purpose.
    mine_count = sum(m.assigned_to_id == request.user.pk for m in candidates)
    audit.note_shown(request, candidates)
    context = {"candidates": candidates, "queues": queues, "queue": queue, "mine_count": mine_count}
    return render(request, "letters/batch.html", context)


def _make_batch(request, municipality):
    versions = _parse_selection(request.POST.getlist("melding"))
    meldingen = list(
        meldingen_visible_to(request.user).filter(pk__in=versions).select_related("municipality")
    )
    if len(meldingen) != len(versions):
        raise Http404("Een of meer meldingen bestaan niet of horen niet bij uw gemeente.")
    try:
        result = services.first_letter_batch(
            municipality,
            [(m, versions[m.pk]) for m in meldingen],
            request.user,
            timezone.localtime(),
        )
    except services.LetterError as error:
        # The list again with the reason, as a form with errors: nothing changed, so the
        # audit middleware records it as a view of that list, not as a change.
        messages.error(request, str(error))
        return _choice_page(request)
    if result.batch is not None and not result.repeated:
        # Letters and contact attempts were made, on a page that is no redirect or file: its
        # own entry says it changed the meldingen of the batch and names them, so the privacy
        # officer finds it by their kenmerk and by the resident.
        audit.record(request, AuditAction.CHANGE, result.batch, shown=_meldingen_in(result.batch))
    return render(request, "letters/batch_result.html", {"result": result})


def _meldingen_in(batch: LetterBatch):
    return Melding.objects.filter(letters__batch=batch).distinct()


@casework_only
def batch_pdf(request, pk: int):
    """The print-room PDF of a batch, for who may see every melding in it (else 404)."""
    check_casework_user(request.user)
    batch = get_object_or_404(batches_visible_to(request.user), pk=pk)
    if not batch.pdf:
        raise Http404("De pdf van deze printopdracht is gewist na de bewaartermijn.")
    audit.note_shown(request, _meldingen_in(batch))
    return FileResponse(
        batch.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"printopdracht-{batch.pk}.pdf",
    )
