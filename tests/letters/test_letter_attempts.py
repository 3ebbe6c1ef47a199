"""A letter or card is a contact attempt (DDAS contactsoort Brief or Kaartje) that went out: the
melding page says so ('verstuurd', 'achtergelaten'), not 'niet bereikt', while what is counted
(an attempt that did not reach the resident) stays the same."""

import re

from django.urls import reverse

from tests.letters.conftest import MOMENT
from vroegsignaal.casework.contact import leave_card, record_contact_attempt
from vroegsignaal.casework.models import ContactAttempt
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind


def _kind_and_outcome(html: str) -> list[tuple[str, str]]:
    """(Contactsoort, Bereikt) of each row of the contact attempts table."""
    table = html[html.index('data-testid="contactpogingen"') :]
    table = table[: table.index("</tbody>")]
    header, *rows = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.split(r"</t[hd]>", row)]
        for row in table.split("<tr")[1:]
    ]
    kind, outcome = header.index("Contactsoort"), header.index("Bereikt")
    return [(cells[kind], cells[outcome]) for cells in rows]


def test_a_letter_and_a_card_show_as_sent_not_as_not_reached(client, melding, caseworker):
    visit = record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=MOMENT.date(), part_of_day=Dagdeel.AVOND, reached=False,
    )  # fmt: skip
    leave_card(melding, caseworker, melding.version, visit)
    for kind in (LetterKind.FIRST, LetterKind.REMINDER):  # the reminder follows the first letter
        request = services.LetterRequest(kind)
        services.send_letter(melding, caseworker, melding.version, request, MOMENT)
    client.force_login(caseworker)

    html = client.get(reverse("casework:melding", args=[melding.pk])).content.decode()

    assert dict(_kind_and_outcome(html)) == {
        "Huisbezoek": "Nee",
        "Kaartje": "Achtergelaten",
        "Brief": "Verstuurd",
    }
    assert "Huisbezoek op 25-11-2026, avond: niet bereikt" in html
    assert "Kaartje op 25-11-2026, avond: achtergelaten" in html
    assert "Brief op 25-11-2026, ochtend: verstuurd" in html
    assert "Brief op 25-11-2026, ochtend: niet bereikt" not in html
    # Counted as before: attempts that did not reach the resident (DDAS contactpogingen).
    assert not ContactAttempt.objects.filter(reached=True).exists()
