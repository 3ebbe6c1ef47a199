"""Which organisation a user of each role belongs to, checked when a beheerder saves a user.

Access follows the organisation (`privacy.policy`): intake staff and caseworkers see their
municipality's meldingen, creditor staff their creditor's signals, a project leader the region's
figures, a privacy officer the audit log of their municipality or region. A user saved with the
wrong organisation for the role saw nothing, or the wrong things; so every combination is
checked, with a Dutch message at the field to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

ORGANISATION_FIELDS = ("creditor", "municipality", "team", "region")
FIELD_NAMES = {
    "creditor": "vastelastenpartner",
    "municipality": "gemeente",
    "team": "team",
    "region": "regio",
}


@dataclass(frozen=True)
class RoleNeeds:
    """`required`: the field the role cannot do without; `allowed`: the fields it may have."""

    label: str
    required: str | None
    allowed: frozenset[str]


ROLE_NEEDS = {
    "creditor_staff": RoleNeeds(
        "een medewerker van een vastelastenpartner", "creditor", frozenset({"creditor"})
    ),
    "intake": RoleNeeds(
        "een medewerker van het meldpunt", "municipality", frozenset({"municipality", "team"})
    ),
    "caseworker": RoleNeeds("een uitvoerder", "municipality", frozenset({"municipality", "team"})),
    "project_leader": RoleNeeds("een projectleider", "region", frozenset({"region"})),
    "administrator": RoleNeeds(
        "een functioneel beheerder", None, frozenset({"municipality", "region"})
    ),
    # A privacy officer of one municipality, of a region, or (neither) of the whole installation.
    "privacy_officer": RoleNeeds(
        "een functionaris gegevensbescherming", None, frozenset({"municipality", "region"})
    ),
    # No role: a technical account (e.g. the first superuser); it belongs to no organisation.
    "": RoleNeeds("een gebruiker zonder rol", None, frozenset()),
}


def organisation_errors(user) -> dict[str, str]:
    """Dutch messages per field for an organisation that does not fit the user's role."""
    needs = ROLE_NEEDS.get(user.role or "")
    if needs is None:
        return {}
    errors = {}
    filled = {name for name in ORGANISATION_FIELDS if getattr(user, f"{name}_id") is not None}
    if needs.required and needs.required not in filled:
        errors[needs.required] = (
            f"{needs.label.capitalize()} hoort bij een {FIELD_NAMES[needs.required]}: "
            f"kies die {FIELD_NAMES[needs.required]}."
        )
    for name in sorted(filled - needs.allowed):
        errors[name] = (
            f"{needs.label.capitalize()} hoort niet bij een {FIELD_NAMES[name]}: "
            "maak dit veld leeg of kies een andere rol."
        )
    if "municipality" in filled and "region" in filled and "region" not in errors:
        errors["region"] = "Kies een gemeente óf een regio, niet allebei."
    if (
        {"team", "municipality"} <= filled  # without a municipality, that is the message
        and "team" not in errors
        and user.team.municipality_id != user.municipality_id
    ):
        errors["team"] = (
            f"{user.team.name} hoort bij {user.team.municipality.name}, niet bij "
            f"{user.municipality.name}: kies een team van {user.municipality.name} of geen team."
        )
    return errors


def check_organisation(user) -> None:
    """Raise `ValidationError` (per field) when the organisation does not fit the role."""
    errors = organisation_errors(user)
    if errors:
        raise ValidationError(errors)
