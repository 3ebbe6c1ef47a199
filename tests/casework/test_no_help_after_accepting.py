"""'Inwoner regelt het zelf/hoeft geen hulp' right after 'hulp geaccepteerd', before any
conversation: changing one's mind is allowed, but the Wgs first conversation (art. 4 lid 1) then
lapses, so the close form asks to confirm, as for a contradicting quick fix, and the timeline
keeps what the close was against (QA15 B12; casework.contradictions)."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import EventKind, Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat

FRIDAY = dt.date(2026, 11, 27)
VISITED = dt.date(2026, 11, 26)
NO_HELP = Eindresultaat.REGELT_ZELF


@pytest.fixture
def accepted(enschede, caseworker, monkeypatch):
    """A melding whose resident accepted help at a home visit on 26-11-2026; no conversation."""
    moment = timezone.make_aware(dt.datetime.combine(FRIDAY, dt.time(10, 0)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    melding = MeldingFactory(municipality=enschede)
    assign(melding, caseworker, caseworker, melding.version)
    melding.refresh_from_db()
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=VISITED, part_of_day=Dagdeel.OCHTEND, reached=True, accepted_help=True,
    )  # fmt: skip
    return Melding.objects.get(pk=melding.pk)


def test_no_help_right_after_accepting_help_asks_to_confirm(accepted, caseworker):
    with pytest.raises(CaseworkError) as caught:
        close_with_result(accepted, caseworker, accepted.version, NO_HELP)
    assert caught.value.field == "confirm_contradiction"
    warning = str(caught.value)
    assert "Vastgelegd bij deze melding: hulp geaccepteerd op 26-11-2026, nog zonder" in warning
    assert "Wgs art. 4" in warning and "Toch afsluiten met" in warning


def test_no_help_confirmed_closes_and_the_timeline_names_the_accepted_help(accepted, caseworker):
    close_with_result(accepted, caseworker, accepted.version, NO_HELP, confirmed_contradiction=True)
    event = Melding.objects.get(pk=accepted.pk).events.get(kind=EventKind.CLOSED)
    assert "bewust ondanks hulp geaccepteerd op 26-11-2026" in describe(event, with_phase=False)
