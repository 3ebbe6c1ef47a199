"""The creditor's feedback pages and the municipality's overview of what is due.

Creditor staff see only feedback about their own creditor's signals and only their own heropaf
checks: everything is looked up with the user's creditor in the query, so another creditor's id
in the URL is answered with 404. What a feedback item contains is decided in permitted.py.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from vroegsignaal.feedback import display, timing
from vroegsignaal.feedback.forms import HeropafAnswerForm
from vroegsignaal.feedback.heropaf_checks import (
    HeropafAnswerError,
    answer_check,
    open_checks,
    visible_checks,
)
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.permitted import feedback_item
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Role
from vroegsignaal.privacy.policy import role_required

SIGNALS_PER_PAGE = 50

creditor_staff_only = role_required(Role.CREDITOR_STAFF)


def _signals_with_feedback(user):
    return (
        Signal.objects.filter(creditor_id=user.creditor_id, feedback__isnull=False)
        .distinct()
        .order_by("-signal_date", "-id")
    )


def _summaries(user, signals) -> list[dict]:
    """Per signal: its latest go/no-go and latest outcome, in the words of display.py."""
    latest: dict[int, dict] = defaultdict(dict)
    feedback = SignalFeedback.objects.filter(
        creditor_id=user.creditor_id, signal__in=signals
    ).select_related("signal")
    for item in map(feedback_item, feedback):
        latest[item["signal_id"]][item["kind"]] = item
    return [_summary(signal, latest[signal.pk]) for signal in signals]


def _summary(signal: Signal, items: dict) -> dict:
    go = items.get(FeedbackKind.GO_NO_GO)
    outcome = items.get(FeedbackKind.OUTCOME)
    return {
        "signal": signal,
        "go_no_go": display.go_no_go_text(go) if go else None,
        "known": display.known_text(go) if go else None,
        "outcome": display.outcome_rows(outcome) if outcome else None,
        "no_outcome_expected": _no_outcome_expected(go),
    }


def _no_outcome_expected(go: dict | None) -> bool:
    """A signal that was not picked up gets no outcome; one without go/no-go may still."""
    return bool(go) and not go["picked_up"]


@creditor_staff_only
def signals(request):
    """The creditor's signals with the feedback released about them, newest signal first."""
    page = Paginator(_signals_with_feedback(request.user), SIGNALS_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    rows = _summaries(request.user, list(page.object_list))
    return render(request, "feedback/signals.html", {"page": page, "rows": rows})


@creditor_staff_only
def signal(request, pk: int):
    """One signal: every go/no-go and outcome released about it."""
    found = get_object_or_404(_signals_with_feedback(request.user), pk=pk)
    items = [
        feedback_item(feedback)
        for feedback in found.feedback.filter(creditor_id=request.user.creditor_id)
    ]
    go = next((item for item in items if item["kind"] == FeedbackKind.GO_NO_GO), None)
    outcomes = [
        {"round": item["contact_round"], "rows": display.outcome_rows(item)}
        for item in items
        if item["kind"] == FeedbackKind.OUTCOME
    ]
    context = {
        "signal": found,
        "go_no_go": display.go_no_go_text(go) if go else None,
        "known": display.known_text(go) if go else None,
        "outcomes": outcomes,
        "no_outcome_expected": _no_outcome_expected(go),
    }
    return render(request, "feedback/signal.html", context)


@creditor_staff_only
def heropaf_checks(request):
    """The heropaf checks to answer, and the ones already answered."""
    checks = visible_checks(request.user.creditor, timezone.localdate()).order_by(
        "answer_due_on", "id"
    )
    context = {
        "open": [c for c in checks if not c.answer],
        "answered": [c for c in checks if c.answer],
    }
    return render(request, "feedback/heropaf_checks.html", context)


@creditor_staff_only
def heropaf_check(request, pk: int):
    """Answer one heropaf check: are regular payments made again, and what is still open?"""
    today = timezone.localdate()
    check = get_object_or_404(open_checks(request.user.creditor, today), pk=pk)
    posted = request.method == "POST"
    # An empty POST is falsy, yet must still be validated (and explained) as an answer.
    form = HeropafAnswerForm(request.POST if posted else None)
    if posted and form.is_valid():
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
            messages.success(request, "Dank u wel. Uw antwoord op de heropafvraag is opgeslagen.")
            return redirect("feedback:heropaf_checks")
    own_signals = Signal.objects.filter(
        creditor_id=request.user.creditor_id, melding_link__melding_id=check.melding_id
    ).order_by("signal_date")
    context = {"check": check, "form": form, "signals": own_signals}
    return render(request, "feedback/heropaf_check.html", context)


@role_required(Role.INTAKE)
def overview(request):
    """The municipality's view: per creditor what feedback is open and overdue."""
    municipality = request.user.municipality
    rows = timing.overview(municipality, timezone.localdate()) if municipality else []
    return render(request, "feedback/overview.html", {"rows": rows, "municipality": municipality})
