"""The print-room batch: one PDF, one contact attempt per melding, never twice."""

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.letters.conftest import MOMENT, assigned_melding, reach
from tests.letters.pdf import pdf_text
from tests.page_text import page_text
from vroegsignaal.addresses import address_key
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.models import ContactAttempt
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import LetterBatch, SentLetter


@pytest.fixture
def three(enschede, caseworker, letterhead):
    return [
        assigned_melding(enschede, caseworker, postcode=postcode, signals__postcode=postcode)
        for postcode in ("7513CD", "7511AB", "7512BC")
    ]


def _run(meldingen, user):
    selection = [(m, m.version) for m in meldingen]
    return services.first_letter_batch(meldingen[0].municipality, selection, user, MOMENT)


def test_a_batch_makes_one_pdf_and_one_brief_attempt_per_melding(three, caseworker):
    result = _run(three, caseworker)
    assert result.batch.letter_count == 3 and not result.skipped
    attempts = ContactAttempt.objects.order_by("melding_id")
    assert [(a.kind, a.attempted_on, a.part_of_day, a.reached) for a in attempts] == [
        (Contactsoort.BRIEF, MOMENT.date(), Dagdeel.OCHTEND, False)
    ] * 3
    text = pdf_text(result.batch.pdf.read())
    # Sorted by postcode for the post.
    assert text.index("7511 AB") < text.index("7512 BC") < text.index("7513 CD")


def test_running_the_same_batch_twice_records_nothing_the_second_time(three, caseworker):
    first = _run(three, caseworker)
    for melding in three:
        melding.refresh_from_db()
    again = _run(three, caseworker)
    assert again.repeated and again.batch == first.batch
    assert ContactAttempt.objects.count() == 3
    assert SentLetter.objects.count() == 3
    assert LetterBatch.objects.count() == 1


def test_an_overlapping_batch_skips_meldingen_that_already_had_their_first_letter(
    three, caseworker, enschede
):
    _run(three[:2], caseworker)
    for melding in three:
        melding.refresh_from_db()
    result = _run(three, caseworker)
    assert result.batch.letter_count == 1
    assert [(m.pk, reason) for m, reason in result.skipped] == [
        (m.pk, "De eerste brief is in deze ronde al verstuurd.")
        for m in sorted(three[:2], key=lambda m: m.postcode)
    ]
    assert ContactAttempt.objects.count() == 3


def test_an_unassigned_or_changed_melding_is_skipped_with_the_casework_reason(
    three, caseworker, enschede
):
    unassigned = MeldingFactory(municipality=enschede, postcode="7500AA")
    stale = three[0]
    selection = [
        (unassigned, unassigned.version),
        (stale, stale.version - 1),
        (three[1], three[1].version),
    ]
    result = services.first_letter_batch(enschede, selection, caseworker, MOMENT)
    reasons = dict((m.pk, reason) for m, reason in result.skipped)
    assert (
        reasons[unassigned.pk] == "Wijs de melding eerst toe voordat u een contactpoging vastlegt."
    )
    assert reasons[stale.pk].startswith("Iemand anders heeft deze melding intussen gewijzigd.")
    assert result.batch.letter_count == 1
    assert list(ContactAttempt.objects.values_list("melding_id", flat=True)) == [three[1].pk]


def test_a_batch_with_another_municipalitys_melding_is_refused(three, caseworker, hengelo):
    other = MeldingFactory(municipality=hengelo)
    with pytest.raises(services.LetterError, match="alleen meldingen van één gemeente"):
        services.first_letter_batch(
            three[0].municipality, [(other, other.version)], caseworker, MOMENT
        )
    assert not ContactAttempt.objects.exists()


def test_a_melding_whose_resident_was_reached_gets_no_first_letter(three, caseworker):
    """The first letter ('Wij helpen u graag') is the first approach: once the resident was
    reached in this round (or the melding is in conversation, has a plan or was referred) it
    would reach someone already helped, and count as a failed contact attempt."""
    reached, _waiting, tried = three
    reach(reached, caseworker)
    record_contact_attempt(
        tried, caseworker, tried.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=MOMENT.date(), part_of_day=Dagdeel.OCHTEND, reached=False,
    )  # fmt: skip
    tried.refresh_from_db()

    result = _run(three, caseworker)

    assert [(m.pk, reason) for m, reason in result.skipped] == [
        (
            reached.pk,
            "De inwoner is in deze contactronde al bereikt; een eerste brief is niet meer nodig.",
        )
    ]
    assert result.batch.letter_count == 2  # also after a missed home visit


def test_the_batch_page_lists_only_meldingen_awaiting_their_first_letter(client, three, caseworker):
    reached = three[0]
    reach(reached, caseworker)
    client.force_login(caseworker)

    page = client.get(reverse("letters:batch")).content.decode()

    assert f'value="{three[1].pk}:' in page and f'value="{three[2].pk}:' in page
    assert f'value="{reached.pk}:' not in page


@pytest.fixture
def reopened(enschede, caseworker, letterhead):
    """A melding in contact round 2 (the heropaf reopened it), assigned again."""
    return assigned_melding(enschede, caseworker, postcode="7514AA", contact_round=2)


def test_a_melding_in_a_later_contact_round_gets_the_heropaf_letter_in_the_batch(
    three, reopened, caseworker
):
    """The resident was offered help in round 1: the first letter ('Wij kregen een bericht van
    uw energieleverancier') would read as a first approach; the round opens with the heropaf
    letter."""
    result = _run([three[0], reopened], caseworker)

    text = pdf_text(result.batch.pdf.read())
    first, heropaf = "Wij kregen een bericht van", "Een tijd geleden kregen wij een bericht van"
    assert text.count(first) == 1 and text.count(heropaf) == 1
    assert text.index(first) < text.index(heropaf)  # by postcode: 7513 CD, then 7514 AA
    letter = SentLetter.objects.get(melding=reopened)
    assert (letter.kind, letter.contact_round) == ("heropaf", 2)
    assert letter.contact_attempt.kind == Contactsoort.BRIEF
    assert letter.contact_attempt.note == "Brief na heropaf gemaakt in Vroegsignaal."


def test_a_heropaf_letter_made_in_this_round_counts_as_the_rounds_first_letter(
    client, reopened, caseworker
):
    request = services.LetterRequest(LetterKind.HEROPAF)
    services.send_letter(reopened, caseworker, reopened.version, request, MOMENT)
    reopened.refresh_from_db()
    client.force_login(caseworker)

    page = client.get(reverse("letters:batch")).content.decode()
    result = _run([reopened], caseworker)

    assert f'value="{reopened.pk}:' not in page
    assert result.batch is None
    assert result.skipped == [(reopened, "De eerste brief is in deze ronde al verstuurd.")]


def test_the_batch_page_names_the_letter_each_melding_gets(client, three, reopened, caseworker):
    client.force_login(caseworker)

    page = client.get(reverse("letters:batch")).content.decode()

    row = page[page.index(f'value="{reopened.pk}:') :]
    row = row[: row.index("</tr>")]
    assert "Brief na heropaf (contactronde 2)" in row
    row = page[page.index(f'value="{three[0].pk}:') :]
    assert "Eerste brief: aanbod van hulp" in row[: row.index("</tr>")]


def test_the_batch_page_writes_number_and_addition_as_the_letter_does(
    client, enschede, caseworker, letterhead
):
    """Huisnummer 93 with toevoeging 2 is '93-2' on the list and on the result, as in the
    letter: '932' is another house, and the print room sorts the post by it."""
    melding = assigned_melding(
        enschede, caseworker, street="Lasondersingel", postcode="7514BN", house_number=93,
        house_number_addition="2", address_key=address_key("7514BN", 93, "", "2"),
    )  # fmt: skip
    client.force_login(caseworker)

    listed = page_text(client.get(reverse("letters:batch")))
    stale = f"{melding.pk}:{melding.version - 1}"
    result = page_text(client.post(reverse("letters:batch"), {"melding": [stale]}))

    assert "Lasondersingel 93-2, 7514BN Enschede" in listed and "Lasondersingel 932" not in listed
    assert f"Melding VS-{melding.pk} (7514BN 93-2)" in result
