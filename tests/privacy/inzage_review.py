"""Going through the inzage's questions as the privacy officer does: each answer is the
fingerprint its button carries for the resident and what the question showed (QA13 N1), so a
test takes it from the page rather than posting 'alleen_bsn' or 'vrije_tekst_bekeken' on its
own."""

import re

from django.urls import reverse

ANSWER = re.compile(
    r'name="(alleen_bsn|toch_samenstellen|andere_bekeken|vrije_tekst_bekeken)" value="([^"]+)"'
)


def answers_on(page: str) -> dict[str, str]:
    """The answers a page carries: those given earlier (hidden) and the one its question's
    button posts ({} if the page asks nothing)."""
    return dict(ANSWER.findall(page))


def fingerprint_on(page: str) -> str:
    """The fingerprint of the free texts a review page showed."""
    return answers_on(page)["vrije_tekst_bekeken"]


def composed(client, data: dict, until: str = "", **ticked):
    """The answer to `data` after the officer answered every question the page asked (compose
    on the BSN alone, without the signals the BRP check may have tied, with the other people's
    signals and without the free texts that `ticked` ticks: `meenemen=id`, `weglaten=key`);
    `until`: the question (its field) left unanswered, to see its page."""
    url = reverse("privacy:access_request")
    asked = dict(data)
    response = client.post(url, asked)
    for _ in range(4):  # at most one answer per question
        html = response["Content-Type"].startswith("text/html")
        answers = answers_on(response.content.decode()) if html else {}
        if not answers or until in answers:
            return response
        asked = {**asked, **answers, **ticked}
        response = client.post(url, asked)
    return response
