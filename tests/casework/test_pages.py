"""The casework pages with the test client: what users see and what their posts do."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, QueueFactory
from tests.page_text import page_text
from vroegsignaal.addresses import address_key
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation
from vroegsignaal.casework.heropaf import schedule_heropaf
from vroegsignaal.casework.models import Melding, Plan
from vroegsignaal.casework.worklist import HEROPAF_QUEUE
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.organisations.models import Team


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


def test_worklist_shows_queue_counts_and_meldingen_by_priority(logged_in, enschede):
    low = MeldingFactory(municipality=enschede, priority_score=5, street="Laagstraat")
    high = MeldingFactory(municipality=enschede, priority_score=80, street="Hoogstraat")

    response = logged_in.get(reverse("casework:worklist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Huisbezoek" in html and "Heropaf" in html
    assert html.index(high.street) < html.index(low.street)
    assert '<html lang="nl"' in html


def test_the_list_says_why_heropaf_meldingen_are_not_among_the_open_ones(logged_in, enschede):
    """The overview counts the Heropaf queue (closed meldingen whose heropaf is due), the list
    without a chosen werkbakje only the open ones: the page says so, so the totals add up."""
    MeldingFactory(municipality=enschede)
    MeldingFactory(
        municipality=enschede,
        state="closed",
        closed_on=dt.date(2026, 4, 1),
        heropaf_due_on=dt.date(2026, 10, 1),
    )
    url = reverse("casework:worklist")

    html = logged_in.get(url).content.decode()

    assert "Meldingen (1)" in html
    assert "De afgesloten melding waarvan de heropaf nu aan de beurt is, staat in" in html
    heropaf_list = logged_in.get(url, {"werkbakje": HEROPAF_QUEUE}).content.decode()
    assert "Meldingen (1)" in heropaf_list and 'data-testid="heropaf-apart"' not in heropaf_list


def test_worklist_filters_on_crisis_and_unassigned(logged_in, enschede, caseworker):
    MeldingFactory(municipality=enschede, street="Gewoonstraat")
    MeldingFactory(municipality=enschede, crisis=True, street="Crisisstraat")
    MeldingFactory(municipality=enschede, crisis=True, street="Bezetstraat", assigned_to=caseworker)

    response = logged_in.get(
        reverse("casework:worklist"), {"kenmerken": "crisis", "toegewezen": "unassigned"}
    )

    html = response.content.decode()
    assert "Crisisstraat" in html
    assert "Gewoonstraat" not in html and "Bezetstraat" not in html


def test_worklist_filters_on_partner_type_postcode_and_amount(logged_in, enschede):
    MeldingFactory(
        municipality=enschede,
        street="Waterstraat",
        signals__creditor__code="vitens",
        signals__creditor__partner_type="Water",
        total_amount_cents=50000,
    )
    MeldingFactory(municipality=enschede, street="Energiestraat", total_amount_cents=50000)
    MeldingFactory(municipality=enschede, street="Kleinstraat", total_amount_cents=1000)
    MeldingFactory(
        municipality=enschede, street="Elderstraat", postcode="7522CD", total_amount_cents=1000
    )

    def shown(**params):
        html = logged_in.get(reverse("casework:worklist"), params).content.decode()
        return {
            s for s in ("Waterstraat", "Energiestraat", "Kleinstraat", "Elderstraat") if s in html
        }

    assert shown(soort="Water") == {"Waterstraat"}
    assert shown(bedrag_vanaf="100") == {"Waterstraat", "Energiestraat"}
    assert shown(postcode="7522") == {"Elderstraat"}


def test_worklist_filters_on_overdue_first_action(logged_in, enschede):
    MeldingFactory(municipality=enschede, street="Laatstraat", due_on=dt.date(2020, 1, 1))
    MeldingFactory(municipality=enschede, street="Vroegstraat", due_on=dt.date(2099, 1, 1))

    html = logged_in.get(reverse("casework:worklist"), {"termijn": "overdue"}).content.decode()

    assert "Laatstraat" in html and "Vroegstraat" not in html


def test_worklist_paginates_and_keeps_the_filters(logged_in, enschede):
    MeldingFactory.create_batch(51, municipality=enschede, is_crisis=True)

    html = logged_in.get(reverse("casework:worklist"), {"kenmerken": "crisis"}).content.decode()

    assert "Pagina 1 van 2" in html
    assert "kenmerken=crisis&amp;pagina=2" in html


def test_bulk_assign_from_the_worklist(logged_in, enschede, colleague):
    first, second = MeldingFactory.create_batch(2, municipality=enschede)

    response = logged_in.post(
        reverse("casework:worklist"),
        {"melding": [f"{m.pk}:{m.version}" for m in (first, second)], "medewerker": colleague.pk},
        follow=True,
    )

    assert "2 meldingen toegewezen aan Col Lega" in response.content.decode()
    assert set(Melding.objects.values_list("assigned_to", flat=True)) == {colleague.pk}


def test_assigning_one_melding_says_so_in_the_singular(logged_in, enschede, colleague):
    melding = MeldingFactory(municipality=enschede)

    response = logged_in.post(
        reverse("casework:worklist"),
        {"melding": [f"{melding.pk}:{melding.version}"], "medewerker": colleague.pk},
        follow=True,
    )

    text = page_text(response.content.decode())
    assert "1 melding toegewezen aan Col Lega." in text
    assert "1 meldingen" not in text


@pytest.fixture
def zuid_colleague(enschede, colleague):
    """The colleague works in Team Zuid."""
    colleague.team = Team.objects.create(municipality=enschede, name="Team Zuid")
    colleague.save()
    return colleague


@pytest.fixture
def noord_melding(enschede):
    """A melding in the werkbakje of Wijkteam Noord."""
    noord = Team.objects.create(municipality=enschede, name="Wijkteam Noord")
    queue = QueueFactory(municipality=enschede, name="Huisbezoek Noord", team=noord)
    return MeldingFactory(municipality=enschede, queue=queue)


def test_assigning_to_a_colleague_of_another_team_is_refused_as_she_could_not_see_it(
    logged_in, noord_melding, zuid_colleague
):
    """QA12 B7: an assignment no longer widens what a caseworker sees, so a melding of
    Noord's werkbakje would be out of a Zuid colleague's sight."""
    response = logged_in.post(
        reverse("casework:worklist"),
        {
            "melding": [f"{noord_melding.pk}:{noord_melding.version}"],
            "medewerker": zuid_colleague.pk,
        },
        follow=True,
    )

    text = page_text(response.content.decode())
    assert (
        "Col Lega werkt in Team Zuid en kan deze melding in het werkbakje van Wijkteam Noord "
        "niet zien; kies iemand van Wijkteam Noord, een uitvoerder zonder team of het meldpunt."
        in text
    )
    assert Melding.objects.get(pk=noord_melding.pk).assigned_to is None


def test_assigning_one_melding_to_a_colleague_of_another_team_is_refused_too(
    logged_in, noord_melding, zuid_colleague
):
    response = logged_in.post(
        reverse("casework:assign", args=[noord_melding.pk]),
        {"version": noord_melding.version, "medewerker": zuid_colleague.pk},
        follow=True,
    )

    assert "kan deze melding in het werkbakje van Wijkteam Noord niet zien" in page_text(
        response.content.decode()
    )
    assert Melding.objects.get(pk=noord_melding.pk).assigned_to is None


def test_assigning_within_the_team_is_done(logged_in, enschede, zuid_colleague):
    zuid = QueueFactory(municipality=enschede, name="Huisbezoek Zuid", team=zuid_colleague.team)
    melding = MeldingFactory(municipality=enschede, queue=zuid)

    response = logged_in.post(
        reverse("casework:worklist"),
        {"melding": [f"{melding.pk}:{melding.version}"], "medewerker": zuid_colleague.pk},
        follow=True,
    )

    assert "1 melding toegewezen aan Col Lega." in page_text(response.content.decode())


@pytest.fixture
def at_93_2(enschede, caseworker):
    """An assigned melding at Lasondersingel 93 with huisnummertoevoeging 2 (not house 932)."""
    melding = MeldingFactory(
        municipality=enschede, street="Lasondersingel", postcode="7514BN", house_number=93,
        house_number_addition="2", address_key=address_key("7514BN", 93, "", "2"),
    )  # fmt: skip
    return assign(melding, caseworker, caseworker, melding.version)


def test_the_melding_page_writes_number_and_addition_as_the_letter_does(logged_in, at_93_2):
    text = page_text(logged_in.get(reverse("casework:melding", args=[at_93_2.pk])))

    assert f"Melding VS-{at_93_2.pk}: Lasondersingel 93-2, 7514BN Enschede" in text
    assert "Lasondersingel 932" not in text


def test_the_worklist_writes_number_and_addition_as_the_letter_does(logged_in, at_93_2):
    text = page_text(logged_in.get(reverse("casework:worklist")))

    assert "Lasondersingel 93-2, 7514BN" in text and "Lasondersingel 932" not in text


def test_an_action_page_writes_number_and_addition_as_the_letter_does(logged_in, at_93_2):
    text = page_text(logged_in.get(reverse("casework:contact", args=[at_93_2.pk])))

    assert f"Melding VS-{at_93_2.pk}: Lasondersingel 93-2, 7514BN Enschede" in text


def test_a_melding_names_its_address_as_the_letter_does(at_93_2):
    """As the inzage JSON and the audit log name it."""
    assert str(at_93_2) == f"Melding VS-{at_93_2.pk} (7514BN 93-2)"


def test_the_pages_of_a_melding_name_it_by_its_kenmerk_only(logged_in, enschede, at_93_2):
    """A caseworker on the phone with a colleague, or a resident reading the letter, quotes
    'VS-14296': the pages say the same, never a second form 'Melding 14296'."""
    earlier = MeldingFactory(
        municipality=enschede, address_key=at_93_2.address_key, period_start=dt.date(2025, 12, 1)
    )
    pages = {
        url: logged_in.get(url).content.decode()
        for url in (
            reverse("casework:melding", args=[at_93_2.pk]),
            reverse("casework:contact", args=[at_93_2.pk]),
            reverse("casework:worklist"),
        )
    }
    melding_page, action_page, worklist = pages.values()

    assert f"<title>Melding VS-{at_93_2.pk} · Vroegsignaal</title>" in melding_page
    assert f"Melding VS-{earlier.pk}, periode 12-2025 (eerder)" in page_text(melding_page)
    assert f"<title>Contactpoging vastleggen · melding VS-{at_93_2.pk}" in action_page
    assert f"Melding VS-{at_93_2.pk} kiezen" in page_text(worklist)
    for url, html in pages.items():
        for melding in (at_93_2, earlier):
            assert not re.search(rf"(?i)\bmelding {melding.pk}\b", page_text(html)), url


def test_melding_page_shows_signals_reasons_deadlines_and_earlier_meldingen(logged_in, enschede):
    # Help accepted: the statutory crisis term runs from acceptance (Wgs art. 4 lid 2).
    melding = MeldingFactory(municipality=enschede, crisis=True, accepted_on=dt.date(2026, 11, 3))
    earlier = MeldingFactory(
        municipality=enschede, address_key=melding.address_key, period_start=dt.date(2026, 5, 1)
    )

    html = logged_in.get(reverse("casework:melding", args=[melding.pk])).content.decode()

    assert "J. Jansen" in html and "Energie Oost" in html and "€ 250,00" in html
    assert "Achterstand € 250 (+4)" in html
    assert "Eerste actie gemeente" in html and "Eerste gesprek bij crisissignaal" in html
    assert f"Melding VS-{earlier.pk}, periode 05-2026" in html


def test_melding_page_shows_why_a_signal_was_not_picked_up(logged_in, enschede):
    """The municipality sees the matching's reason (the creditor never does: feedback.permitted)."""
    melding = MeldingFactory(municipality=enschede)
    signal = melding.signal_links.first().signal
    signal.status, signal.status_reason = "Niet opgepakt: onterecht signaal", "Zakelijk contract"
    signal.save()

    html = logged_in.get(reverse("casework:melding", args=[melding.pk])).content.decode()

    assert (
        'Niet opgepakt: onterecht signaal<br><span class="status-reason">Zakelijk contract' in html
    )


def test_melding_page_shows_the_address_the_brp_knows_for_a_resident(logged_in, enschede):
    """BRP check: someone found at another address of the municipality is picked up, and the
    caseworker reads where the register has them."""
    melding = MeldingFactory(municipality=enschede)
    signal = melding.signal_links.first().signal
    signal.brp_note = "Volgens de BRP woonachtig op ander adres: 7512CD 40"
    signal.save()

    html = logged_in.get(reverse("casework:melding", args=[melding.pk])).content.decode()

    assert 'data-testid="brp-opmerking">Volgens de BRP woonachtig op ander adres: 7512CD 40' in html


def test_melding_page_lists_earlier_and_later_meldingen_at_the_address_by_period(
    logged_in, enschede
):
    melding = MeldingFactory(municipality=enschede, period_start=dt.date(2026, 4, 1))
    address = melding.address_key
    later = MeldingFactory(
        municipality=enschede, address_key=address, period_start=dt.date(2026, 10, 1)
    )
    earlier = MeldingFactory(
        municipality=enschede, address_key=address, period_start=dt.date(2025, 12, 1)
    )
    MeldingFactory(municipality=enschede, period_start=dt.date(2026, 2, 1))  # another address

    html = logged_in.get(reverse("casework:melding", args=[melding.pk])).content.decode()

    assert "Andere meldingen op dit adres" in html and "Eerdere meldingen" not in html
    shown = [
        f"Melding VS-{earlier.pk}, periode 12-2025 (eerder)",
        f"Melding VS-{later.pk}, periode 10-2026 (later)",
    ]
    assert all(text in html for text in shown)
    assert html.index(shown[0]) < html.index(shown[1])
    assert html.count(", periode ") == 2


def test_reassigning_starts_from_the_current_assignee_not_the_user(
    logged_in, melding, caseworker, colleague
):
    """A stray click on 'Toewijzen' must not take the melding away from its caseworker."""
    assign(melding, colleague, caseworker, melding.version)

    html = logged_in.get(reverse("casework:melding", args=[melding.pk])).content.decode()

    assert f'<option value="{colleague.pk}" selected>' in html
    assert f'<option value="{caseworker.pk}" selected>' not in html


def test_melding_page_offers_only_allowed_actions(logged_in, melding):
    html = logged_in.get(reverse("casework:melding", args=[melding.pk])).content.decode()

    assert "Afsluiten met eindresultaat" in html
    assert "Contactpoging vastleggen" not in html
    assert "Gesprek vastleggen" not in html


def test_assign_to_self_then_record_an_attempt_through_the_pages(logged_in, melding, caseworker):
    logged_in.post(
        reverse("casework:assign", args=[melding.pk]),
        {"version": 1, "medewerker": caseworker.pk},
    )
    response = logged_in.post(
        reverse("casework:contact", args=[melding.pk]),
        {
            "version": 2,
            "kind": "Huisbezoek",
            "attempted_on": "2026-11-05",
            "moment": "19:30",
            "reached": "nee",
            "note": "Niemand thuis",
        },
        follow=True,
    )

    html = response.content.decode()
    assert "De contactpoging is vastgelegd." in html
    assert "Avond" in html and "Niemand thuis" in html
    assert "Kaartje achtergelaten na huisbezoek van 05-11-2026" in html
    assert Melding.objects.get(pk=melding.pk).state == "contact_in_progress"


def test_a_stale_form_shows_the_dutch_conflict_message(logged_in, assigned):
    stale_version = assigned.version - 1

    response = logged_in.post(
        reverse("casework:contact", args=[assigned.pk]),
        {
            "version": stale_version,
            "kind": "Brief",
            "attempted_on": "2026-11-05",
            "part_of_day": "Ochtend",
            "reached": "nee",
        },
    )

    assert response.status_code == 200
    assert "Iemand anders heeft deze melding intussen gewijzigd" in response.content.decode()
    assert not assigned.contact_attempts.exists()


def test_contact_form_needs_time_or_part_of_day(logged_in, assigned):
    response = logged_in.post(
        reverse("casework:contact", args=[assigned.pk]),
        {
            "version": assigned.version,
            "kind": "Brief",
            "attempted_on": "2026-11-05",
            "reached": "nee",
        },
    )

    assert (
        "Tijd: vul de tijd van de contactpoging in, of kies het dagdeel."
        in response.content.decode()
    )


def test_close_page_proposes_no_contact_after_three_missed_attempts(logged_in, assigned):
    for day in (3, 4, 5):
        logged_in.post(
            reverse("casework:contact", args=[assigned.pk]),
            {
                "version": Melding.objects.get(pk=assigned.pk).version,
                "kind": "Telefoon",
                "attempted_on": f"2026-11-0{day}",
                "part_of_day": "Middag",
                "reached": "nee",
            },
        )

    melding_html = logged_in.get(reverse("casework:melding", args=[assigned.pk])).content.decode()
    close_html = logged_in.get(reverse("casework:close", args=[assigned.pk])).content.decode()

    assert "Na 3 mislukte contactpogingen" in melding_html
    assert '<option value="Definitief geen contact kunnen krijgen" selected>' in close_html


def test_closing_without_a_result_names_the_field(logged_in, assigned):
    response = logged_in.post(
        reverse("casework:close", args=[assigned.pk]), {"version": assigned.version, "result": ""}
    )

    assert (
        "Eindresultaat: kies een eindresultaat om de melding af te sluiten."
        in response.content.decode()
    )
    assert Melding.objects.get(pk=assigned.pk).state == "assigned"


def test_conversation_plan_referral_and_budget_pages_render_and_save(logged_in, assigned):
    pk = assigned.pk
    creditor = assigned.signal_links.get().signal.creditor

    def version():
        return Melding.objects.get(pk=pk).version

    provisions = {
        f"provision_{p}": "onbekend"
        for p in (
            "huurtoeslag",
            "zorgtoeslag",
            "kindgebonden_budget",
            "kinderopvangtoeslag",
            "kwijtschelding",
            "bijzondere_bijstand",
            "individuele_inkomenstoeslag",
            "energietoeslag",
        )
    }
    for page in ("conversation",):
        assert logged_in.get(reverse(f"casework:{page}", args=[pk])).status_code == 200
    logged_in.post(
        reverse("casework:conversation", args=[pk]),
        {
            "version": version(),
            "held_on": "2026-11-10",
            "help_offered": "ja",
            "help_accepted": "ja",
            "cause": "hogere_uitgaven",
            **provisions,
            "provision_huurtoeslag": "aangevraagd",
        },
    )
    logged_in.post(
        reverse("casework:budget", args=[pk]),
        {
            "version": version(),
            "kind": "inkomsten",
            "description": "Uitkering",
            "monthly_cents": "1250,50",
        },
    )
    budget = logged_in.get(reverse("casework:budget", args=[pk])).content.decode()
    logged_in.post(
        reverse("casework:plan", args=[pk]),
        {
            "version": version(),
            f"payment_{creditor.pk}": "Maandbedrag weer per incasso",
            "room_to_pay_off": "ja",
            "problematic_debts": "nee",
        },
    )
    response = logged_in.post(
        reverse("casework:referral", args=[pk]),
        {"version": version(), "kind": "budgetcoaching", "handover_on": "2026-11-20"},
        follow=True,
    )

    html = response.content.decode()
    assert "€ 1.250,50" in budget
    assert "Lopende betalingen Energie Oost" in html
    assert "Maandbedrag weer per incasso" in html
    assert "Budgetcoaching: warme overdracht op 20-11-2026" in page_text(html)
    assert Melding.objects.get(pk=pk).state == "referred"


def test_the_plan_keeps_agreements_per_creditor_id_and_shows_them_by_name(
    logged_in, assigned, caseworker
):
    creditor = assigned.signal_links.get().signal.creditor
    url = reverse("casework:plan", args=[assigned.pk])
    record_contact_attempt(
        assigned,
        caseworker,
        assigned.version,
        kind=Contactsoort.HUISBEZOEK,
        attempted_on=dt.date(2026, 11, 3),
        part_of_day=Dagdeel.OCHTEND,
        reached=True,
    )
    record_conversation(
        assigned,
        caseworker,
        assigned.version,
        held_on=dt.date(2026, 11, 3),
        help_offered="ja",
        help_accepted="ja",
        cause="inkomensdaling",
    )
    form = logged_in.get(url).content.decode()
    creditor.name = "Energie Oost-Nederland"
    creditor.save()
    response = logged_in.post(
        url,
        {
            "version": Melding.objects.get(pk=assigned.pk).version,
            f"payment_{creditor.pk}": "Termijn per 1 december weer automatisch",
            "room_to_pay_off": "ja",
            "problematic_debts": "nee",
        },
        follow=True,
    )

    assert "Afspraak over de lopende betalingen aan Energie Oost" in form
    assert Plan.objects.get(melding=assigned).ongoing_payments == {
        str(creditor.pk): "Termijn per 1 december weer automatisch"
    }
    html = response.content.decode()
    assert "Lopende betalingen Energie Oost-Nederland" in html
    assert f"Lopende betalingen {creditor.pk}" not in html


def test_heropaf_queue_lists_the_melding_from_its_date_and_reopens_it(logged_in, assigned):
    pk = assigned.pk
    # Matched a year ago, so the creditor was informed long enough ago for the heropaf to be due.
    Melding.objects.filter(pk=pk).update(matched_on=dt.date(2025, 11, 3))
    record_contact_attempt(
        Melding.objects.get(pk=pk), assigned.assigned_to, 2, kind=Contactsoort.TELEFOON,
        attempted_on=dt.date(2025, 11, 5), part_of_day=Dagdeel.OCHTEND, reached=True,
    )  # fmt: skip
    logged_in.post(
        reverse("casework:close", args=[pk]),
        {"version": 3, "result": "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"},
    )
    # The feedback release informs the creditor and plans the heropaf.
    schedule_heropaf(Melding.objects.get(pk=pk), dt.date(2026, 1, 15))

    queue = logged_in.get(
        reverse("casework:worklist"), {"werkbakje": HEROPAF_QUEUE}
    ).content.decode()
    response = logged_in.post(reverse("casework:reopen", args=[pk]), {"version": 5}, follow=True)

    assert reverse("casework:melding", args=[pk]) in queue
    html = response.content.decode()
    assert "Heropend (heropaf)" in html
    assert "Heropend door heropaf; contactronde 2" in html


def test_close_page_asks_the_satisfaction_and_stores_it(logged_in, helped):
    form_html = logged_in.get(reverse("casework:close", args=[helped.pk])).content.decode()

    response = logged_in.post(
        reverse("casework:close", args=[helped.pk]),
        {
            "version": helped.version,
            "result": "(Budget)advies en/of quick fix",
            "satisfaction": "8",
        },
        follow=True,
    )

    assert "Tevredenheid van de inwoner" in form_html
    assert Melding.objects.get(pk=helped.pk).satisfaction == 8
    assert 'data-testid="tevredenheid">8</dd>' in response.content.decode()


def test_close_page_leaves_the_satisfaction_empty_when_not_asked(logged_in, helped):
    logged_in.post(
        reverse("casework:close", args=[helped.pk]),
        {"version": helped.version, "result": "(Budget)advies en/of quick fix"},
    )

    stored = Melding.objects.get(pk=helped.pk)
    assert (stored.state, stored.satisfaction) == ("closed", None)


def test_close_page_refuses_a_cijfer_outside_1_to_10_naming_the_field(logged_in, helped):
    response = logged_in.post(
        reverse("casework:close", args=[helped.pk]),
        {
            "version": helped.version,
            "result": "(Budget)advies en/of quick fix",
            "satisfaction": "11",
        },
    )

    assert "Tevredenheid: geef een cijfer van 1 tot en met 10." in response.content.decode()
    assert Melding.objects.get(pk=helped.pk).state == "in_conversation"


def test_melding_page_shows_the_whole_conversation(logged_in, assigned, caseworker):
    """What was recorded in a conversation is on the melding: besides date, help and cause also
    the other life domains, the voorzieningencheck (the provisions asked about) and the note."""
    record_conversation(
        assigned, caseworker, assigned.version, held_on=dt.date(2026, 11, 10), help_offered="ja",
        help_accepted="ja", cause="hogere_uitgaven", other_domains=["gezondheid", "werk"],
        provisions={"huurtoeslag": "aangevraagd", "zorgtoeslag": "ontvangt_al",
                    "energietoeslag": "onbekend"},
        note="Wil eerst met partner overleggen.",
    )  # fmt: skip

    html = logged_in.get(reverse("casework:melding", args=[assigned.pk])).content.decode()

    assert "Werk en dagbesteding, Lichamelijke gezondheid" in html
    assert "Huurtoeslag: Nu aangevraagd" in html and "Zorgtoeslag: Ontvangt al" in html
    assert "Energietoeslag" not in html  # not asked about: left out
    assert "Wil eerst met partner overleggen." in html


def test_the_global_cause_must_be_chosen_not_preset(logged_in, assigned):
    """The cause is fed back to the creditor: the form starts without one, so nobody saves a
    cause that was not chosen."""
    page = logged_in.get(reverse("casework:conversation", args=[assigned.pk])).content.decode()
    assert '<option value="" selected>Kies de oorzaak</option>' in page

    response = logged_in.post(
        reverse("casework:conversation", args=[assigned.pk]),
        {"version": assigned.version, "held_on": "2026-11-10", "help_offered": "ja",
         "help_accepted": "ja", "cause": ""},
    )  # fmt: skip

    assert response.status_code == 200 and not assigned.conversations.exists()


def test_melding_page_dates_each_signal_and_marks_a_later_one_attached_as_repeat(
    logged_in, enschede
):
    """A signal the same partner sent again later is attached to the open melding (herhaalde
    melding); the page shows when each signal came and which one was attached later."""
    melding = MeldingFactory(municipality=enschede, signals=2)
    _first, later = melding.signal_links.order_by("signal_id")
    later.attached_as_repeat = True
    later.save()

    html = logged_in.get(reverse("casework:melding", args=[melding.pk])).content.decode()

    assert html.count('data-testid="signaaldatum"') == 2
    assert html.count("later signaal, gekoppeld als herhaalde melding") == 1
