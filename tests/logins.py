"""Logging in through the login page, as a browser does (so the lock-out after too many wrong
passwords applies), getting locked out, and a new password through the mailed link."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse


def log_in(client, username: str, password: str):
    """The response to the login form."""
    return client.post(reverse("web:login"), {"username": username, "password": password})


def lock_out(client, username: str) -> None:
    """As many wrong passwords as it takes to lock the username out (from the client's IP)."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, username, "fout")


def reset_link(inbox, address: str) -> str:
    """The link in the newest mail to `address`."""
    body = inbox.bodies_for(address)[-1]
    return re.search(r"https?://\S+", body).group(0)


def choose_new_password(client, link: str, password: str):
    """Open the mailed link and save `password` on the page it leads to; the page after."""
    form_page = client.get(link, follow=True)
    return client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
        follow=True,
    )
