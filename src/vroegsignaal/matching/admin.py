"""Administrators edit a municipality's or region's matching policy here.

Saving never changes a stored version: it validates the document and stores it as the next
version, so every matching run keeps pointing at the policy it used.
"""

import json

from django import forms
from django.contrib import admin

from vroegsignaal.matching.engine.policy import Policy, PolicyError
from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.matching.policies import save_policy


class PolicyVersionForm(forms.ModelForm):
    class Meta:
        model = PolicyVersion
        fields = ["municipality", "region", "document"]
        help_texts = {
            "document": "Het beleid als JSON: minimumbedrag in centen, vensters per soort "
            "partner, minimaal aantal signalen, weging van de prioriteit en werkbakjes (de "
            "gebruikershandleiding, docs/matching.md, beschrijft elke instelling). Ontbrekende instellingen nemen de "
            "waarde van de regio of de standaardwaarde. Opslaan bewaart een nieuwe versie; "
            "eerdere versies en de matchingsruns die ze gebruikten blijven ongewijzigd.",
        }

    def clean_document(self):
        document = self.cleaned_data["document"]
        if not isinstance(document, dict):
            raise forms.ValidationError("Het beleid moet een JSON-object zijn.")
        try:
            Policy.from_dict(document)
        except PolicyError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return document

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("municipality")) == bool(cleaned.get("region")):
            raise forms.ValidationError("Kies een gemeente óf een regio.")
        return cleaned


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    form = PolicyVersionForm
    list_display = ["__str__", "number", "created_at", "created_by"]
    list_filter = ["municipality", "region"]

    def get_changeform_initial_data(self, request):
        return {"document": json.loads(Policy().to_json())}

    def save_model(self, request, obj, form, change):
        saved = save_policy(
            form.cleaned_data["document"],
            municipality=form.cleaned_data.get("municipality"),
            region=form.cleaned_data.get("region"),
            by=request.user,
        )
        obj.pk, obj.number = saved.pk, saved.number

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    list_display = ["municipality", "period_start", "started_at", "finished_at", "policy_version"]
    list_filter = ["municipality"]
    readonly_fields = [f.name for f in MatchingRun._meta.fields]

    def has_add_permission(self, request):
        return False
