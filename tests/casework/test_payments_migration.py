"""Migration casework.0007 keys existing agreements on ongoing payments by creditor id instead of
by the creditor's name, losing none: a name no creditor of the melding bears is kept aside."""

from importlib import import_module

import pytest
from django.apps import apps

from tests.casework.factories import CreditorFactory, MeldingFactory, add_signal
from vroegsignaal.casework.models import Plan

migration = import_module("vroegsignaal.casework.migrations.0007_plan_payments_by_creditor_id")


@pytest.fixture
def energy(db):
    return CreditorFactory()


@pytest.fixture
def water(db):
    return CreditorFactory(code="water-oost", name="Water Oost", partner_type="Water")


def plan_of(melding, *creditors, payments: dict[str, str]) -> Plan:
    for creditor in creditors:
        add_signal(melding, creditor)
    return Plan.objects.create(
        melding=melding, ongoing_payments=payments, room_to_pay_off="ja", problematic_debts="nee"
    )


def migrated(plan: Plan, direction) -> dict[str, str]:
    direction(apps, None)
    return Plan.objects.get(pk=plan.pk).ongoing_payments


def test_the_migration_keys_each_agreement_by_the_id_of_the_creditor_with_that_name(
    enschede, energy, water
):
    melding = MeldingFactory(municipality=enschede, signals=0)
    plan = plan_of(melding, energy, water, payments={"Energie Oost": "Maand", "Water Oost": ""})

    assert migrated(plan, migration.key_by_creditor_id) == {
        str(energy.pk): "Maand",
        str(water.pk): "",
    }


def test_the_migration_keeps_an_agreement_whose_creditor_name_is_unknown(enschede, energy):
    melding = MeldingFactory(municipality=enschede, signals=0)
    plan = plan_of(melding, energy, payments={"Energie Oost": "Maand", "Oude Naam BV": "Week"})

    assert migrated(plan, migration.key_by_creditor_id) == {
        str(energy.pk): "Maand",
        "onbekend: Oude Naam BV": "Week",
    }


def test_the_migration_looks_names_up_among_the_creditors_of_the_plans_own_melding(
    enschede, energy, water
):
    """A creditor of another melding with the name is not this plan's creditor."""
    MeldingFactory(municipality=enschede, signals=1, signals__creditor=water)
    melding = MeldingFactory(municipality=enschede, signals=0)
    plan = plan_of(melding, energy, payments={"Water Oost": "Kwartaal"})

    assert migrated(plan, migration.key_by_creditor_id) == {"onbekend: Water Oost": "Kwartaal"}


def test_namesake_creditors_of_one_melding_both_keep_the_agreement_they_were_shown(
    enschede, energy
):
    """Before the migration both namesakes were fed back the one line under their name."""
    namesake = CreditorFactory(code="energie-oost-2", name="Energie Oost")
    melding = MeldingFactory(municipality=enschede, signals=0)
    plan = plan_of(melding, energy, namesake, payments={"Energie Oost": "Maand"})

    assert migrated(plan, migration.key_by_creditor_id) == {
        str(energy.pk): "Maand",
        str(namesake.pk): "Maand",
    }


def test_reversing_the_migration_gives_the_names_back(enschede, energy, water):
    melding = MeldingFactory(municipality=enschede, signals=0)
    names = {"Energie Oost": "Maand", "Water Oost": "", "Oude Naam BV": "Week"}
    plan = plan_of(melding, energy, water, payments=names)
    migration.key_by_creditor_id(apps, None)

    assert migrated(plan, migration.key_by_creditor_name) == names
