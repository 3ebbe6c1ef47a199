"""The front door: the start page, different per role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from vroegsignaal.organisations.models import Role
from vroegsignaal.web import start_pages


def _creditor_context(user) -> dict:
    return {"deliveries": start_pages.recent_deliveries(user.creditor)} if user.creditor else {}


def _municipality_context(user) -> dict:
    if user.municipality is None:
        return {}
    return {"month": start_pages.signals_received_this_month(user.municipality)}


def _region_context(user) -> dict:
    if user.region is None:
        return {}
    return {"region_counts": start_pages.region_signal_counts(user.region)}


def _no_figures(user) -> dict:
    return {}


# Which part of the start page a role sees, and the figures it needs.
_START_PAGES = {
    Role.CREDITOR_STAFF: ("web/start/creditor.html", _creditor_context),
    Role.INTAKE: ("web/start/municipality.html", _municipality_context),
    Role.CASEWORKER: ("web/start/municipality.html", _municipality_context),
    Role.PROJECT_LEADER: ("web/start/project_leader.html", _region_context),
    Role.ADMINISTRATOR: ("web/start/administrator.html", _no_figures),
    Role.PRIVACY_OFFICER: ("web/start/privacy_officer.html", _no_figures),
}


@login_required
def start(request):
    """The start page for the logged-in user's role."""
    part, context_for = _START_PAGES.get(request.user.role, ("web/start/no_role.html", _no_figures))
    return render(request, "web/start.html", {"role_part": part, **context_for(request.user)})
