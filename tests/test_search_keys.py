"""The folded search keys (vroegsignaal.search_keys): a surname or street is found whatever its
accents and case, as residents give them on the phone ('Noellering' for Noëllering)."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from tests.casework.factories import MeldingFactory, SignalFactory
from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.models import Signal
from vroegsignaal.search_keys import fill_search_keys, street_key, surname_key


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Noëllering", "noellering"),
        ("Çelik", "celik"),
        ("MÜNSTER", "munster"),
        ("van der Berg", "berg"),
        ("Berg, van der", "berg"),
        ("  Ter   Horst ", "horst"),
        ("Jansen-Smit", "jansen-smit"),
    ],
)
def test_a_surname_key_drops_accents_case_and_tussenvoegsel(written, key):
    assert surname_key(written) == key


def test_a_street_key_drops_accents_and_case_and_keeps_the_words():
    assert street_key("  Cöbelstraat ") == "cobelstraat"
    assert street_key("Burg.  Jansenlaan") == "burg. jansenlaan"


def test_saving_a_signal_or_melding_fills_its_key_from_the_name_or_street(db):
    signal = SignalFactory(surname="Noëllering")
    melding = MeldingFactory(street="Cöbelstraat", signals=0)
    signal.surname = "Çelik"
    signal.save()

    assert Signal.objects.get(pk=signal.pk).surname_search == "celik"
    assert Melding.objects.get(pk=melding.pk).street_search == "cobelstraat"


def test_filling_the_keys_sets_every_row_whose_key_is_missing_or_stale(db):
    """What the migrations run on existing rows (written before the keys existed)."""
    named = [SignalFactory(surname=name) for name in ("Noëllering", "Çelik", "Jansen")]
    Signal.objects.update(surname_search="")
    Signal.objects.filter(pk=named[2].pk).update(surname_search="stale")

    fill_search_keys(Signal, "surname_search", batch_size=2)

    keys = dict(Signal.objects.values_list("surname", "surname_search"))
    assert keys == {"Noëllering": "noellering", "Çelik": "celik", "Jansen": "jansen"}


def test_the_migrations_fill_the_keys_of_the_signals_and_meldingen_already_there(db):
    signal = SignalFactory(surname="Noëllering")
    melding = MeldingFactory(street="Cöbelstraat", signals=0)
    Signal.objects.update(surname_search="")
    Melding.objects.update(street_search="")
    schema_editor = SimpleNamespace(connection=connection)

    for migration in ("intake.0010_signal_surname_search_key",
                      "casework.0019_melding_street_search_key"):  # fmt: skip
        app, name = migration.split(".")
        fill = import_module(f"vroegsignaal.{app}.migrations.{name}").Migration.operations[1]
        fill.code(apps, schema_editor)

    assert Signal.objects.get(pk=signal.pk).surname_search == "noellering"
    assert Melding.objects.get(pk=melding.pk).street_search == "cobelstraat"
