"""Changing one's own password, and a new one by e-mail when it is forgotten.

Django's password views do the work (tokens that expire and die once used, the session kept
after a change, the password validators of settings.py); this module gives them Dutch pages and
two guards of its own:
- the page after "Wachtwoord vergeten" says the same whether or not the address is known, so it
  cannot be used to find out who has an account;
- at most one mail per account per `RESET_MAIL_INTERVAL`, so the form cannot flood a mailbox
  (the time of the last mail is kept with the account, so it holds for every server process);
  a log-in or a new password kills the links sent, and lifts the interval with them.
A mail server that is down is logged by Django for the operator, without an error page.
A new password does not skip the second factor: logging in afterwards still asks for it.
A new password, through the link or changed by the user herself, lifts the lock-out after wrong
passwords (`lockouts`, on the save of every new password) and its audit entry says so.
The privacy officer's audit log keeps, about the account, each request for an account that
exists, each password set through the link and each one users change themselves; never the
address, the link or the password.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import password_validation, user_logged_in
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse_lazy
from django.utils import timezone

from vroegsignaal.organisations.models import User, new_password_saved
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.web import lockouts

logger = logging.getLogger(__name__)

RESET_MAIL_INTERVAL = timedelta(minutes=10)


def link_lifetime() -> str:
    """How long a reset link works, in words: '3 dagen' (PASSWORD_RESET_TIMEOUT)."""
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    if hours % 24 == 0:
        days = hours // 24
        return "1 dag" if days == 1 else f"{days} dagen"
    return "1 uur" if hours == 1 else f"{hours} uur"


class _PasswordPage:
    """What the password pages tell: the rules a new password must meet, the link's lifetime."""

    def get_context_data(self, **kwargs):
        rules = " ".join(password_validation.password_validators_help_texts())
        return super().get_context_data(**kwargs) | {
            "password_rules": rules,
            "link_lifetime": link_lifetime(),
        }


def _may_mail(user) -> bool:
    """Claim the account's reset mail for now, unless one went out within the interval.

    One conditional UPDATE: of two requests at the same moment (in two server processes) only
    one finds the old time and sends."""
    now = timezone.now()
    due = Q(password_reset_mailed_at__isnull=True) | Q(
        password_reset_mailed_at__lte=now - RESET_MAIL_INTERVAL
    )
    return bool(User.objects.filter(due, pk=user.pk).update(password_reset_mailed_at=now))


@receiver(user_logged_in, dispatch_uid="vroegsignaal.web.passwords.links_died_on_login")
@receiver(new_password_saved, dispatch_uid="vroegsignaal.web.passwords.links_died_on_password")
def _links_died(sender, user, **kwargs) -> None:
    """A log-in or a new password kills every reset link sent (Django's token covers both), so
    the ten minutes no longer hold back the next mail: the dead link's page says 'Vraag een
    nieuwe link aan', and that must send one (QA15 B9). Only the account's own log-in or new
    password lifts them, never opening a link, which anyone can make up."""
    User.objects.filter(pk=user.pk, password_reset_mailed_at__isnull=False).update(
        password_reset_mailed_at=None
    )


# What the audit log says of a request; never the address, which the page may not confirm.
ASKED = "nieuw wachtwoord aangevraagd met 'Wachtwoord vergeten?'"
NOT_AGAIN = (
    "geen e-mail verstuurd: de vorige is minder dan "
    f"{RESET_MAIL_INTERVAL // timedelta(minutes=1)} minuten oud"
)


CHANGED_BY_SELF = "wachtwoord gewijzigd door de gebruiker zelf"


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's form, sending at most one mail per account per interval."""

    def save(self, *args, **kwargs):
        # Django hands the request to save, not to send_mail: the audit entry needs its IP.
        self.request = kwargs.get("request")
        return super().save(*args, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):  # fmt: skip
        # Called only for an active account with this address: an unknown address leaves
        # no trace, in the audit log either.
        user = context["user"]
        if not _may_mail(user):
            logger.info("Herstelmail voor gebruiker %s overgeslagen: net al verstuurd", user.pk)
            _record(self.request, user, f"{ASKED}: {NOT_AGAIN}")
            return
        # Django logs a mail that cannot be sent (for the operator) and shows no error: the page
        # may not say whether a mail went out.
        super().send_mail(
            subject_template_name, email_template_name, context, from_email, to_email,
            html_email_template_name,
        )  # fmt: skip
        _record(self.request, user, f"{ASKED}: link per e-mail verstuurd")


class PasswordChange(_PasswordPage, auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:start")

    def form_valid(self, form):
        response = super().form_valid(form)
        # As a new password by mail or from the beheerder: the officer sees every change of
        # how the account logs in (never the password).
        # Logged in on another device, she may be locked out on this one: the save lifted that.
        done = "; ".join([CHANGED_BY_SELF, *lockouts.audit_notes(form.user)])
        audit.record(self.request, AuditAction.CHANGE, form.user, description=done)
        messages.success(self.request, "Uw wachtwoord is gewijzigd.")
        return response


class PasswordReset(_PasswordPage, auth_views.PasswordResetView):
    template_name = "web/password_reset.html"
    form_class = ThrottledPasswordResetForm
    subject_template_name = "web/password_reset_subject.txt"
    email_template_name = "web/password_reset_email.txt"
    success_url = reverse_lazy("web:password_reset_sent")

    @property
    def extra_email_context(self):  # read when the mail is made, so settings changes count
        return {"link_lifetime": link_lifetime()}


class PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "web/password_reset_sent.html"


class PasswordResetConfirm(_PasswordPage, auth_views.PasswordResetConfirmView):
    template_name = "web/password_reset_confirm.html"
    success_url = reverse_lazy("web:login")

    def form_valid(self, form):
        # The link has done its work: a new one may be asked for at once (else the page after
        # a used link would send the user to ten minutes without a mail).
        form.user.password_reset_mailed_at = None  # saved with the new password
        response = super().form_valid(form)
        # She proved the account is hers: "Log ermee in" works, also after a lock-out (the save
        # of the new password lifted it).
        done = [
            "nieuw wachtwoord gezet met de link uit de e-mail",
            *lockouts.audit_notes(form.user),
        ]
        _record(self.request, form.user, "; ".join(done))
        messages.success(self.request, "Uw nieuwe wachtwoord is opgeslagen. Log ermee in.")
        return response


def _record(request, user, description: str) -> None:
    """An audit entry about `user`'s account, in its name: no one is logged in."""
    audit.record(request, AuditAction.CHANGE, user, account=user, description=description)
