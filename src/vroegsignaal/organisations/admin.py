from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from vroegsignaal.intake.columns import CANONICAL_COLUMNS, mapping_problems
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


class AgreementInline(admin.TabularInline):
    model = Agreement
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
