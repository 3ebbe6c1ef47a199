"""Factories for meldingen with their signals; traits give the usual kinds of melding."""

import datetime as dt

import factory

from tests.factories import CreditorFactory, MunicipalityFactory, UserFactory
from vroegsignaal.casework import models
from vroegsignaal.ddas import Contactsoort
from vroegsignaal.intake.models import Channel, Delivery, Signal


class QueueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Queue
        django_get_or_create = ["municipality", "name"]

    municipality = factory.SubFactory(MunicipalityFactory)
    name = "Huisbezoek"
    first_contact_channel = Contactsoort.HUISBEZOEK


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    creditor = factory.SubFactory(CreditorFactory)
    channel = Channel.UPLOAD
    checksum = factory.Sequence(lambda n: f"{n:064d}")
    status = "accepted"


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    creditor = factory.SubFactory(CreditorFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    delivery = factory.SubFactory(DeliveryFactory, creditor=factory.SelfAttribute("..creditor"))
    row_number = factory.Sequence(lambda n: n + 2)
    customer_number = factory.Sequence(lambda n: f"K{n:06d}")
    signal_date = dt.date(2026, 10, 20)
    initials = "J."
    surname = "Jansen"
    birth_date = dt.date(1980, 5, 17)
    street = "Oldenzaalsestraat"
    house_number = 12
    postcode = "7511AB"
    city = "Enschede"
    amount_cents = 25000
    arrears_start = dt.date(2026, 8, 1)
    address_key = "7511AB-12"


class MeldingFactory(factory.django.DjangoModelFactory):
    """A go melding in the Huisbezoek queue, with one signal (``signals=n`` for more)."""

    class Meta:
        model = models.Melding
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"0153-2026-10-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    period_start = dt.date(2026, 10, 1)
    period_end = dt.date(2026, 10, 31)
    matched_on = dt.date(2026, 11, 2)
    address_key = factory.Sequence(lambda n: f"7511AB-{n + 1}")
    postcode = "7511AB"
    house_number = factory.Sequence(lambda n: n + 1)
    street = "Oldenzaalsestraat"
    city = "Enschede"
    is_single = True
    partner_types = ["Energie"]
    partner_type_count = 1
    total_amount_cents = 25000
    go = True
    priority_score = 10
    priority_reasons = ["Achterstand € 250 (+4)"]
    queue = factory.SubFactory(QueueFactory, municipality=factory.SelfAttribute("..municipality"))
    due_on = dt.date(2026, 11, 16)

    class Params:
        crisis = factory.Trait(is_crisis=True, priority_score=60)
        assigned = factory.Trait(
            state="assigned",
            assigned_to=factory.SubFactory(
                UserFactory, caseworker=True, municipality=factory.SelfAttribute("..municipality")
            ),
        )

    @factory.post_generation
    def signals(obj, create, extracted, **kwargs):
        if not create:
            return
        types = set()
        for _ in range(1 if extracted is None else extracted):
            signal = SignalFactory(**{**_address_of(obj), **kwargs}, municipality=obj.municipality)
            models.MeldingSignal.objects.create(signal=signal, melding=obj)
            types.add(signal.creditor.partner_type)
        if types:  # as matching does: the melding lists the partner types of its signals
            obj.partner_types, obj.partner_type_count = sorted(types), len(types)
            obj.save(update_fields=["partner_types", "partner_type_count"])


def _address_of(melding: models.Melding) -> dict:
    """The address fields a signal at the melding's address has."""
    return {
        "address_key": melding.address_key,
        "street": melding.street,
        "postcode": melding.postcode,
        "house_number": melding.house_number,
        "house_letter": melding.house_letter,
        "house_number_addition": melding.house_number_addition,
        "city": melding.city,
    }


def add_signal(melding: models.Melding, creditor) -> Signal:
    """Link one more signal, from ``creditor`` at the melding's address, to ``melding``."""
    signal = SignalFactory(
        creditor=creditor, municipality=melding.municipality, **_address_of(melding)
    )
    models.MeldingSignal.objects.create(signal=signal, melding=melding)
    return signal
