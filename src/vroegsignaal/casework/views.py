"""The casework pages: the werkbakjes, the melding page and one page per action.

Views are thin: they check access (casework.access), read a form and call one service. A rule
violation or a stale edit comes back as a Dutch message above the form, never as an error page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vroegsignaal.casework import (
    assignment,
    contact,
    conversation,
    heropaf,
    not_resident,
    payments,
    results,
    search,
)
from vroegsignaal.casework.access import (
    chosen_beforehand,
    colleague_label,
    colleagues_of,
    get_melding_for,
    meldingen_visible_to,
)
from vroegsignaal.casework.contradictions import CONFIRM_FIELD, contradictions
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.forms import (
    AssignForm,
    BudgetLineForm,
    ContactAttemptForm,
    ConversationForm,
    MoveHandoverForm,
    NotResidentForm,
    PlanForm,
    ReferralForm,
    ResultForm,
    VersionedForm,
    WorklistFilterForm,
    assign_form_for,
    budget_line_initial,
    initial_contact_attempt,
    plan_initial,
)
from vroegsignaal.casework.handovers import due_handovers, handover_to, move_handover
from vroegsignaal.casework.lifecycle import State, TransitionNotAllowed
from vroegsignaal.casework.melding_page import melding_context
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.persons import persons_of
from vroegsignaal.casework.policy import policy_for
from vroegsignaal.casework.worklist import (
    HEROPAF_QUEUE,
    OUT_OF_SIGHT,
    WorklistFilters,
    due_header,
    out_of_sight_count,
    queue_counts,
    worklist,
    worklist_rows,
)
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Role
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.privacy.pages import search_description
from vroegsignaal.privacy.policy import role_required

MELDINGEN_PER_PAGE = 50
casework_only = role_required(Role.INTAKE, Role.CASEWORKER)
_RULE_ERRORS = (CaseworkError, TransitionNotAllowed)


def _filters(form: WorklistFilterForm) -> WorklistFilters:
    # A filter that cannot be read gets its message at the field; the others still apply.
    data = {}
    if form.is_bound:
        form.is_valid()  # cleaned_data then holds every field that could be read
        data = form.cleaned_data
    return WorklistFilters(
        queue=data.get("werkbakje", ""),
        postcode=data.get("postcode", ""),
        partner_type=data.get("soort", ""),
        min_amount_cents=data.get("bedrag_vanaf"),
        flags=tuple(data.get("kenmerken", ())),
        deadline=data.get("termijn", ""),
        assigned=data.get("toegewezen", ""),
    )


@casework_only
def worklist_page(request):
    """The werkbakjes with counts and the filtered, paginated worklist; POST assigns in bulk."""
    if request.method == "POST":
        return _bulk_assign(request)
    return _worklist(request)


def _worklist(request, *, assign_errors: dict[str, str] | None = None, ticked=(), chosen=None):
    """The worklist page; after a refused assignment with the errors at the list
    (``assign_errors["meldingen"]``) and the field (``["medewerker"]``), and the ticked
    meldingen and the chosen colleague as the user left them."""
    today = timezone.localdate()
    counts = queue_counts(request.user, today)
    form = WorklistFilterForm(request.GET or None, queue_choices=[(c.key, c.name) for c in counts])
    filters = _filters(form)
    page = Paginator(worklist(request.user, filters, today), MELDINGEN_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    audit.note_shown(request, page.object_list)
    handovers = due_handovers(request.user, today)
    audit.note_shown(request, [handover.melding for handover in handovers])
    heropaf = next(c for c in counts if c.key == HEROPAF_QUEUE)
    rows = worklist_rows(page.object_list, filters.queue, today)
    context = {
        "counts": counts,
        # Planned warm hand-overs whose day has come: did they take place? (casework.handovers)
        "due_handovers": handovers,
        "form": form,
        "page": page,
        # Without a chosen werkbakje the list holds the open meldingen; the Heropaf row counts
        # closed meldingen whose heropaf is due, so the totals of the overview differ.
        "heropaf_left_out": 0 if filters.queue else heropaf.open,
        # The meldpunt hands meldingen out again; a caseworker has the filter and the list.
        "out_of_sight": out_of_sight_count(request.user) if request.user.role == Role.INTAKE else 0,
        "out_of_sight_filter": OUT_OF_SIGHT,
        "due_header": due_header(filters.queue),
        "active_filters": filters.active,
        "rows": rows,
        # No bulk-assign controls when no row on the page can be assigned (the Heropaf queue).
        "any_assignable": any(row.assignable for row in rows),
        "today": today,
        "colleagues": [
            (colleague.pk, colleague_label(colleague, request.user))
            for colleague in colleagues_of(request.user)
        ],
        "chosen_colleague": chosen_beforehand(request.user) if chosen is None else chosen,
        "assign_errors": assign_errors or {},
        "ticked": set(ticked),
    }
    return render(request, "casework/worklist.html", context)


@casework_only
def search_page(request):
    """Find meldingen (open or closed, any period) by kenmerk, address or surname."""
    text = request.GET.get("q", "").strip()
    context = {"text": text, "page": None, "error": ""}
    if text:
        try:
            wanted = search.parse(text)
        except search.SearchError as error:
            context["error"] = str(error)
            _audit_search(request, text, "niet uitgevoerd")
        else:
            found = search.search_meldingen(request.user, wanted)
            page = Paginator(found, MELDINGEN_PER_PAGE).get_page(request.GET.get("pagina"))
            audit.note_shown(request, page.object_list)
            _audit_search(request, text, f"op {wanted.kind}, {page.paginator.count} gevonden")
            context |= {
                "page": page,
                "kind": wanted.kind,
                "nothing_found": search.nothing_found(wanted),
                "rows": [
                    (m, search.resident_names(m), State(m.state).label) for m in page.object_list
                ],
            }
    return render(request, "casework/search.html", context)


def _audit_search(request, text: str, outcome: str) -> None:
    """The privacy officer reads who searched for what: the terms as typed, not URL-encoded,
    in the description only (`audit.record` keeps the page without them), where retention
    erases them (privacy.search_text_erasure)."""
    shown = text if len(text) <= search.MAX_LENGTH else f"{text[: search.MAX_LENGTH]}…"
    audit.record(request, AuditAction.VIEW, search_description(shown, outcome))


NO_MELDING_TICKED = "Meldingen: vink minstens één melding aan om toe te wijzen."
NO_COLLEAGUE_CHOSEN = "Gekozen meldingen toewijzen aan: kies een medewerker."
UNKNOWN_COLLEAGUE = (
    "Gekozen meldingen toewijzen aan: kies een medewerker van uw gemeente uit de lijst."
)


def _bulk_assign(request):
    back = redirect(request.get_full_path())
    versions = dict(_parse_selection(request.POST.getlist("melding")))
    chosen = request.POST.get("medewerker", "")
    to_user = colleagues_of(request.user).filter(pk=chosen).first() if chosen.isdigit() else None
    errors = {}
    if not versions:
        errors["meldingen"] = NO_MELDING_TICKED
    if to_user is None:
        errors["medewerker"] = UNKNOWN_COLLEAGUE if chosen else NO_COLLEAGUE_CHOSEN
    if errors:
        # Shown on the list itself, not after a redirect: the ticks and the choice stay.
        chosen_pk = to_user.pk if to_user else ""
        return _worklist(request, assign_errors=errors, ticked=versions, chosen=chosen_pk)
    visible = meldingen_visible_to(request.user).select_related("queue__team")
    meldingen = list(visible.filter(pk__in=versions))
    if len(meldingen) != len(versions):
        raise Http404("Een of meer meldingen bestaan niet of horen niet bij uw gemeente.")
    try:
        count = assignment.bulk_assign(
            [(m, versions[m.pk]) for m in meldingen], to_user, request.user
        )
    except CaseworkError as error:
        _refused(request, str(error))
    else:
        # The change names the meldingen, so the privacy officer finds it by each kenmerk.
        audit.note_shown(request, meldingen)
        name = to_user.display_name
        what = "1 melding" if count == 1 else f"{count} meldingen"
        messages.success(request, f"{what} toegewezen aan {name}.")
    return back


def _parse_selection(values: list[str]):
    # Each checkbox carries "id:version", so a melding changed since the list was shown is refused.
    for value in values:
        pk, _, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            yield int(pk), int(version)


@casework_only
def melding_page(request, pk: int):
    """Everything about one melding, with forms for only the allowed actions."""
    melding = get_melding_for(request.user, pk)
    context = melding_context(melding, timezone.localdate(), request.user)
    # The page names the other meldingen at the address with their kenmerk and result.
    audit.note_shown(request, [other for other, _ in context["at_address"].listed])
    context["assign_form"] = assign_form_for(request.user, melding)
    return render(request, "casework/melding.html", context)


def _action(
    request,
    pk: int,
    form_class,
    perform: Callable,
    *,
    title: str,
    done: str | Callable[[Melding], str],
    template: str = "casework/action.html",
    initial: Callable[[Melding], dict] | None = None,
    form_kwargs: Callable[[Melding], dict] | None = None,
    extra: Callable[[Melding], dict] | None = None,
    back: str = "casework:melding",
    check: Callable[[Melding, dict], None] | None = None,
):
    """One action page: show the form, on a valid post call ``perform`` and return to the melding.

    ``done`` is the confirmation, or makes it from the melding after ``perform``; ``back`` is
    the page (of the melding) to return to, after saving or cancelling. ``check`` runs the
    service's rules about single inputs on what could be read of an invalid form (its
    ``cleaned_data``), so that a time in the future is named together with an empty field
    instead of only on the next save."""
    melding = get_melding_for(request.user, pk)
    kwargs = form_kwargs(melding) if form_kwargs else {}
    start = {"version": melding.version, **(initial(melding) if initial else {})}
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, initial=start, **kwargs)
    if posted and form.is_valid():
        try:
            perform(melding, request.user, form)
        except _RULE_ERRORS as error:
            form.add_error(_field_of(error, form), str(error))
        else:
            messages.success(request, done(melding) if callable(done) else done)
            return redirect(back, pk=melding.pk)
    elif posted and check is not None:
        try:
            check(melding, form.cleaned_data)
        except _RULE_ERRORS as error:
            field = _field_of(error, form)
            if not form.has_error(field or NON_FIELD_ERRORS):
                form.add_error(field, str(error))
    context = {
        "melding": melding,
        "back": back,
        "form": form,
        "title": title,
        **(extra(melding) if extra else {}),
    }
    return render(request, template, context)


def _field_of(error: Exception, form) -> str | None:
    # A rule about one input (a date, say) is shown at that field; others above the form.
    field = getattr(error, "field", None)
    return field if field in form.fields else None


def _version(form) -> int:
    return form.cleaned_data["version"]


@casework_only
def contact_attempt_page(request, pk: int):
    """Record a contact attempt (kind, date, part of the day, reached, note)."""

    def perform(melding, user, form):
        data = form.cleaned_data
        contact.record_contact_attempt(
            melding,
            user,
            _version(form),
            kind=data["kind"],
            attempted_on=data["attempted_on"],
            part_of_day=data["part_of_day"],
            moment=data["moment"],
            reached=data["reached"],
            note=data["note"],
            accepted_help=data["accepted_help"],
        )

    def initial(melding):
        channel = melding.queue.first_contact_channel if melding.queue else ""
        return initial_contact_attempt(channel, melding.version)

    def check(melding, data):
        if data.get("attempted_on") is not None:
            contact.check_attempt_time(
                melding,
                data["attempted_on"],
                part_of_day=data.get("part_of_day") or None,
                moment=data.get("moment"),
            )

    return _action(
        request,
        pk,
        ContactAttemptForm,
        perform,
        title="Contactpoging vastleggen",
        done="De contactpoging is vastgelegd.",
        initial=initial,
        check=check,
    )


@casework_only
def conversation_page(request, pk: int):
    """Record a conversation: help offered and accepted, voorzieningencheck, cause, domains."""

    def perform(melding, user, form):
        data = form.cleaned_data
        conversation.record_conversation(
            melding,
            user,
            _version(form),
            held_on=data["held_on"],
            help_offered=data["help_offered"],
            help_accepted=data["help_accepted"],
            cause=data["cause"],
            other_domains=data["other_domains"],
            provisions=form.provisions(),
            note=data["note"],
        )

    def check(melding, data):
        if data.get("held_on") is not None:
            conversation.check_held_on(melding, data["held_on"])

    return _action(
        request,
        pk,
        ConversationForm,
        perform,
        title="Gesprek vastleggen",
        done="Het gesprek is vastgelegd.",
        template="casework/conversation.html",
        check=check,
    )


def _budget_line_data(form) -> dict:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "description": data["description"],
        "monthly_cents": data["monthly_cents"],
    }


def _budget_extra(melding) -> dict:
    lines = list(melding.budget_lines.all())
    return {"lines": lines, "balance_cents": conversation.monthly_balance(lines)}


@casework_only
def budget_page(request, pk: int):
    """The budget scan: the lines so far with the monthly balance, each to change or remove,
    and a form to add a line; adding one stays on this page for the next."""

    def perform(melding, user, form):
        conversation.add_budget_line(melding, user, _version(form), **_budget_line_data(form))

    return _action(
        request,
        pk,
        BudgetLineForm,
        perform,
        title="Budgetscan",
        done="De regel is toegevoegd aan de budgetscan.",
        template="casework/budget.html",
        extra=_budget_extra,
        back="casework:budget",
    )


def _budget_line_of(melding, line_pk: int):
    line = melding.budget_lines.filter(pk=line_pk).first()
    if line is None:
        raise Http404("Deze regel hoort niet bij de budgetscan van deze melding.")
    return line


@casework_only
def budget_line_page(request, pk: int, line_pk: int):
    """Change one line of the budget scan, then back to the budget scan."""
    line = _budget_line_of(get_melding_for(request.user, pk), line_pk)

    def perform(melding, user, form):
        data = _budget_line_data(form)
        conversation.change_budget_line(melding, user, _version(form), line, **data)

    return _action(
        request,
        pk,
        BudgetLineForm,
        perform,
        title=f"Regel '{line.description}' van de budgetscan wijzigen",
        done="De regel van de budgetscan is gewijzigd.",
        initial=lambda melding: budget_line_initial(line),
        back="casework:budget",
    )


@casework_only
def remove_budget_line_action(request, pk: int, line_pk: int):
    """Remove one line of the budget scan: GET asks to confirm (there is no undo), POST removes
    it; then back to the budget scan."""
    line = _budget_line_of(get_melding_for(request.user, pk), line_pk)

    def perform(melding, user, form):
        conversation.remove_budget_line(melding, user, _version(form), line)

    return _action(
        request,
        pk,
        VersionedForm,
        perform,
        title=f"Regel '{line.description}' verwijderen uit de budgetscan",
        done=f"De regel '{line.description}' is verwijderd uit de budgetscan.",
        template="casework/budget_line_remove.html",
        extra=lambda melding: {"line": line},
        back="casework:budget",
    )


@casework_only
def plan_page(request, pk: int):
    """Record the plan van aanpak, or amend the plan in force (the form starts from it)."""

    def perform(melding, user, form):
        data = form.cleaned_data
        conversation.record_plan(
            melding,
            user,
            _version(form),
            ongoing_payments=form.ongoing_payments(),
            room_to_pay_off=data["room_to_pay_off"],
            problematic_debts=data["problematic_debts"],
            debt_help_started=data["debt_help_started"],
            debt_help_started_on=data["debt_help_started_on"],
            note=data["note"],
        )

    return _action(
        request,
        pk,
        PlanForm,
        perform,
        title="Plan van aanpak",
        done=lambda melding: (
            "Het plan van aanpak is gewijzigd."
            if melding.plans.count() > 1
            else "Het plan van aanpak is vastgelegd."
        ),
        initial=lambda melding: plan_initial(conversation.current_plan(melding)),
        form_kwargs=lambda melding: {"creditors": payments.melding_creditors(melding)},
    )


@casework_only
def referral_page(request, pk: int):
    """Refer the resident, with the date of the warm hand-over."""

    def perform(melding, user, form):
        data = form.cleaned_data
        conversation.refer(
            melding,
            user,
            _version(form),
            kind=data["kind"],
            handover_on=data["handover_on"],
            note=data["note"],
        )
        warning = conversation.handover_day_warning(data["handover_on"])
        if warning:
            messages.warning(request, warning)

    return _action(
        request,
        pk,
        ReferralForm,
        perform,
        title="Verwijzing met warme overdracht",
        done="De verwijzing is vastgelegd.",
    )


@casework_only
def move_handover_page(request, pk: int, referral_pk: int):
    """Move the warm hand-over of one referral of the melding to another day."""
    referral = get_melding_for(request.user, pk).referrals.filter(pk=referral_pk).first()
    if referral is None:
        raise Http404("Deze verwijzing hoort niet bij deze melding.")
    to = handover_to(referral)

    def perform(melding, user, form):
        handover_on = form.cleaned_data["handover_on"]
        move_handover(melding, user, _version(form), referral, handover_on)
        warning = conversation.handover_day_warning(handover_on)
        if warning:
            messages.warning(request, warning)

    return _action(
        request,
        pk,
        MoveHandoverForm,
        perform,
        title=f"Warme overdracht naar {to} verzetten",
        done=lambda melding: (
            f"De warme overdracht naar {to} is verzet naar {referral.handover_on:%d-%m-%Y}."
        ),
        initial=lambda melding: {"handover_on": referral.handover_on},
    )


@casework_only
def close_page(request, pk: int):
    """Close the melding with one Eindresultaat; proposes 'geen contact' when the policy says so."""

    def perform(melding, user, form):
        data = form.cleaned_data
        results.close_with_result(
            melding, user, _version(form), data["result"], satisfaction=data["satisfaction"],
            confirmed_contradiction=data.get(CONFIRM_FIELD, False),
        )  # fmt: skip

    def initial(melding):
        attempts = list(melding.contact_attempts.all())
        proposed = contact.proposes_no_contact(melding, attempts, policy_for(melding.municipality))
        return {"result": Eindresultaat.GEEN_CONTACT} if proposed else {}

    def form_kwargs(melding):
        # Only the results that fit the file are offered; the page says why the others are not.
        facts = results.file_facts(melding)
        return {
            "refusals": results.result_refusals(melding, facts),
            "reached": facts.reached,
            # Results that fit but contradict what was recorded: a warning to confirm.
            "contradictions": contradictions(melding, timezone.localdate()),
        }

    return _action(
        request,
        pk,
        ResultForm,
        perform,
        title="Melding afsluiten",
        done="De melding is afgesloten.",
        template="casework/close.html",
        initial=initial,
        form_kwargs=form_kwargs,
    )


def _post_action(
    request,
    pk: int,
    perform: Callable,
    done: str,
    form_class=VersionedForm,
    back: str = "casework:melding",
):
    """A one-button action on a melding's page: perform it or show why not, then ``back``."""
    melding = get_melding_for(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        # A choice left open says so; a missing version means a stale or altered page.
        told = [
            error for name, errors in form.errors.items() if name != "version" for error in errors
        ]
        _refused(request, " ".join(told) or "Het formulier was niet volledig; probeer het opnieuw.")
    else:
        try:
            perform(melding, request.user, form)
        except _RULE_ERRORS as error:
            _refused(request, str(error))
        else:
            messages.success(request, done)
    return redirect(back, pk=melding.pk)


def _refused(request, reason: str) -> None:
    """Say why an action was not done, on the page the redirect goes back to. Nothing changed,
    so the audit log records the post as Bekeken, as a form sent back with its errors."""
    messages.error(request, reason)
    audit.note_unchanged(request)


@require_POST
@casework_only
def assign_action(request, pk: int):
    """Assign the melding to oneself or a colleague of the same municipality."""

    def perform(melding, user, form):
        to_user = form.cleaned_data["medewerker"]
        assignment.assign(melding, to_user, user, _version(form))

    def form_class(data):
        return AssignForm(data, colleagues=colleagues_of(request.user), me=request.user)

    back = ASSIGN_RETURNS_TO.get(request.POST.get("terug", ""), "casework:melding")
    return _post_action(request, pk, perform, "De melding is toegewezen.", form_class, back=back)


# Other pages that offer the assign form, by the form's 'terug' value: after assigning, the user
# is back where she was (the letter page of an unassigned melding, letters.views).
ASSIGN_RETURNS_TO = {"brief": "letters:melding"}


@require_POST
@casework_only
def unassign_action(request, pk: int):
    """Send the melding back to the unassigned queue."""

    def perform(melding, user, form):
        assignment.unassign(melding, user, _version(form))

    return _post_action(request, pk, perform, "De melding is niet meer toegewezen.")


@require_POST
@casework_only
def leave_card_action(request, pk: int, attempt_pk: int):
    """'Kaartje achtergelaten' in one click after a missed home visit."""

    def perform(melding, user, form):
        visit = melding.contact_attempts.filter(pk=attempt_pk).first()
        if visit is None:
            raise Http404("Deze contactpoging hoort niet bij de melding.")
        contact.leave_card(melding, user, _version(form), visit)

    return _post_action(request, pk, perform, f"Het kaartje is {contact.CARD_RECORDED}.")


@casework_only
def confirm_not_resident_page(request, pk: int, signal_pk: int):
    """After the BRP check: the person of one signal is no resident (any more). A page of its
    own: it says what follows for the creditor and asks how it was checked."""
    signal = _signal_of(request.user, pk, signal_pk)

    def perform(melding, user, form):
        data = form.cleaned_data
        not_resident.confirm_not_resident(
            melding, signal, user, _version(form), method=data["method"], note=data["note"]
        )

    return _action(
        request,
        pk,
        NotResidentForm,
        perform,
        title="Bevestig: geen inwoner (meer)",
        done="Bevestigd: de persoon van dit signaal is geen inwoner (meer).",
        template="casework/not_resident.html",
        extra=lambda melding: {
            "signal": signal,
            "person": persons_of([signal])[0],
            "what_follows": not_resident.WHAT_FOLLOWS,
        },
    )


@require_POST
@casework_only
def withdraw_not_resident_action(request, pk: int, signal_pk: int):
    """'Bevestiging intrekken': the signal counts again, while no release told its creditor."""
    signal = _signal_of(request.user, pk, signal_pk)

    def perform(melding, user, form):
        not_resident.withdraw_not_resident(melding, signal, user, _version(form))

    return _post_action(
        request, pk, perform, "De bevestiging is ingetrokken: het signaal telt weer mee."
    )


def _signal_of(user, pk: int, signal_pk: int) -> Signal:
    """A signal of a melding the user may see, or 404."""
    melding = get_melding_for(user, pk)
    signal = (
        Signal.objects.filter(pk=signal_pk, melding_link__melding=melding)
        .select_related("creditor", "melding_link")
        .first()
    )
    if signal is None:
        raise Http404("Dit signaal hoort niet bij de melding.")
    return signal


@require_POST
@casework_only
def reopen_action(request, pk: int):
    """Heropaf without regular payments: reopen for a new contact round."""

    def perform(melding, user, form):
        heropaf.reopen_by_heropaf(melding, user, _version(form))

    return _post_action(
        request, pk, perform, "De melding is heropend voor een nieuwe contactronde."
    )


@require_POST
@casework_only
def complete_heropaf_action(request, pk: int):
    """Heropaf with regular payments: nothing more to do."""

    def perform(melding, user, form):
        heropaf.complete_heropaf(melding, user, _version(form))

    return _post_action(request, pk, perform, "De heropaf is afgerond: de betalingen lopen weer.")


@require_POST
@casework_only
def close_heropaf_unanswered_action(request, pk: int):
    """Heropaf closed without the signal partners' answer: nobody established regular payments."""

    def perform(melding, user, form):
        heropaf.close_heropaf_unanswered(melding, user, _version(form))

    return _post_action(
        request,
        pk,
        perform,
        "De heropaf is afgerond zonder antwoord van de signaalpartner. Komt er nog een 'nee', "
        "dan wordt de melding heropend.",
    )
