from django.contrib import admin

from vroegsignaal.casework.models import CaseworkPolicy


@admin.register(CaseworkPolicy)
class CaseworkPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "municipality",
        "no_contact_after_attempts",
        "first_action_days",
        "first_action_limit_days",
        "heropaf_months",
    ]
