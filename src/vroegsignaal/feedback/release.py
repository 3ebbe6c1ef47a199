"""The release of due feedback to creditors, and the e-mail digest that announces it.

``release_due_feedback`` (run by `vroegsignaal release-feedback`) stores, in one batch:
go/no-go for every matched signal that has none yet, a correction for every released go/no-go
that the signal's status no longer supports (a re-run of matching turned it), and the outcome
for every signal whose current go/no-go is a go and whose melding was closed in its current
contact round. For those meldingen it plans the heropaf
(casework's ``schedule_heropaf``) and the heropaf checks. Then each creditor contact gets one
e-mail with counts and a link: never a name, address, amount or other personal detail.
A heropaf question is announced in exactly one digest (``HeropafCheck.announced_in``), however
often the job runs, and reminded of in at most one more after its answer term
(``HeropafCheck.reminded_in``).
"""

from __future__ import annotations

import logging
import smtplib
from collections import Counter, defaultdict
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from vroegsignaal.casework.heropaf import heropaf_applies, schedule_heropaf
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import ContactAttempt, Conversation, Melding, Plan
from vroegsignaal.casework.policy import calendar_for
from vroegsignaal.casework.signal_status import (
    confirmed_not_resident_q,
    no_longer_resident_or_died_in_first_round_q,
)
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.dutch_numbers import counted
from vroegsignaal.feedback import permitted
from vroegsignaal.feedback.heropaf_checks import overdue, plan_checks
from vroegsignaal.feedback.models import (
    FeedbackKind,
    FeedbackRelease,
    HeropafAnswer,
    HeropafCheck,
    SignalFeedback,
)
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Agreement, Creditor, Role, User

logger = logging.getLogger(__name__)

# The count of corrected go/no-go in a release's summary and digest, apart from the first ones.
CORRECTION = "go_no_go_correction"
# The count of heropaf questions reminded of after their answer term (``reminded_in``).
HEROPAF_REMINDER = "heropaf_reminder"


def _sharing_agreements(today: date) -> set[tuple[int, int]]:
    return set(
        Agreement.objects.valid_on(today)
        .filter(share_known_client_status=True)
        .values_list("creditor_id", "municipality_id")
    )


def _go_no_go_item(
    signal: Signal, release: FeedbackRelease, sharing: set, corrects: SignalFeedback | None = None
) -> SignalFeedback:
    return SignalFeedback(
        signal=signal,
        creditor_id=signal.creditor_id,
        release=release,
        kind=FeedbackKind.GO_NO_GO,
        content=permitted.go_no_go(
            signal.status, (signal.creditor_id, signal.municipality_id) in sharing
        ),
        released_at=release.released_at,
        corrects=corrects,
    )


def _release_go_no_go(release: FeedbackRelease, today: date) -> list[SignalFeedback]:
    sharing = _sharing_agreements(today)
    signals = (
        Signal.objects.filter(melding_link__isnull=False)
        .exclude(status=Signaalstatus.NOG_NIET_OPGEPAKT)
        .exclude(feedback__kind=FeedbackKind.GO_NO_GO)
        .only("id", "creditor_id", "municipality_id", "status")
    )
    items = [_go_no_go_item(signal, release, sharing) for signal in signals]
    items += [_go_no_go_item(old.signal, release, sharing, old) for old in _overtaken()]
    return SignalFeedback.objects.bulk_create(items, batch_size=1000)


def current_go_no_go():
    """Each signal's go/no-go as the creditor has it now: the latest, never corrected since."""
    return SignalFeedback.objects.filter(kind=FeedbackKind.GO_NO_GO, correction__isnull=True)


def go_no_go_released_since(signal: Signal, moment: datetime) -> FeedbackRelease | None:
    """The first release since ``moment`` that told ``signal``'s creditor its go/no-go, first
    or corrected; None while nothing was. Casework asks it before withdrawing what the
    creditor may already have heard (``casework.not_resident``)."""
    told = (
        SignalFeedback.objects.filter(
            signal=signal, kind=FeedbackKind.GO_NO_GO, released_at__gte=moment
        )
        .select_related("release")
        .order_by("released_at", "id")
        .first()
    )
    return told.release if told else None


def _overtaken() -> list[SignalFeedback]:
    """The current go/no-go items that the signal's status no longer supports.

    A re-run of matching (say on a corrected BRP extract) changes the statuses of an untouched
    melding: a no-go becomes a go (the melding returns to the queue; corrected even when it is
    worked before the next release), a go a no-go, or one signal of a go melding gets another
    reason. A caseworker who closes a go melding nobody picked up with a 'not picked up' result
    (e.g. 'Inwoner is overleden') turns its go into that no-go too. Once the melding was picked
    up, closing it with such a result is told as its outcome: that is no correction; except
    'Persoon is geen inwoner (meer)' and 'Inwoner is overleden' in the first contact round,
    which the creditor hears as it hears the BRP check's (casework's
    ``no_longer_resident_or_died_in_first_round``, which the melding page reads too): a crisis
    signal the BRP did not find stays a go until a caseworker confirms it, often after a missed
    home visit (matching.md, BRP). An outcome would say nothing, and a heropaf would follow up
    on nobody. After a heropaf it is the new round's outcome. So is one signal a caseworker
    confirmed as 'geen inwoner (meer)' while the melding goes on for the others
    (``confirmed_not_resident_q``).

    The query keeps to those cases (not every no-go ever released); the exact test is whether
    the status, told under the agreement setting of the release being corrected, now reads
    differently. So a changed agreement is no correction: it changes what a new release would
    say, not what the creditor was rightly told.
    """
    go = Q(signal__status=Signaalstatus.OPGEPAKT)
    never_picked_up = Q(signal__melding_link__melding__picked_up_on__isnull=True)
    closed = Q(signal__melding_link__melding__state=State.CLOSED)
    gone = no_longer_resident_or_died_in_first_round_q("signal__melding_link__melding__")
    confirmed = confirmed_not_resident_q("signal__")
    go_turned = Q(content__picked_up=True) & ~go & (never_picked_up | gone | confirmed)
    no_go_turned = Q(content__picked_up=False) & (go | ~closed)
    candidates = current_go_no_go().filter(
        go_turned | no_go_turned, signal__melding_link__isnull=False
    )
    return [
        item
        for item in candidates.select_related("signal")
        if item.signal.status != Signaalstatus.NOG_NIET_OPGEPAKT
        and permitted.go_no_go(item.signal.status, item.content["known_to_debt_help"] is not None)
        != item.content
    ]


def _outcome_candidates() -> dict[Melding, list[Signal]]:
    # Plain joins and one NOT EXISTS, no nested IN: PostgreSQL planned the nested form (current
    # go/no-go inside the signals inside the outcomes) as nested loops that ran for many minutes
    # before ANALYZE. The outcome already told in the melding's current round is left out in
    # the query, so a release does not read every signal ever told.
    told = SignalFeedback.objects.filter(
        kind=FeedbackKind.OUTCOME,
        signal_id=OuterRef("pk"),
        contact_round=OuterRef("melding_link__melding__contact_round"),
    )
    signals = (
        Signal.objects.filter(
            feedback__kind=FeedbackKind.GO_NO_GO,
            feedback__content__picked_up=True,
            feedback__correction__isnull=True,  # the current go/no-go (current_go_no_go)
            melding_link__melding__state=State.CLOSED,
        )
        .exclude(Exists(told))
        .exclude(Exists(_said_payments_run()))
        # The municipality and its policy come along: the heropaf date reads its terms.
        .select_related("creditor", "melding_link__melding__municipality__casework_policy")
    )
    by_melding: dict[Melding, list[Signal]] = defaultdict(list)
    for signal in signals:
        by_melding[signal.melding_link.melding].append(signal)
    return by_melding


def _said_payments_run():
    """The signal's creditor answered 'ja' to the heropaf question of an earlier round of its
    melding, asked after the signal's date: a later round is not that creditor's business. Its
    outcome and a new heropaf question would tell it that the resident has arrears elsewhere
    (domain.md step 8; AVG data minimisation), about a customer it said pays (QA15 B2). A
    creditor that did not answer, or said 'nee', hears of the new round; so does a signal of
    the creditor dated after its 'ja' (new arrears)."""
    return HeropafCheck.objects.filter(
        melding=OuterRef("melding_link__melding"),
        creditor=OuterRef("creditor"),
        contact_round__lt=OuterRef("melding_link__melding__contact_round"),
        asked_on__gte=OuterRef("signal_date"),
        answer=HeropafAnswer.YES,
    )


def _in_current_round(model: type[models.Model], meldingen: list[Melding]) -> dict[int, list]:
    """The rows of ``model`` in each melding's current contact round, by melding id, in the
    model's order: one query for a whole release instead of one per melding."""
    rows = defaultdict(list)
    in_round = model.objects.filter(
        melding__in=[melding.pk for melding in meldingen], contact_round=F("melding__contact_round")
    )
    for row in in_round:
        rows[row.melding_id].append(row)
    return rows


def _release_outcomes(release: FeedbackRelease) -> list[SignalFeedback]:
    items = []
    candidates = _outcome_candidates()
    meldingen = list(candidates)
    reached = permitted.reached_among(meldingen)
    conversations = _in_current_round(Conversation, meldingen)
    plans = _in_current_round(Plan, meldingen)
    attempts = _in_current_round(ContactAttempt, meldingen)
    # The heropaf dates count each municipality's working days: read once per municipality.
    calendars = {pk: calendar_for(pk) for pk in {melding.municipality_id for melding in meldingen}}
    for melding, signals in candidates.items():
        round_ = melding.contact_round
        conversation = conversations[melding.pk][-1] if conversations[melding.pk] else None
        plan = plans[melding.pk][-1] if plans[melding.pk] else None
        contact = permitted.contact_in_round(melding, melding.pk in reached, attempts[melding.pk])
        items += [
            SignalFeedback(
                signal=signal,
                creditor=signal.creditor,
                release=release,
                kind=FeedbackKind.OUTCOME,
                contact_round=round_,
                content=permitted.outcome(
                    signal.creditor, melding.closed_on, conversation, plan, contact
                ),
                released_at=release.released_at,
            )
            for signal in signals
        ]
        # A go melding closed before anyone picked it up (e.g. the resident died) has an
        # outcome to tell but nobody to follow up.
        if heropaf_applies(melding):
            calendar = calendars[melding.municipality_id]
            heropaf_on = schedule_heropaf(melding, release.released_on, calendar)
            plan_checks(melding, {signal.creditor for signal in signals}, heropaf_on, calendar)
    return SignalFeedback.objects.bulk_create(items, batch_size=1000)


def _announce_heropaf_questions(release: FeedbackRelease, today: date) -> Counter:
    """Mark the open questions whose heropaf date has come and that no digest announced yet
    as announced by ``release``; their number per creditor goes into its digest.

    The mark, not the date, decides: a second run on the same day finds nothing new, and a
    digest that could not be sent gives its questions back (``_unannounce``). Locked, so two
    runs at once cannot both announce a question."""
    checks = dict(
        HeropafCheck.objects.select_for_update()
        .filter(asked_on__lte=today, answer="", announced_in__isnull=True)
        .values_list("pk", "creditor_id")
    )
    HeropafCheck.objects.filter(pk__in=checks).update(announced_in=release)
    return Counter(checks.values())


def _remind_overdue_questions(release: FeedbackRelease, today: date) -> Counter:
    """Mark the announced questions still unanswered after their answer term as reminded by
    ``release``, once each; their number per creditor goes into its digest (QA15 B5: a
    question open for months means the municipality's check of domain.md step 9 does not
    happen). Only questions of the melding's current round: after another partner's 'nee'
    reopened it, the new round asks again. Locked, as ``_announce_heropaf_questions``."""
    checks = dict(
        overdue(today)
        .select_for_update()
        .filter(
            announced_in__isnull=False,
            reminded_in__isnull=True,
            contact_round=F("melding__contact_round"),
        )
        .values_list("pk", "creditor_id")
    )
    HeropafCheck.objects.filter(pk__in=checks).update(reminded_in=release)
    return Counter(checks.values())


def _unannounce(release: FeedbackRelease, creditor_codes: list[str]) -> None:
    """The questions of a digest that did not go out: the next release announces them, and
    reminds of those it reminded of."""
    HeropafCheck.objects.filter(announced_in=release, creditor__code__in=creditor_codes).update(
        announced_in=None
    )
    HeropafCheck.objects.filter(reminded_in=release, creditor__code__in=creditor_codes).update(
        reminded_in=None
    )


def last_release() -> datetime | None:
    """When the municipality last released feedback. The application sets no schedule (the
    operator's timer runs `release-feedback`; the demo releases on Fridays), so the portal
    tells the creditor this moment instead of a rhythm that may not hold."""
    return FeedbackRelease.objects.values_list("released_at", flat=True).first()


def release_due_feedback(
    site_url: str, today: date | None = None, *, mail_digests: bool = True
) -> FeedbackRelease:
    """Release all due feedback as one batch, then mail each creditor contact a digest.

    ``site_url`` (e.g. https://vroegsignaal.example.nl) makes the link in the e-mail absolute.
    ``mail_digests=False`` releases without mail: the demo replays a year of days, and nobody
    wants a year of digests at once.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        release = FeedbackRelease.objects.create(released_on=today)
        asked = _announce_heropaf_questions(release, today)
        reminded = _remind_overdue_questions(release, today)
        counts: dict[int, Counter] = defaultdict(Counter)
        # Corrections first: an outcome follows a go/no-go as it stands after them.
        for item in [*_release_go_no_go(release, today), *_release_outcomes(release)]:
            counts[item.creditor_id][CORRECTION if item.corrects_id else item.kind] += 1
        for creditor_id, number in asked.items():
            counts[creditor_id]["heropaf"] += number
        for creditor_id, number in reminded.items():
            counts[creditor_id][HEROPAF_REMINDER] += number
        release.summary = {"creditors": {str(c): dict(n) for c, n in counts.items()}}
        release.save(update_fields=["summary"])
    # Without digests (the demo) the questions count as announced: nobody is mailed them later.
    release.summary["mail_failed"] = _send_digests(counts, site_url) if mail_digests else []
    release.save(update_fields=["summary"])
    _unannounce(release, release.summary["mail_failed"])
    return release


# The lines of the digest, in this order; a kind with nothing released has no line.
_DIGEST_LINES = (
    (FeedbackKind.GO_NO_GO, "go/no-go"),
    (CORRECTION, "gecorrigeerde go/no-go"),
    (FeedbackKind.OUTCOME, "uitkomst"),
)


def digest_text(creditor: Creditor, counts: Counter, link: str) -> str:
    """The body of the e-mail: counts and a link, deliberately nothing about any person.

    Only what was released is named ('go/no-go: 1 signaal'): a line with 0 would make the
    reader look for something that is not there."""
    lines = [
        f"- {label}: {counted(counts[kind], 'signaal', 'signalen')}\n"
        for kind, label in _DIGEST_LINES
        if counts[kind]
    ]
    if counts["heropaf"]:
        lines.append(f"- heropafvragen om te beantwoorden: {counts['heropaf']}\n")
    if counts[HEROPAF_REMINDER]:
        lines.append(f"- herinnering: heropafvragen over de termijn: {counts[HEROPAF_REMINDER]}\n")
    return (
        f"Geachte relatie,\n\n"
        f"Er staat nieuwe terugkoppeling van de gemeente voor {creditor.name} klaar in "
        f"Vroegsignaal:\n\n"
        f"{''.join(lines)}\n"
        f"Bekijk de terugkoppeling na het inloggen: {link}\n\n"
        f"Deze e-mail bevat bewust geen persoonsgegevens.\n"
    )


def _send_digests(counts: dict[int, Counter], site_url: str) -> list[str]:
    link = site_url.rstrip("/") + reverse("feedback:signals")
    failed = []
    connection = get_connection()
    # Only a creditor to whom something was released is in ``counts``: no mail saying nothing.
    for creditor in Creditor.objects.filter(pk__in=counts):
        messages = [
            EmailMessage(
                subject=f"Nieuwe terugkoppeling voor {creditor.name}",
                body=digest_text(creditor, counts[creditor.pk], link),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
            )
            for address in _contacts(creditor)
        ]
        try:
            connection.send_messages(messages)
        except (smtplib.SMTPException, OSError):
            # The feedback is released and visible in the portal; a failed digest must not
            # undo that, but the operator has to see it.
            logger.exception("Digest voor %s niet verstuurd", creditor.code)
            failed.append(creditor.code)
    return failed


def _contacts(creditor: Creditor) -> list[str]:
    return list(
        User.objects.filter(creditor=creditor, role=Role.CREDITOR_STAFF, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
