"""The privacy officer's answers to the inzage's questions hold for the resident and what the
question showed only (QA13 N1 for the free texts, then every question).

Before composing, the page may ask: compose on the BSN alone after all (`ON_BSN_ALONE`), without
the signals the BRP check may have tied to her (`UNSURE`), which signals of other people to
take in (`OTHERS`), which free texts to leave out (`FREE_TEXTS`). The button of a question posts
a `fingerprint` of the resident looked for and of what the question showed where that can
change (the signals it was about, the texts). The answers ride along as hidden fields while the
officer answers the next question, so a posted answer counts only when its fingerprint is that
of the resident posted and of what the question would show now (`holds`): another resident
typed in after a question, or signals or texts that changed meanwhile, ask the question again.
A keyed hash (HMAC with the site's secret): the page carries neither the BSN nor the texts, and
an answer cannot be made up.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from django.utils.crypto import constant_time_compare, salted_hmac

# The questions, by the form field that carries the answer.
ON_BSN_ALONE = "alleen_bsn"
UNSURE = "toch_samenstellen"
OTHERS = "andere_bekeken"
FREE_TEXTS = "vrije_tekst_bekeken"
QUESTIONS = (ON_BSN_ALONE, UNSURE, OTHERS, FREE_TEXTS)

_SALT = "vroegsignaal.privacy.inzage-antwoorden"


def fingerprint(question: str, query, shown=()) -> str:
    """The answer to `question` about the resident `query` (an `inzage.PersonQuery`), given
    for what it `shown` (anything JSON can write; dates and the like as text)."""
    message = json.dumps(
        {"vraag": question, "inwoner": asdict(query), "getoond": shown},
        sort_keys=True,
        default=str,
    )
    return salted_hmac(_SALT, message, algorithm="sha256").hexdigest()


def holds(question: str, query, shown, posted: str) -> bool:
    """Whether the `posted` answer to `question` is one given for `query` and `shown`."""
    return bool(posted) and constant_time_compare(posted, fingerprint(question, query, shown))


def others_shown(found) -> list[int]:
    """What the question about other people's signals is about: all of them, ticked or not."""
    return sorted(s.pk for s in [*found.others, *found.included])


def unsure_shown(found) -> list[int]:
    """The signals the BRP check may have tied to her and the search did not find."""
    return sorted(found.links.unsure - {s.pk for s in found.signals})
