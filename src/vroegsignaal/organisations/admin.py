from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from vroegsignaal.intake.columns import CANONICAL_COLUMNS, mapping_problems
from vroegsignaal.organisations.agreement_rules import check_overlap
from vroegsignaal.organisations.models import (
    Agreement,
    ApiKey,
    Creditor,
    Municipality,
    PostcodeArea,
    Region,
    Team,
    User,
)


class PostcodeAreaInline(admin.TabularInline):
    model = PostcodeArea
    extra = 0


class AgreementFormSet(BaseInlineFormSet):
    """A partner's convenanten as one set of rows: each kept row is compared with the rows
    above it as submitted (not as stored: a stored period may be ended in the same save that
    adds the next one), and with stored convenanten the page does not show."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.compare_with_stored = False  # done here, with the rows as submitted
        return form

    def clean(self):
        super().clean()
        shown = [form.instance.pk for form in self.initial_forms]
        compared = list(self.instance.agreements.exclude(pk__in=shown)) if self.instance.pk else []
        for form in self.forms:
            empty_row = form.instance.pk is None and not form.has_changed()
            if empty_row or self._should_delete_form(form):
                continue
            if not form.is_valid():
                continue  # its own message first; its period may be no period
            try:
                check_overlap(form.instance, compared)
            except ValidationError as error:
                form.add_error(None, error)
                continue
            compared.append(form.instance)


class AgreementInline(admin.TabularInline):
    model = Agreement
    formset = AgreementFormSet
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "inhabitants", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]
    inlines = [PostcodeAreaInline]


class CreditorForm(forms.ModelForm):
    """The column mapping with an example that can be copied and its targets checked."""

    column_mapping = forms.JSONField(
        label="Kolomvertaling",
        required=False,
        help_text=(
            'Eigen kolomnaam van de partner → kolom van het aanleverformaat, bv. {"Debiteur": '
            '"klantnummer", "Openstaand": "bedrag_achterstand"}. Leeg of {} als de partner de '
            f"standaardnamen gebruikt. Kolommen: {', '.join(CANONICAL_COLUMNS)}."
        ),
        error_messages={
            "invalid": "Dit is geen geldige kolomvertaling. Gebruik dubbele aanhalingstekens en "
            'een dubbele punt, bv. {"Debiteur": "klantnummer"}.'
        },
    )

    class Meta:
        model = Creditor
        fields = ["code", "name", "partner_type", "column_mapping"]

    def clean_column_mapping(self):
        mapping = self.cleaned_data["column_mapping"] or {}
        problems = mapping_problems(mapping)
        if problems:
            raise forms.ValidationError(problems)
        return mapping


@admin.register(Creditor)
class CreditorAdmin(admin.ModelAdmin):
    form = CreditorForm
    list_display = ["code", "name", "partner_type"]
    list_filter = ["partner_type"]
    search_fields = ["code", "name"]
    inlines = [AgreementInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["creditor", "name", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "hashed_key", "created_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "role", "creditor", "municipality", "region"]
    list_filter = ["role", "municipality", "creditor"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Organisatie en rol", {"fields": ("role", "creditor", "municipality", "team", "region")}),
    )

    @admin.display(description="naam", ordering="last_name")
    def full_name(self, user: User) -> str:
        return user.get_full_name()
