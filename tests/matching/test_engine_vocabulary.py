"""The engine's plain-string DDAS values equal the enums of `vroegsignaal.ddas`."""

from vroegsignaal import ddas
from vroegsignaal.matching.engine import vocabulary


def test_engine_signal_statuses_are_exactly_the_ddas_values():
    assert set(vocabulary.SIGNAL_STATUSES) == set(ddas.Signaalstatus.values)


def test_engine_partner_types_and_contact_kinds_are_exactly_the_ddas_values():
    assert set(vocabulary.PARTNER_TYPES) == set(ddas.Signaalpartner.values)
    assert set(vocabulary.CONTACT_KINDS) == set(ddas.Contactsoort.values)


def test_engine_imports_nothing_of_django():
    import subprocess
    import sys

    code = (
        "import sys, vroegsignaal.matching.engine as e; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
