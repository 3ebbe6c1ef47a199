"""Going through the inzage's review of free texts as the privacy officer does: the answer
carries the fingerprint of the texts the page showed (QA13 N1), so a test takes it from the
page rather than posting 'vrije_tekst_bekeken' on its own."""

import re

from django.urls import reverse

FINGERPRINT = re.compile(r'name="vrije_tekst_controle" value="([^"]+)"')


def fingerprint_on(page: str) -> str:
    """The fingerprint of the texts a review page showed."""
    return FINGERPRINT.search(page).group(1)


def composed(client, data: dict, **left_out):
    """The answer to `data` after the officer read the free texts (if the document has any) and
    left out what `left_out` ticks (`weglaten=key`)."""
    url = reverse("privacy:access_request")
    response = client.post(url, data)
    page = response.content.decode() if response["Content-Type"].startswith("text/html") else ""
    if not FINGERPRINT.search(page):
        return response
    reviewed = {"vrije_tekst_bekeken": "1", "vrije_tekst_controle": fingerprint_on(page)}
    return client.post(url, {**data, **reviewed, **left_out})
