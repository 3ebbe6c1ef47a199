"""Whether the menu offers the beheeromgeving: the same rule as its door (privacy.admin_access)."""

from django import template

from vroegsignaal.privacy.admin_access import may_use_beheeromgeving

register = template.Library()


@register.filter
def uses_beheeromgeving(user) -> bool:
    """A functioneel beheerder (no staff status needed) or a technical superuser."""
    return user.is_authenticated and may_use_beheeromgeving(user)
