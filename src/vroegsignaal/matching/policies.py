"""Which policy applies to a municipality, and saving a new version of it.

A municipality's own settings override its region's per top-level key; without either, the
engine's documented defaults apply. Every save is a new `PolicyVersion` (`save_if_changed`: unless
nothing changed); a matching run records the version it used.
"""

from __future__ import annotations

import json

from django.db import transaction

from vroegsignaal.matching.engine.policy import Policy, inherit
from vroegsignaal.matching.models import PolicyVersion
from vroegsignaal.organisations.models import Municipality, Region


def canonical(document: dict) -> dict:
    """The keys `document` sets, written as `Policy.to_dict` writes them. A key it leaves out
    stays out: the region's value or the default applies and keeps applying when it changes."""
    full = json.loads(Policy.from_dict(document).to_json())
    return {key: full[key] for key in document}


def latest_version(**owner) -> PolicyVersion | None:
    """The newest version of ``owner`` (``municipality=`` or ``region=``, object or id)."""
    return PolicyVersion.objects.filter(**owner).order_by("-number").first()


def replaced_version(version: PolicyVersion) -> PolicyVersion | None:
    """The version of the same owner that `version` replaced (None for its first)."""
    owner = {"municipality": version.municipality_id, "region": version.region_id}
    return (
        PolicyVersion.objects.filter(**owner, number__lt=version.number).order_by("-number").first()
    )


def effective_policy(municipality: Municipality) -> tuple[Policy, PolicyVersion | None]:
    """The policy in force and the version it comes from (the municipality's, else the region's)."""
    own = latest_version(municipality=municipality)
    regional = latest_version(region=municipality.region) if municipality.region_id else None
    policy = inherit(regional.document if regional else {}, own.document if own else {})
    return policy, own or regional


@transaction.atomic
def save_policy(
    document: dict,
    *,
    municipality: Municipality | None = None,
    region: Region | None = None,
    by=None,
) -> PolicyVersion:
    """Validate `document` (raises `PolicyError` with Dutch messages) and store it as a new version."""
    Policy.from_dict(document)
    owner = {"municipality": municipality} if municipality else {"region": region}
    latest = PolicyVersion.objects.select_for_update().filter(**owner).order_by("-number").first()
    return PolicyVersion.objects.create(
        **owner,
        number=(latest.number + 1) if latest else 1,
        document=document,
        created_by=by if getattr(by, "pk", None) else None,
    )


def save_if_changed(
    document: dict,
    *,
    municipality: Municipality | None = None,
    region: Region | None = None,
    by=None,
) -> tuple[PolicyVersion, bool]:
    """`save_policy` unless the owner's newest version already holds `document` (a new version
    would only lengthen the history): (the version that now applies, whether it is new).

    The documents are compared as the engine reads them: a version stored by a script (the
    demo's) leaves out parts the form writes, such as a rule's empty condition parts."""
    owner = {"municipality": municipality} if municipality else {"region": region}
    newest = latest_version(**owner)
    if newest is not None and canonical(newest.document) == canonical(document):
        return newest, False
    return save_policy(document, municipality=municipality, region=region, by=by), True
