"""Which policy applies to a municipality, and saving a new version of it.

A municipality's own settings override its region's per top-level key; without either, the
engine's documented defaults apply. Every save is a new `PolicyVersion` (`save_if_changed`: unless
nothing changed); a matching run records both versions the policy in force was built from.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from django.db import transaction

from vroegsignaal.matching.engine.policy import Policy, PolicyError, inherit
from vroegsignaal.matching.models import PolicyVersion, combined_name
from vroegsignaal.organisations.models import Municipality, Region


def canonical(document: dict) -> dict:
    """The keys `document` sets, written as `Policy.to_dict` writes them. A key it leaves out
    stays out: the region's value or the default applies and keeps applying when it changes.

    A key the engine refuses stays as it is: a version stored before a check existed (such as
    the upper bounds) must still open in the form with the value to correct, and be compared
    with and described against the version that corrects it. Whether a document is valid is
    `Policy.from_dict`'s to say (`save_policy`, the form)."""
    written = {}
    for key, value in document.items():
        try:
            written[key] = json.loads(Policy.from_dict({key: value}).to_json())[key]
        except (TypeError, ValueError, AttributeError):  # PolicyError is a ValueError
            written[key] = value
    return written


def latest_version(**owner) -> PolicyVersion | None:
    """The newest version of ``owner`` (``municipality=`` or ``region=``, object or id)."""
    return PolicyVersion.objects.filter(**owner).order_by("-number").first()


def replaced_version(version: PolicyVersion) -> PolicyVersion | None:
    """The version of the same owner that `version` replaced (None for its first)."""
    owner = {"municipality": version.municipality_id, "region": version.region_id}
    return (
        PolicyVersion.objects.filter(**owner, number__lt=version.number).order_by("-number").first()
    )


class VersionsInForce(NamedTuple):
    """The versions the policy in force was built from: the region's, with the municipality's
    own settings on top. Either may be absent (None)."""

    regional: PolicyVersion | None
    own: PolicyVersion | None

    @property
    def label(self) -> str:
        """'Twente v3 + Enschede v2', as runs name their policy."""
        return combined_name(self)


def effective_policy(municipality: Municipality) -> tuple[Policy, VersionsInForce]:
    """The policy in force and the versions it was built from (the region's and the own).

    Raises `PolicyError` when the stored versions no longer make a valid policy (stored before
    a check existed): its first message names the versions, so that the matching page says
    which policy to correct instead of a failure without a cause."""
    own = latest_version(municipality=municipality)
    regional = latest_version(region=municipality.region) if municipality.region_id else None
    try:
        policy = inherit(regional.document if regional else {}, own.document if own else {})
    except PolicyError as error:
        versions = VersionsInForce(regional, own)
        raise PolicyError([
            f"Het beleid ({versions.label}) is ongeldig; een functioneel beheerder slaat in Beheer → "
            "Matching → Beleidsversies een verbeterde versie op.",
            *error.messages,
        ]) from error  # fmt: skip
    return policy, VersionsInForce(regional, own)


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
