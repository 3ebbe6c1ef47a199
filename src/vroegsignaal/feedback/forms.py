"""The creditor's answer to a heropaf check."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from vroegsignaal.feedback.models import HeropafAnswer


class HeropafAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Betaalt de klant de vaste lasten weer op tijd?",
        choices=HeropafAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Antwoord: kies 'ja' of 'nee'."},
    )
    amount_open = forms.DecimalField(
        label="Bedrag nog open in euro (niet verplicht)",
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text="De achterstand die nu nog openstaat, bijvoorbeeld 125,50.",
        error_messages={
            "invalid": "Bedrag nog open: vul een bedrag in euro in, bijvoorbeeld 125,50.",
            "min_value": "Bedrag nog open: het bedrag mag niet negatief zijn.",
        },
    )

    def amount_open_cents(self) -> int | None:
        """The amount in cents, as money is stored; None when left empty."""
        amount = self.cleaned_data["amount_open"]
        return None if amount is None else int(amount * 100)
