import pytest
from django.core.exceptions import ValidationError

from vroegsignaal.letters.default_texts import DEFAULT_TEXTS
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import LetterTemplate
from vroegsignaal.letters.placeholders import fill, placeholder_errors


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_default_text_passes_its_own_placeholder_check(kind):
    texts = DEFAULT_TEXTS[kind]
    assert placeholder_errors(kind, texts.subject, texts.body) == []


def test_an_unknown_placeholder_is_refused_naming_it():
    errors = placeholder_errors(
        LetterKind.FIRST, "Hulp", "{aanhef}, {soort_schuldeiser} meldde {bedrag}."
    )
    assert len(errors) == 1
    assert errors[0].startswith("Het invulveld {bedrag} bestaat niet.")
    assert "{aanhef}" in errors[0]


def test_a_missing_required_placeholder_is_refused_naming_it():
    errors = placeholder_errors(LetterKind.FIRST, "Hulp", "Beste bewoner, wij helpen graag.")
    assert "Het invulveld {aanhef} ontbreekt; deze brief kan niet zonder." in errors
    assert "Het invulveld {soort_schuldeiser} ontbreekt; deze brief kan niet zonder." in errors


def test_an_appointment_letter_needs_date_time_and_place():
    errors = placeholder_errors(
        LetterKind.APPOINTMENT, "Afspraak", "{aanhef}, tot {afspraak_datum}."
    )
    assert [e for e in errors if "ontbreekt" in e] == [
        "Het invulveld {afspraak_tijd} ontbreekt; deze brief kan niet zonder.",
        "Het invulveld {afspraak_plaats} ontbreekt; deze brief kan niet zonder.",
    ]


def test_a_placeholder_of_another_kind_is_unknown_here():
    errors = placeholder_errors(
        LetterKind.FIRST, "Hulp", "{aanhef} {soort_schuldeiser} {bezoekdatum}"
    )
    assert errors[0].startswith("Het invulveld {bezoekdatum} bestaat niet.")


def test_a_loose_brace_is_refused_with_the_field_named():
    errors = placeholder_errors(LetterKind.FIRST, "Hulp {", "{aanhef}, {soort_schuldeiser}.")
    assert errors == [
        "In het onderwerp staat een losse accolade ('{' of '}'). "
        "Schrijf een invulveld als {aanhef}, met één accolade ervoor en één erna."
    ]


def test_spaces_inside_braces_are_allowed_and_filled():
    assert fill("{ aanhef },", {"aanhef": "Beste bewoner"}) == "Beste bewoner,"


def test_saving_a_broken_template_is_refused_and_nothing_is_stored(enschede):
    with pytest.raises(ValidationError) as refused:
        LetterTemplate.objects.create(
            municipality=enschede,
            kind=LetterKind.REMINDER,
            subject="Hulp",
            body="{aanhef} {bedrag}",
        )
    assert "Het invulveld {bedrag} bestaat niet." in str(refused.value)
    assert not LetterTemplate.objects.exists()
