"""factory_boy factories for the organisation side; traits give each role its organisation."""

import datetime as dt

import factory

from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.organisations import models

DEMO_PASSWORD = "Vroeg-Signaal-2026"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region
        django_get_or_create = ["name"]

    name = "Twente"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality
        django_get_or_create = ["code"]

    code = "0153"
    name = "Enschede"
    inhabitants = 162000
    region = factory.SubFactory(RegionFactory)


class PostcodeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PostcodeArea
        django_get_or_create = ["postcode"]

    postcode = "7511"
    municipality = factory.SubFactory(MunicipalityFactory)


class CreditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Creditor
        django_get_or_create = ["code"]

    code = "energie-oost"
    name = "Energie Oost"
    partner_type = Signaalpartner.ENERGIE


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agreement

    creditor = factory.SubFactory(CreditorFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    valid_from = dt.date(2021, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Sam"
    last_name = "de Vries"
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    class Params:
        creditor_staff = factory.Trait(
            role=models.Role.CREDITOR_STAFF, creditor=factory.SubFactory(CreditorFactory)
        )
        intake = factory.Trait(
            role=models.Role.INTAKE, municipality=factory.SubFactory(MunicipalityFactory)
        )
        caseworker = factory.Trait(
            role=models.Role.CASEWORKER, municipality=factory.SubFactory(MunicipalityFactory)
        )
        project_leader = factory.Trait(
            role=models.Role.PROJECT_LEADER, region=factory.SubFactory(RegionFactory)
        )
        administrator = factory.Trait(role=models.Role.ADMINISTRATOR, is_staff=True)
        privacy_officer = factory.Trait(
            role=models.Role.PRIVACY_OFFICER, municipality=factory.SubFactory(MunicipalityFactory)
        )


def enschede_with_energy_agreement() -> tuple[models.Municipality, models.Creditor]:
    """Enschede (0153) with postcode areas 7511, 7512 and 7521AB, and Energie Oost under contract."""
    municipality = MunicipalityFactory()
    for postcode in ("7511", "7512", "7521AB"):
        PostcodeAreaFactory(postcode=postcode, municipality=municipality)
    creditor = CreditorFactory()
    AgreementFactory(creditor=creditor, municipality=municipality)
    return municipality, creditor
