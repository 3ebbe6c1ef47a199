"""System checks of the installation: `vroegsignaal runserver`, `migrate` and `check` run them.

The front-end packages (NL Design System, htmx) come from npm at set-up time; a checkout served
without them showed every page as bare HTML without any sign that something was missing.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks

# The files the pages load: the stylesheets in web/base.html, htmx in the letter template editor.
FRONT_END_FILES = (
    "utrecht/design-tokens/dist/index.css",
    "utrecht/component-library-css/dist/index.css",
    "htmx/htmx.min.js",
)


@checks.register(checks.Tags.staticfiles)
def front_end_packages(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """An error per front-end file that neither the static finders nor STATIC_ROOT have."""
    return [
        checks.Error(
            f"Het bestand {name} ontbreekt: de pagina's zouden zonder opmaak verschijnen.",
            hint="Installeer de front-end-pakketten met `make setup` (of `npm ci`).",
            id="web.E001",
        )
        for name in FRONT_END_FILES
        if not (finders.find(name) or Path(settings.STATIC_ROOT, name).is_file())
    ]
