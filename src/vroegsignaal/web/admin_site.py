"""The beheeromgeving's site: named after the product, entered by role, every change audited.

`web.admin_config.BeheerConfig` (in INSTALLED_APPS instead of django.contrib.admin) makes this
the site that `admin.site` and `@admin.register` use, so every registration, also of a
third-party app, gets the audit of `privacy.admin_audit` and the access rule of
`privacy.admin_access`.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst

from vroegsignaal.privacy.admin_access import may_use_beheeromgeving, refuse_other_roles
from vroegsignaal.privacy.admin_audit import AuditedAdmin
from vroegsignaal.web.admin_errors import error_summary

# The beheeromgeving's models whose Dutch name takes 'het'; Django's Dutch messages always say
# 'De {name} ... is met succes gewijzigd'. A test lists every registered model's name, so a new
# one is placed here or knowingly left with 'de'.
HET_WORDS = frozenset({"werkbakje", "convenant", "team", "resultaat van een taak", "briefhoofd"})


class DutchWordingAdmin(admin.ModelAdmin):
    """Django's messages with the right article: 'Het werkbakje ‘Crisis’ is met succes
    gewijzigd.' instead of 'De werkbakje ...'; headings with a capital: 'Groep toevoegen'; every
    message of a form at its top (`admin_errors`)."""

    def render_change_form(self, request, context, *args, **kwargs):
        # English 'Add group' starts with its verb; Dutch '%s toevoegen' / '%s wijzigen' starts
        # with the model's lower-case name, so Django's heading read 'groep toevoegen'.
        if context.get("title"):
            context["title"] = capfirst(context["title"])
        if context.get("errors"):
            # Every message at the top with a link to its field (admin/change_form.html);
            # Django's note, which counted and showed only the form's own, is left out.
            form, inlines = context["adminform"].form, context.get("inline_admin_formsets", [])
            context["error_summary"] = error_summary(form, inlines)
            context["errors"] = []
        return super().render_change_form(request, context, *args, **kwargs)

    def message_user(self, request, message, *args, **kwargs):
        name = str(self.model._meta.verbose_name)
        if name in HET_WORDS and str(message).startswith(f"De {name} "):
            corrected = f"Het {str(message)[3:]}"
            # The message links to the object (format_html): keep it marked safe.
            message = mark_safe(corrected) if isinstance(message, SafeData) else corrected
        super().message_user(request, message, *args, **kwargs)


def audited(admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    """`admin_class` with the audit mixed in (first, so it sees every save of the class) and
    Django's messages in good Dutch."""
    if issubclass(admin_class, AuditedAdmin):
        return admin_class
    return type(
        admin_class.__name__,
        (AuditedAdmin, DutchWordingAdmin, admin_class),
        {"__module__": admin_class.__module__},
    )


class BeheerSite(admin.AdminSite):
    # The beheeromgeving speaks of the product, not of Django ("Django-beheer").
    site_header = "Vroegsignaal – beheer"
    site_title = "Vroegsignaal – beheer"
    index_title = "Beheer"

    def has_permission(self, request) -> bool:
        return may_use_beheeromgeving(request.user)

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            refuse_other_roles(request.user)
            return checked(request, *args, **kwargs)

        return inner

    def login(self, request, extra_context=None):
        # One door for everybody: the app's own log-in page (with its second factor, lock-out
        # and Dutch texts) and back, not Django's bare form with another look and wording.
        if not request.user.is_authenticated:
            target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
            return redirect_to_login(target)
        refuse_other_roles(request.user)
        return super().login(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, audited(admin_class or admin.ModelAdmin), **options)
