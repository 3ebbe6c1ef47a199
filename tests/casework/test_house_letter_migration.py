"""Migration casework.0020 gives the existing meldingen their huisletter and
huisnummertoevoeging apart, so the pages write '93-2' where they wrote '932': from a signal of
the melding at the same address, else from the address key's suffix read as intake reads it."""

from importlib import import_module

import pytest
from django.apps import apps

from tests.casework.factories import MeldingFactory
from vroegsignaal.addresses import address_key
from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy.pseudonyms import address_pseudonym

migration = import_module("vroegsignaal.casework.migrations.0020_melding_house_letter_and_addition")


def melding_at(number: int, letter: str = "", addition: str = "", signals: int = 1) -> Melding:
    """A melding as it stood before the migration: the parts only on its signals."""
    melding = MeldingFactory(
        postcode="7514BN", house_number=number, house_letter=letter,
        house_number_addition=addition, address_key=address_key("7514BN", number, letter, addition),
        signals=signals,
    )  # fmt: skip
    Melding.objects.filter(pk=melding.pk).update(house_letter="", house_number_addition="")
    return melding


def migrated(melding: Melding) -> tuple[str, str]:
    migration.fill_letter_and_addition(apps, None)
    melding.refresh_from_db()
    return melding.house_letter, melding.house_number_addition


@pytest.mark.parametrize(
    ("letter", "addition"), [("", "2"), ("B", "2"), ("B", ""), ("", "bis"), ("", "a")]
)
def test_the_migration_takes_letter_and_addition_from_a_signal_of_the_melding(db, letter, addition):
    """A toevoeging 'a' stays a toevoeging: only the signal tells it from huisletter A."""
    assert migrated(melding_at(93, letter, addition)) == (letter, addition)


@pytest.mark.parametrize(
    ("letter", "addition", "read"),
    [("", "2", ("", "2")), ("B", "2", ("B", "2")), ("A", "", ("A", "")), ("", "bis", ("", "BIS"))],
)
def test_without_a_signal_holding_them_the_migration_reads_the_address_keys_suffix(
    db, letter, addition, read
):
    melding = melding_at(93, letter, addition)
    Signal.objects.update(house_letter="", house_number_addition="")  # erased signals

    assert migrated(melding) == read


def test_the_migration_leaves_an_address_without_suffix_and_an_erased_melding(db):
    plain = melding_at(93)
    erased = melding_at(93, "", "2", signals=0)
    Melding.objects.filter(pk=erased.pk).update(
        address_key=address_pseudonym(erased.address_key), house_number=0
    )

    assert migrated(plain) == ("", "") and migrated(erased) == ("", "")
