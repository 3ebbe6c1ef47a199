"""The access policy: what a user (role + organisation) may see and do. The one place that decides.

Public API:
- `Action`: everything a role can be allowed to do.
- `can(user, action, obj=None)`: may `user` do `action` (on `obj`, when given)?
- `check(user, action)` / `check_role(user, roles)`: raise PermissionDenied (403) with a Dutch reason.
- `requires(action)` / `role_required(*roles)`: view decorators (log in first, else 403).
- Scopers, each the complete set a user may reach (empty for other roles):
  `deliveries_for`, `signals_for`, `meldingen_for`, `municipalities_for` (aggregates),
  `audit_entries_for`.
- `assignee_cannot_see()`: the meldingen whose assignee is out of reach of them by the same rule
  (moved to another team or municipality, another role, deactivated).
- `get_for(user, queryset_or_model, **lookup)`: one object in reach, else 404 (existence hidden).

Rules: creditor staff reach only their own creditor's deliveries, signals and permitted
feedback; intake and caseworkers only their municipality (a caseworker in a team: the queues of
that team and the queues without a team; an assignment does not widen that, so a caseworker
moved to another team no longer sees the old team's meldingen; a caseworker without a team
works for the whole municipality and sees every queue, docs/privacy.md); project leaders aggregates
of their region only, never a single person; administrators configuration; the privacy officer
the audit log, retention reports and requests for access (inzageverzoeken).
"""

from __future__ import annotations

from enum import StrEnum
from functools import wraps

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Model, Q, QuerySet
from django.shortcuts import get_object_or_404

from vroegsignaal.organisations.models import Municipality, Role
from vroegsignaal.privacy.audit import SYSTEM_USERNAME, municipalities_of, municipality_lookup


class Action(StrEnum):
    DELIVER = "deliver"  # deliver signals, see own deliveries and their reports
    VIEW_FEEDBACK = "view_feedback"  # the feedback the agreement permits, on own signals
    VIEW_PERSONAL_DATA = "view_personal_data"  # signals and meldingen of the municipality
    WORK_MELDINGEN = "work_meldingen"  # casework on meldingen
    RUN_MATCHING = "run_matching"
    VIEW_AGGREGATES = "view_aggregates"  # dashboards and reports, no single person
    CONFIGURE = "configure"  # organisations, policies, letters, users, API keys
    VIEW_AUDIT = "view_audit"
    VIEW_RETENTION = "view_retention"
    HANDLE_ACCESS_REQUEST = "handle_access_request"  # inzageverzoek


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.CREDITOR_STAFF: frozenset({Action.DELIVER, Action.VIEW_FEEDBACK}),
    Role.INTAKE: frozenset(
        {
            Action.VIEW_PERSONAL_DATA,
            Action.WORK_MELDINGEN,
            Action.RUN_MATCHING,
            Action.VIEW_AGGREGATES,
        }
    ),
    Role.CASEWORKER: frozenset({Action.VIEW_PERSONAL_DATA, Action.WORK_MELDINGEN}),
    Role.PROJECT_LEADER: frozenset({Action.VIEW_AGGREGATES}),
    Role.ADMINISTRATOR: frozenset({Action.CONFIGURE}),
    Role.PRIVACY_OFFICER: frozenset(
        {Action.VIEW_AUDIT, Action.VIEW_RETENTION, Action.HANDLE_ACCESS_REQUEST}
    ),
}

# The organisation a role cannot work without, with the Dutch reason when it is missing.
_REQUIRED_ORGANISATION = {
    Role.CREDITOR_STAFF: ("creditor", "Uw account is niet aan een vastelastenpartner gekoppeld."),
    Role.INTAKE: ("municipality", "Uw account is niet aan een gemeente gekoppeld."),
    Role.CASEWORKER: ("municipality", "Uw account is niet aan een gemeente gekoppeld."),
    Role.PROJECT_LEADER: ("region", "Uw account is niet aan een regio gekoppeld."),
}


def organisation_id(user, kind: str) -> int | None:
    """The id of the user's creditor, municipality or region (`kind`), also for an API key's caller."""
    own_id = getattr(user, f"{kind}_id", None)
    if own_id is None:
        own_id = getattr(getattr(user, kind, None), "pk", None)
    return own_id


def _missing_organisation(user) -> str | None:
    kind, reason = _REQUIRED_ORGANISATION.get(user.role, (None, ""))
    return reason if kind and organisation_id(user, kind) is None else None


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and getattr(user, "role", ""))


def can(user, action: Action, obj: Model | None = None) -> bool:
    """Whether `user` may do `action`, and on `obj` (a Delivery, Signal, Melding, ...) if given."""
    if not _active(user) or action not in ROLE_ACTIONS.get(user.role, ()):
        return False
    if _missing_organisation(user):
        return False
    return obj is None or scope_of(user, type(obj)).filter(pk=obj.pk).exists()


def check(user, action: Action) -> None:
    """Raise PermissionDenied with a Dutch reason unless `user` may do `action` at all."""
    if not _active(user) or action not in ROLE_ACTIONS.get(user.role, ()):
        raise PermissionDenied("Deze pagina hoort niet bij uw rol.")
    reason = _missing_organisation(user)
    if reason:
        raise PermissionDenied(reason)


def check_role(user, roles) -> None:
    """Raise PermissionDenied unless `user` has one of `roles` and the organisation it needs."""
    if not _active(user) or user.role not in roles:
        raise PermissionDenied("Deze pagina hoort niet bij uw rol.")
    reason = _missing_organisation(user)
    if reason:
        raise PermissionDenied(reason)


def _decorator(checker):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            checker(request.user)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def requires(action: Action):
    """View decorator: anonymous users log in first; users who may not do `action` get 403."""
    return _decorator(lambda user: check(user, action))


def role_required(*roles: str):
    """View decorator by role (the older form of `requires`): log in first, else 403."""
    return _decorator(lambda user: check_role(user, roles))


def deliveries_for(user) -> QuerySet:
    """Deliveries `user` may see: creditor staff their own creditor's, nobody else any."""
    delivery = apps.get_model("intake", "Delivery")
    if not can(user, Action.DELIVER):
        return delivery.objects.none()
    return delivery.objects.filter(creditor_id=organisation_id(user, "creditor"))


def signals_for(user) -> QuerySet:
    """Signals `user` may see: own creditor's (creditor staff) or own municipality's (intake, caseworkers)."""
    signal = apps.get_model("intake", "Signal")
    if can(user, Action.DELIVER):
        return signal.objects.filter(creditor_id=organisation_id(user, "creditor"))
    if can(user, Action.VIEW_PERSONAL_DATA):
        return signal.objects.filter(municipality_id=user.municipality_id)
    return signal.objects.none()


def _team_reach(team_id) -> Q:
    """The meldingen a caseworker of team `team_id` (an id, or an F to one) sees: the queues of
    that team and the queues without a team (a melding without a queue too)."""
    return Q(queue__team__isnull=True) | Q(queue__team_id=team_id)


def meldingen_for(user) -> QuerySet:
    """Meldingen `user` may see: their municipality's; a caseworker in a team only that team's
    queues and the queues without a team (one without a team sees them all: he works for the
    whole municipality, QA14 B4). Being assigned a melding does not widen this: a
    caseworker who moves to another team works for that team only (domain.md), and what the
    old team assigned to him waits for the meldpunt (`assignee_cannot_see`)."""
    melding = apps.get_model("casework", "Melding")
    if not can(user, Action.WORK_MELDINGEN):
        return melding.objects.none()
    meldingen = melding.objects.filter(municipality_id=user.municipality_id)
    if user.role == Role.CASEWORKER and user.team_id is not None:
        meldingen = meldingen.filter(_team_reach(user.team_id))
    return meldingen


def assignee_cannot_see() -> Q:
    """Meldingen assigned to someone who cannot see them: `meldingen_for` read from the
    assignee's side (deactivated, another role or municipality, a caseworker of another team
    than the melding's queue). They wait for the meldpunt to assign them anew."""
    casework_roles = [
        role for role, actions in ROLE_ACTIONS.items() if Action.WORK_MELDINGEN in actions
    ]
    assignee_reaches = Q(
        assigned_to__is_active=True,
        assigned_to__role__in=casework_roles,
        assigned_to__municipality_id=F("municipality_id"),
    ) & (
        ~Q(assigned_to__role=Role.CASEWORKER)
        | Q(assigned_to__team__isnull=True)
        | _team_reach(F("assigned_to__team_id"))
    )
    return Q(assigned_to__isnull=False) & ~assignee_reaches


def municipalities_for(user) -> QuerySet[Municipality]:
    """Municipalities whose aggregates `user` may see: a project leader's region, intake's own."""
    if not can(user, Action.VIEW_AGGREGATES):
        return Municipality.objects.none()
    if user.role == Role.PROJECT_LEADER:
        return Municipality.objects.filter(region_id=user.region_id)
    return Municipality.objects.filter(pk=user.municipality_id)


# What the system did for the whole installation (the nightly retention run erasing what is past
# its term): tied to no municipality and no user, it holds counts, no personal data, and every
# officer answers for what was erased of their data.
SYSTEM_WIDE = Q(municipality_id__isnull=True, user_id__isnull=True, username=SYSTEM_USERNAME)


def audit_entries_for(user) -> QuerySet:
    """Audit entries the privacy officer may see: about their municipality, about their region,
    or (an officer of neither: the whole installation) all; the system's installation-wide
    entries for every officer."""
    entry = apps.get_model("privacy", "AuditEntry")
    if not can(user, Action.VIEW_AUDIT):
        return entry.objects.none()
    if user.municipality_id is not None:
        return entry.objects.filter(Q(municipality_id=user.municipality_id) | SYSTEM_WIDE)
    if user.region_id is not None:
        return entry.objects.filter(
            _about_region(entry.objects.all(), user.region_id) | SYSTEM_WIDE
        )
    return entry.objects.all()


def _about_region(entries: QuerySet, region_id: int) -> Q:
    """The entries about a region: by users whose organisation is in it (its municipalities and
    their teams, the region itself), about the data of its municipalities, and of creditor staff
    and API keys of a creditor under contract in the region when the entry is tied to no
    municipality (an upload, a list of own signals). The audit log is another database: ids and
    names, not a join.
    """
    user_model, creditor_model = (
        apps.get_model("organisations", "User"),
        apps.get_model("organisations", "Creditor"),
    )
    municipality_ids = set(
        Municipality.objects.filter(region_id=region_id).values_list("pk", flat=True)
    )
    own_users = user_model.objects.filter(
        Q(region_id=region_id)
        | Q(municipality__region_id=region_id)
        | Q(team__municipality__region_id=region_id)
    )
    creditors = creditor_model.objects.filter(
        agreements__municipality__region_id=region_id
    ).distinct()
    creditor_callers = Q(
        user_id__in=list(
            user_model.objects.filter(creditor__in=creditors).values_list("pk", flat=True)
        )
    )
    for code in creditors.values_list("code", flat=True):
        creditor_callers |= Q(user_id__isnull=True, username__startswith=f"api:{code}:")
    untied = Q(municipality_id__isnull=True) & creditor_callers
    # Entries written before entries were tied to the municipality of their object (or whose
    # object was gone by then): tie them when read. The log is append-only, so they are not
    # rewritten; entries of data of no single municipality (a delivery) are never read here,
    # so this stays the small, fixed set of old entries while the log grows.
    tied_now = Q(pk__in=[])
    types = entries.filter(untied).exclude(object_type="").values_list("object_type", flat=True)
    tieable = [object_type for object_type in types.distinct() if municipality_lookup(object_type)]
    old = entries.filter(untied, object_type__in=tieable).values_list("object_type", "object_id")
    by_type: dict[str, set[str]] = {}
    for object_type, object_id in old.distinct():
        by_type.setdefault(object_type, set()).add(object_id)
    for object_type, object_ids in by_type.items():
        municipality_of = municipalities_of(object_type, object_ids)
        # An object gone (or of no municipality) cannot be tied: shown, as for an upload.
        in_region = [
            i for i in object_ids if municipality_of.get(i, None) in municipality_ids | {None}
        ]
        tied_now |= Q(object_type=object_type, object_id__in=in_region)
    return (
        Q(municipality_id__in=list(municipality_ids))
        | Q(user_id__in=list(own_users.values_list("pk", flat=True)))
        | (untied & ~Q(object_type__in=list(by_type)))
        | (untied & tied_now)
    )


_SCOPERS = {
    "intake.delivery": deliveries_for,
    "intake.signal": signals_for,
    "casework.melding": meldingen_for,
    "organisations.municipality": municipalities_for,
    "privacy.auditentry": audit_entries_for,
}


def scope_of(user, model: type[Model]) -> QuerySet:
    """All objects of `model` within `user`'s reach; a model without a rule is out of reach."""
    scoper = _SCOPERS.get(model._meta.label_lower)
    return scoper(user) if scoper else model.objects.none()


def get_for(user, queryset_or_model, **lookup) -> Model:
    """The object matching `lookup` if `user` may reach it, else 404 (its existence stays hidden)."""
    queryset = queryset_or_model
    if not isinstance(queryset, QuerySet):
        queryset = scope_of(user, queryset_or_model)
    else:
        queryset = queryset & scope_of(user, queryset.model)
    return get_object_or_404(queryset, **lookup)
