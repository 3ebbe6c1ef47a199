"""Keyed hashes (HMAC-SHA256, key PSEUDONYM_KEY from the environment) that replace identifiers on
erased records, so links between records still work without the person.

`address_pseudonym("7511AB-12")` is what an erased signal or melding keeps instead of its address
key; matching compares `address_pseudonym(key)` on both sides to find "opeenvolgend" meldingen.
Without the key nobody can test an address against it, unlike a plain hash of a small space.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

PREFIX = "h:"
# Address keys are at most 32 characters; 30 hex digits (120 bits) fit after the prefix.
_DIGITS = 30


def is_pseudonym(value: str) -> bool:
    return value.startswith(PREFIX)


def pseudonym(kind: str, value: str) -> str:
    """The keyed hash of `value` within `kind` ("address", "customer:<creditor id>"); idempotent."""
    if is_pseudonym(value):
        return value
    digest = hmac.new(
        settings.PSEUDONYM_KEY.encode(), f"{kind}\x00{value}".encode(), hashlib.sha256
    ).hexdigest()
    return PREFIX + digest[:_DIGITS]


def address_pseudonym(address_key: str) -> str:
    """The pseudonym of a normalised address key (addresses.address_key); idempotent."""
    return pseudonym("address", address_key)
