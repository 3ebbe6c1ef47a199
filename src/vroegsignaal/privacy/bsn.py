"""BSNs at rest: encrypted, with a keyed hash for look-ups (issue 7).

`EncryptedBsnField` stores a BSN as a Fernet token (AES-128-CBC with HMAC-SHA256), the key
derived from BSN_ENCRYPTION_KEY in the environment; Python code reads and writes the plain BSN.
The token differs on every save, so nobody can search by it: look-ups and comparisons use
`bsn_hash`, an HMAC-SHA256 with PSEUDONYM_KEY written in decimal digits, because the matching
engine keeps only the digits of a BSN and compares them for equality. An empty BSN stays empty.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet
from django.conf import settings
from django.db import models

# 16 bytes of the HMAC as a zero-padded decimal number: at most 39 digits.
HASH_DIGITS = 39
TOKEN_LENGTH = 200


@functools.cache
def _fernet(secret: str) -> Fernet:
    # Any long secret works: the 32-byte Fernet key is derived from it.
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def _cipher() -> Fernet:
    # settings.py refuses to start with the development key when DEBUG is off.
    return _fernet(settings.BSN_ENCRYPTION_KEY)


def encrypt(bsn: str) -> str:
    """The token stored for `bsn` ('' for no BSN)."""
    return _cipher().encrypt(bsn.encode()).decode() if bsn else ""


def decrypt(token: str) -> str:
    """The BSN in a stored token ('' for none)."""
    return _cipher().decrypt(token.encode()).decode() if token else ""


def bsn_hash(bsn: str) -> str:
    """The keyed hash of `bsn` in decimal digits ('' for no BSN); equal BSNs, equal hashes."""
    if not bsn:
        return ""
    digest = hmac.new(settings.PSEUDONYM_KEY.encode(), f"bsn\x00{bsn}".encode(), hashlib.sha256)
    return str(int.from_bytes(digest.digest()[:16], "big")).zfill(HASH_DIGITS)


class EncryptedBsnField(models.CharField):
    """A BSN, encrypted in the database. Never filter on it except for '': use `BsnHashField`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", TOKEN_LENGTH)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value


class BsnHashField(models.CharField):
    """`bsn_hash` of the model's `source` field, set on every save and insert (not by
    `bulk_update`: set it there yourself)."""

    def __init__(self, *args, source: str = "bsn", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", HASH_DIGITS)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.source != "bsn":
            kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = bsn_hash(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value
