"""A partner's code in the beheerder's words: Django's SlugField says "slug", which means
nothing to a functioneel beheerder; organisaties-als-code.md says "korte code (letters,
cijfers, -)". The rule stays the slug's (underscores too), so no stored code becomes invalid.
The beheeromgeving and `setup-organisations` give the same message, with a code to use.
"""

from __future__ import annotations

from django.core.validators import slug_re
from django.utils.text import slugify

CODE_HELP = (
    "Korte code (letters, cijfers, -), bv. energie-oost. Op de opdrachtregel noemt u de partner "
    "zo: vroegsignaal ingest BESTAND --creditor energie-oost."
)


def code_problem(code: str) -> str | None:
    """Why `code` is no partner code, with the code the beheerder probably meant; None if it is."""
    if slug_re.match(code):
        return None
    suggestion = slugify(code)
    example = f", bijvoorbeeld {suggestion}" if suggestion else ""
    return f"Voer een korte code in (letters, cijfers, -), zonder spaties{example}."
