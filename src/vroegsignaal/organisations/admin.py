from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    ReadOnlyPasswordHashField,
    ReadOnlyPasswordHashWidget,
    UserChangeForm,
    UserCreationForm,
)
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from vroegsignaal.casework.out_of_sight import notice_after_saving
from vroegsignaal.intake.columns import CANONICAL_COLUMNS, mapping_problems
from vroegsignaal.organisations.agreement_rules import check_overlap
from vroegsignaal.organisations.creditor_codes import CODE_HELP, code_problem
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
from vroegsignaal.web import lockouts


class PostcodeAreaForm(forms.ModelForm):
    """A postcode area of another municipality is refused naming that municipality (Django's
    own message only says that a postcode area with this postcode exists)."""

    class Meta:
        model = PostcodeArea
        fields = ["postcode"]

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"]
        taken = (
            PostcodeArea.objects.filter(postcode=postcode)
            .exclude(pk=self.instance.pk)
            .select_related("municipality")
            .first()
        )
        if taken is not None:
            raise ValidationError(
                f"{postcode} hoort al bij {taken.municipality}. Hoort het bij deze gemeente, "
                f"verwijder het dan eerst bij {taken.municipality.name}, of verhuis het met "
                "vroegsignaal import-postcodes --verhuizen."
            )
        return postcode


class PostcodeAreaInline(admin.TabularInline):
    model = PostcodeArea
    form = PostcodeAreaForm
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


# Most municipalities have twenty PC4 areas or more (QA14 B10): one row at a time is slow and
# error-prone; the commands read them from a file and check them as a whole.
MUNICIPALITY_AREAS_HELP = (
    "De postcodegebieden staan onder aan de pagina. Heeft de gemeente er veel, lees ze dan op "
    "de server in uit een bestand met regels postcode;gemeentecode: vroegsignaal import-postcodes "
    "BESTAND, of zet ze bij de gemeente in het bestand van organisaties als code (vroegsignaal "
    "setup-organisations, zie docs/organisaties-als-code.md). Beide weigeren een postcodegebied "
    "dat al bij een andere gemeente hoort."
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "inhabitants", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]
    inlines = [PostcodeAreaInline]
    fieldsets = [
        (
            None,
            {
                "fields": ["code", "name", "inhabitants", "region"],
                "description": MUNICIPALITY_AREAS_HELP,
            },
        ),
        (
            "Functionaris gegevensbescherming (FG)",
            {
                "fields": [
                    "privacy_officer_email", "privacy_officer_phone", "privacy_officer_address",
                ],
                "description": "Staat in het inzageverzoek, zodat de inwoner weet waar ze met "
                "vragen over haar gegevens terecht kan.",
            },
        ),
    ]  # fmt: skip


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
        help_texts = {"code": CODE_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checked in clean_code in the beheerder's words: the slug validator says "slug".
        field = self.fields["code"]
        field.validators = [v for v in field.validators if v is not validate_slug]

    def clean_code(self):
        code = self.cleaned_data["code"]
        if problem := code_problem(code):
            raise forms.ValidationError(problem)
        return code

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


class ValidityFilter(admin.SimpleListFilter):
    title = "geldigheid"
    parameter_name = "geldigheid"

    def lookups(self, request, model_admin):
        return [("nu", "Geldt vandaag"), ("later", "Begint later"), ("verlopen", "Verlopen")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "nu":
                return queryset.valid_on(today)
            case "later":
                return queryset.filter(valid_from__gt=today)
            case "verlopen":
                return queryset.filter(valid_to__lt=today)
        return queryset


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    """All convenanten in one list: which partners have one with a municipality, which end."""

    list_display = [
        "creditor",
        "municipality",
        "valid_from",
        "valid_to",
        "share_known_client_status",
    ]
    list_filter = [ValidityFilter, "municipality__region", "municipality", "creditor"]
    search_fields = ["creditor__name", "creditor__code", "municipality__name", "municipality__code"]
    list_select_related = ["creditor", "municipality"]
    ordering = ["municipality__name", "creditor__name", "-valid_from"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality__region", "municipality"]
    search_fields = ["name", "municipality__name"]
    list_select_related = ["municipality"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["creditor", "name", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "hashed_key", "created_at"]


# Django's own access switches: the role gives a functioneel beheerder the beheeromgeving
# (privacy.admin_access) and does nothing for the other roles, so only a superuser sees them.
SUPERUSER_ONLY_FIELDS = {"is_staff", "is_superuser", "groups", "user_permissions"}
STAFF_HELP = (
    "Geeft alleen samen met supergebruikerstatus toegang tot de beheeromgeving (een technisch "
    "account). Een functioneel beheerder komt er door de rol in, andere rollen nooit."
)


class PasswordChangeForm(AdminPasswordChangeForm):
    """A new password for a user, without Django's choice to switch password login off.

    Vroegsignaal has no other way to log in (no Single Sign-On or LDAP), so that choice would
    only lock the user out, and out of 'Wachtwoord vergeten?' too; 'Actief' does that openly.
    """

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].required = self.fields["password2"].required = True
        self.audit_notes: list[str] = []

    def save(self, commit=True):
        user = super().save(commit)
        # The user asked for it, often because she was locked out: the save of the new password
        # lifted that (web.lockouts), and the audit entry says so.
        self.audit_notes.extend(lockouts.audit_notes(user))
        return user


class PasswordStateWidget(ReadOnlyPasswordHashWidget):
    """Whether the user has a password, in words, with Django's link to set a new one; not
    Django's summary of the hash (algorithm, iterations, salt), which means nothing to a
    functioneel beheerder."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        is_set = bool(value) and not value.startswith(UNUSABLE_PASSWORD_PREFIX)
        state = "Wachtwoord is ingesteld" if is_set else "Er is geen wachtwoord ingesteld"
        context["summary"] = [{"label": state}]
        context["button_label"] = "Nieuw wachtwoord instellen" if is_set else "Wachtwoord instellen"
        return context


class UserForm(UserChangeForm):
    password = ReadOnlyPasswordHashField(
        label="Wachtwoord",
        widget=PasswordStateWidget,
        help_text="Niemand kan het wachtwoord lezen, ook de beheerder niet. Is de gebruiker het "
        "vergeten, dan vraagt hij een nieuw aan met 'Wachtwoord vergeten?' op de inlogpagina, "
        "of u stelt hier een nieuw in.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's own text for a user without a password asks to enable password-based
        # authentication: Vroegsignaal has no other way to log in (see PasswordChangeForm).
        self.fields["password"].help_text = UserForm.base_fields["password"].help_text


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserForm
    # Set by logging in and by adding the user; as inputs they were two date and time fields
    # nobody should change, without a label of their own (QA10 B12).
    readonly_fields = ["last_login", "date_joined"]
    # A new user gets a password: Django's admin form also offers an account without one
    # (for Single Sign-On or LDAP), which Vroegsignaal does not have (see PasswordChangeForm).
    add_form = UserCreationForm
    add_fieldsets = (
        (None, {"classes": ["wide"], "fields": ["username", "password1", "password2"]}),
    )
    change_password_form = PasswordChangeForm
    change_user_password_template = "admin/organisations/user/change_password.html"
    # One column for the organisation (partner, municipality or region: a user has one), so
    # the list fits a laptop screen.
    list_display = ["username", "full_name", "role", "organisation", "team", "is_active"]
    list_filter = ["role", "is_active", "municipality", "team", "creditor", "region"]
    list_select_related = ["creditor", "municipality", "region", "team__municipality"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Organisatie en rol", {"fields": ("role", "creditor", "municipality", "team", "region")}),
    )

    @admin.display(description="naam", ordering="last_name")
    def full_name(self, user: User) -> str:
        return user.get_full_name()

    @admin.display(description="organisatie")
    def organisation(self, user: User) -> str:
        return str(user.organisation or "")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "is_staff" in form.base_fields:  # Django's text says staff status alone lets one in
            form.base_fields["is_staff"].help_text = STAFF_HELP
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in SUPERUSER_ONLY_FIELDS],
                },
            )
            for name, options in fieldsets
        ]

    def response_change(self, request, obj):
        """After saving, a user moved out of sight of meldingen assigned to him (another team or
        municipality, deactivated) leaves them with nobody who works on them: say so."""
        response = super().response_change(request, obj)
        notice = notice_after_saving(obj)
        if notice:
            messages.warning(request, notice)
        return response

    # A functioneel beheerder does not change (or set the password of) a superuser: that would
    # give them every permission.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _above(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _above(request, obj)


def _above(request, user: User | None) -> bool:
    return user is not None and user.is_superuser and not request.user.is_superuser
