"""The creditor's feedback pages and the municipality's overview of what is due.

Creditor staff see only feedback about their own creditor's signals and only their own heropaf
checks: everything is looked up with the user's creditor in the query, so another creditor's id
in the URL is answered with 404. What a feedback item contains is decided in permitted.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from vroegsignaal.dutch_text import listed
from vroegsignaal.feedback import display, timing
from vroegsignaal.feedback.forms import FeedbackFilterForm, HeropafAnswerForm
from vroegsignaal.feedback.heropaf_checks import (
    ALREADY_ANSWERED,
    HeropafAnswerError,
    answer_check,
    unanswered_overdue,
    visible_checks,
)
from vroegsignaal.feedback.listing import (
    DOWNLOAD_HEADER,
    FeedbackFilters,
    awaiting_rows,
    download_rows,
    own_municipalities,
    signals_awaiting_feedback,
    signals_with_feedback,
    summaries,
)
from vroegsignaal.feedback.models import FeedbackKind, HeropafCheck
from vroegsignaal.feedback.permitted import (
    feedback_item,
    may_learn_known_status,
    own_customer_number,
)
from vroegsignaal.feedback.release import last_release
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Creditor, Role
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.policy import role_required
from vroegsignaal.web.downloads import csv_response, xlsx_response

SIGNALS_PER_PAGE = 50
ANSWERED_PER_PAGE = 25

creditor_staff_only = role_required(Role.CREDITOR_STAFF)


def _filtered(request) -> tuple[FeedbackFilterForm, FeedbackFilters | None]:
    """The filter form and its filters; None while a field is wrong, so that nothing unfiltered
    is listed or downloaded to someone who asked for a part ("sinds mijn vorige download")."""
    form = FeedbackFilterForm(
        request.GET or None, municipalities=list(own_municipalities(request.user))
    )
    if form.is_bound and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    filters = FeedbackFilters(
        customer_number=data.get("klantnummer", ""),
        released_from=data.get("vrijgegeven_vanaf"),
        municipality_id=form.municipality_id() if form.is_bound else None,
    )
    return form, filters


@creditor_staff_only
def signals(request):
    """The creditor's signals with the feedback released about them, newest signal first."""
    form, filters = _filtered(request)
    if filters is None:
        return render(request, "feedback/signals.html", {"form": form, "filtered": True})
    page = Paginator(signals_with_feedback(request.user, filters), SIGNALS_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    rows = summaries(request.user, list(page.object_list))
    audit.note_shown(request, page.object_list)
    awaiting = signals_awaiting_feedback(request.user, filters)
    audit.note_shown(request, awaiting)
    context = {
        "page": page,
        "rows": rows,
        "awaiting": awaiting_rows(awaiting, timezone.localdate()),
        "form": form,
        "filtered": filters != FeedbackFilters(),
        "known_shared": may_learn_known_status(request.user.creditor_id),
        "outcome_date_label": display.OUTCOME_DATE_LABEL,
        "last_released_label": display.LAST_RELEASED_LABEL,
        "last_release": last_release(),
        "municipality_label": display.MUNICIPALITY_LABEL,
    }
    return render(request, "feedback/signals.html", context)


@creditor_staff_only
def download(request, fmt: str):
    """Every signal of the list (under the same filters) as one CSV or Excel file; with a wrong
    filter, back to the list that explains it."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Kies CSV of Excel.")
    _, filters = _filtered(request)
    if filters is None:
        return redirect(f"{reverse('feedback:signals')}?{request.GET.urlencode()}")
    found = signals_with_feedback(request.user, filters)
    audit.note_shown(request, found)
    rows = download_rows(summaries(request.user, found))
    name = f"terugkoppeling-{request.user.creditor.code}-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        return csv_response(f"{name}.csv", DOWNLOAD_HEADER, rows)
    return xlsx_response(f"{name}.xlsx", DOWNLOAD_HEADER, rows, sheet_name="Terugkoppeling")


@creditor_staff_only
def signal(request, pk: int):
    """One signal: every go/no-go and outcome released about it; a corrected go/no-go shows
    the current one, with the ones it replaced below it (the creditor was told those)."""
    found = get_object_or_404(signals_with_feedback(request.user), pk=pk)
    items = [
        feedback_item(feedback)
        for feedback in found.feedback.filter(creditor_id=request.user.creditor_id)
    ]  # in order of release
    *earlier, go = [item for item in items if item["kind"] == FeedbackKind.GO_NO_GO] or [None]
    outcomes = [
        {
            "round": item["contact_round"],
            "rows": display.outcome_rows(item),
            "released_at": item["released_at"],
            "without_contact": display.WITHOUT_CONTACT if display.had_no_contact(item) else "",
        }
        for item in items
        if item["kind"] == FeedbackKind.OUTCOME
    ]
    context = {
        "signal": found,
        "municipality_label": display.MUNICIPALITY_LABEL,
        "customer_number": display.customer_number_text(found.customer_number),
        "customer_number_removed": own_customer_number(found.customer_number) is None,
        "go_no_go": display.go_no_go_text(go) if go else None,
        "corrected_on": display.corrected_on(go),
        "go_released_at": go["released_at"] if go else None,
        "earlier": [
            {"text": display.go_no_go_text(item), "released_at": item["released_at"]}
            for item in reversed(earlier)
        ],
        "known": display.known_text(go) if go else None,
        "outcomes": outcomes,
        "no_outcome": display.no_outcome_text(go),
    }
    return render(request, "feedback/signal.html", context)


def own_customers(signals: list[Signal]) -> list[tuple[str, list]]:
    """Each klantnummer once, with the dates of its signals: two signals of one customer in a
    melding name that customer once (klantnummers in order of their first signal)."""
    dates: dict[str, list] = {}
    for signal in signals:
        dates.setdefault(display.customer_number_text(signal.customer_number), []).append(
            signal.signal_date
        )
    return list(dates.items())


def customers_phrase(customers: list[tuple[str, list]]) -> str:
    """'uw signaal met klantnummer EO-1 (25-12-2025)', or each klantnummer once with its
    signals: 'uw klantnummer EO-1 (signalen van 25-12-2025 en 25-03-2026)'."""
    if not customers:
        return "uw signalen"
    if len(customers) == 1 and len(customers[0][1]) == 1:
        customer, (day,) = customers[0]
        return f"uw signaal met klantnummer {customer} ({day:%d-%m-%Y})"
    parts = []
    for customer, dates in customers:
        days = [f"{day:%d-%m-%Y}" for day in dates]
        parts.append(
            f"{customer} ({'signaal' if len(days) == 1 else 'signalen'} van {listed(days)})"
        )
    return f"uw klantnummer{'' if len(customers) == 1 else 's'} {', '.join(parts)}"


def _with_own_signals(user, checks: list[HeropafCheck], today) -> list[HeropafCheck]:
    """Give each check the creditor's own signals of its melding (klantnummer, signal date)
    and whether its last day to answer has passed."""
    signals_by_melding: dict[int, list[Signal]] = {}
    for own in (
        Signal.objects.filter(
            creditor_id=user.creditor_id,
            melding_link__melding_id__in={check.melding_id for check in checks},
        )
        .order_by("signal_date", "customer_number")
        .select_related("melding_link")
    ):
        signals_by_melding.setdefault(own.melding_link.melding_id, []).append(own)
    for check in checks:
        check.own_signals = signals_by_melding.get(check.melding_id, [])
        check.own_customers = own_customers(check.own_signals)
        check.late = check.answer_due_on < today
    return checks


@creditor_staff_only
def heropaf_checks(request):
    """The heropaf checks to answer (due first, overdue marked), and the ones already answered
    (latest first, by page).

    Each names the creditor's own signals of the melding (klantnummer, signal date) and the
    municipality, so collection staff can find the customer in their own system.
    """
    today = timezone.localdate()
    visible = visible_checks(request.user.creditor, today).select_related(
        "melding__municipality", "answered_by", "answered_by_api_key"
    )
    open_ = list(visible.filter(answer="").order_by("answer_due_on", "id"))
    answered = Paginator(
        visible.exclude(answer="").order_by("-answered_at", "-id"), ANSWERED_PER_PAGE
    ).get_page(request.GET.get("pagina"))
    _with_own_signals(request.user, [*open_, *answered.object_list], today)
    audit.note_shown(request, [check.melding for check in [*open_, *answered.object_list]])
    context = {"open": open_, "page": answered}
    return render(request, "feedback/heropaf_checks.html", context)


@creditor_staff_only
def heropaf_check(request, pk: int):
    """Answer one heropaf check: are regular payments made again, and what is still open?

    An answered check opens read-only (who answered, when, what), for a colleague with the
    link or after the back button; an answer cannot be replaced."""
    today = timezone.localdate()
    check = get_object_or_404(
        visible_checks(request.user.creditor, today).select_related(
            "melding__municipality", "answered_by", "answered_by_api_key"
        ),
        pk=pk,
    )
    posted = request.method == "POST"
    # An empty POST is falsy, yet must still be validated (and explained) as an answer.
    form = HeropafAnswerForm(request.POST if posted and not check.answer else None)
    if posted and check.answer:
        messages.error(request, ALREADY_ANSWERED)
    elif posted and form.is_valid():
        try:
            answer_check(
                check,
                form.cleaned_data["answer"],
                form.amount_open_cents(),
                user=request.user,
                today=today,
            )
        except HeropafAnswerError as error:
            form.add_error(None, str(error))
        else:
            check.refresh_from_db()
            _with_own_signals(request.user, [check], today)
            customers = ", ".join(customer for customer, _ in check.own_customers)
            messages.success(
                request,
                f"Uw antwoord op heropafvraag {check.pk}"
                f"{f' ({customers})' if customers else ''} is opgeslagen: "
                f"{check.get_answer_display()}.",
            )
            return redirect("feedback:heropaf_checks")
    _with_own_signals(request.user, [check], today)
    customers = customers_phrase(check.own_customers)
    context = {"check": check, "form": form, "customers": customers}
    return render(request, "feedback/heropaf_check.html", context)


@role_required(Role.INTAKE)
def overview(request):
    """The municipality's view: per creditor what feedback is open and overdue."""
    municipality = request.user.municipality
    rows = timing.overview(municipality, timezone.localdate()) if municipality else []
    return render(request, "feedback/overview.html", {"rows": rows, "municipality": municipality})


@role_required(Role.INTAKE)
def overdue_heropaf(request, creditor_pk: int):
    """The meldingen behind the overview's 'Heropaf niet beantwoord (verlopen)' of one creditor,
    in the meldpunt's own municipality: whom to chase, and which meldingen the check of
    domain.md step 9 has not reached (QA15 B5)."""
    creditor = get_object_or_404(Creditor, pk=creditor_pk)
    municipality = request.user.municipality
    checks = (
        unanswered_overdue(municipality.pk, timezone.localdate())
        .filter(creditor=creditor)
        .order_by("answer_due_on", "id")
        if municipality
        else HeropafCheck.objects.none()
    )
    context = {"creditor": creditor, "municipality": municipality, "checks": checks}
    return render(request, "feedback/overdue_heropaf.html", context)
