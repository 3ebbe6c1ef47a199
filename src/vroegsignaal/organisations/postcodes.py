"""Postcode areas: normalising PC4/PC6 entries and importing `postcode;gemeentecode` files."""

from __future__ import annotations

import csv
import io
import re

from django.db import transaction

from vroegsignaal.organisations.models import Municipality, PostcodeArea

_AREA = re.compile(r"^([1-9]\d{3})\s*([A-Za-z]{2})?$")


def normalise_postcode_area(raw: str) -> str | None:
    """'7511' → '7511', '7521 ab' → '7521AB'; None when it is neither PC4 nor PC6."""
    match = _AREA.match(raw.strip())
    if not match:
        return None
    return match.group(1) + (match.group(2) or "").upper()


class PostcodeImportError(ValueError):
    pass


@transaction.atomic
def import_postcode_areas(text: str) -> int:
    """Import `postcode;gemeentecode` rows (header optional); all or nothing. Returns the count."""
    dialect = ";" if text.count(";") >= text.count(",") else ","
    municipalities = {m.code: m for m in Municipality.objects.all()}
    count = 0
    for line_no, row in enumerate(csv.reader(io.StringIO(text), delimiter=dialect), start=1):
        if not row or not "".join(row).strip():
            continue
        if line_no == 1 and row[0].strip().lower() == "postcode":
            continue
        if len(row) < 2:
            raise PostcodeImportError(f"Regel {line_no}: verwacht 'postcode;gemeentecode'.")
        postcode = normalise_postcode_area(row[0])
        if postcode is None:
            raise PostcodeImportError(f"Regel {line_no}: '{row[0]}' is geen PC4 of PC6.")
        code = row[1].strip().zfill(4)
        if code not in municipalities:
            raise PostcodeImportError(f"Regel {line_no}: gemeente {code} is onbekend.")
        PostcodeArea.objects.update_or_create(
            postcode=postcode, defaults={"municipality": municipalities[code]}
        )
        count += 1
    return count
