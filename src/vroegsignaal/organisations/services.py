"""Public services of the organisations app.

- `municipality_for_postcode`: which municipality a postcode lies in (PC6 before PC4).
- `PostcodeDirectory`: the same for many postcodes at once, loaded in one query.
- `creditor_has_agreement`: whether a creditor may deliver signals for a municipality on a day.
- `create_api_key` / `authenticate_api_key` / `revoke_api_key`: hashed creditor API keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from vroegsignaal.organisations.models import (
    Agreement,
    ApiKey,
    Creditor,
    Municipality,
    PostcodeArea,
)


class PostcodeDirectory:
    """All postcode areas in memory: delivery validation looks up thousands of postcodes."""

    def __init__(self) -> None:
        self._areas = dict(PostcodeArea.objects.values_list("postcode", "municipality_id"))
        self._municipalities = Municipality.objects.in_bulk()

    def municipality_for(self, postcode: str) -> Municipality | None:
        """`postcode` is normalised (7511AB). A PC6 entry wins over the PC4 area around it."""
        municipality_id = self._areas.get(postcode) or self._areas.get(postcode[:4])
        return self._municipalities.get(municipality_id) if municipality_id else None


def municipality_for_postcode(postcode: str) -> Municipality | None:
    area = (
        PostcodeArea.objects.filter(postcode__in=[postcode, postcode[:4]])
        .select_related("municipality")
        .order_by("-postcode")  # the 6-character entry sorts after its 4-character prefix
        .first()
    )
    return area.municipality if area else None


def municipalities_with_agreement(creditor: Creditor, day: dt.date) -> set[int]:
    """Ids of the municipalities whose agreement with `creditor` is valid on `day`."""
    return set(
        Agreement.objects.valid_on(day)
        .filter(creditor=creditor)
        .values_list("municipality_id", flat=True)
    )


def creditor_has_agreement(creditor: Creditor, municipality: Municipality, day: dt.date) -> bool:
    return municipality.id in municipalities_with_agreement(creditor, day)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(creditor: Creditor, name: str) -> str:
    """Create a key for `creditor` and return it; it cannot be retrieved later."""
    prefix = secrets.token_hex(4)
    key = f"vs_{prefix}_{secrets.token_urlsafe(32)}"
    ApiKey.objects.create(creditor=creditor, name=name, prefix=prefix, hashed_key=_hash(key))
    return key


def authenticate_api_key(key: str) -> ApiKey | None:
    """The active key matching `key`, or None. Compared in constant time."""
    parts = key.split("_")
    if len(parts) < 3 or parts[0] != "vs":
        return None
    api_key = (
        ApiKey.objects.filter(prefix=parts[1], revoked_at__isnull=True)
        .select_related("creditor")
        .first()
    )
    if api_key and secrets.compare_digest(api_key.hashed_key, _hash(key)):
        return api_key
    return None


def revoke_api_key(api_key: ApiKey) -> None:
    api_key.revoked_at = timezone.now()
    api_key.save(update_fields=["revoked_at"])
