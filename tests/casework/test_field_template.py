"""Rule: a screen reader reads a field's help text and error with it: every id a field's
aria-describedby names is an element on the page (casework/field.html, used by the casework,
feedback and letters forms)."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string


class ExampleForm(forms.Form):
    date = forms.DateField(label="Datum", help_text="Bijvoorbeeld 24-11-2026.")
    reached = forms.ChoiceField(
        label="Inwoner bereikt?", choices=[("ja", "Ja"), ("nee", "Nee")],
        widget=forms.RadioSelect, help_text="Ook als iemand anders opendeed.",
    )  # fmt: skip
    agreed = forms.BooleanField(label="Akkoord", help_text="Vink aan als het klopt.")
    note = forms.CharField(label="Notitie", required=False)


def rendered(form) -> str:
    return "".join(
        render_to_string("casework/field.html", {"field": form[name]}) for name in form.fields
    )


@pytest.mark.parametrize("data", [None, {"date": "morgen", "reached": "", "agreed": ""}])
def test_every_id_a_field_is_described_by_is_on_the_page(data):
    form = ExampleForm(data)
    if data:
        form.is_valid()

    html = rendered(form)

    described = {i for ids in re.findall(r'aria-describedby="([^"]*)"', html) for i in ids.split()}
    present = set(re.findall(r'\bid="([^"]+)"', html))
    assert described, html
    assert described <= present, described - present


def test_an_invalid_field_is_described_by_its_help_text_and_its_error():
    form = ExampleForm({"date": "morgen"})
    form.is_valid()

    html = rendered(form)

    assert 'aria-describedby="id_date-uitleg id_date-fout"' in html
    assert 'id="id_date-uitleg">Bijvoorbeeld 24-11-2026.</p>' in html
    assert 'id="id_date-fout">' in html
    assert 'aria-describedby="id_reached-uitleg id_reached-fout"' in html  # the fieldset
