from django import forms
from django.contrib import admin, messages

from vroegsignaal.casework.deadlines import CRISIS_CONVERSATION_WORKING_DAYS
from vroegsignaal.casework.models import CaseworkPolicy, ClosedDay, Queue
from vroegsignaal.casework.out_of_sight import queue_notice_after_saving
from vroegsignaal.casework.queue_reach import TEAM_HELP_TEXT, teamless_notice


class ClosedDayInline(admin.TabularInline):
    """The municipality's own closed days, with its other uitvoeringsnormen: every working-day
    term of its meldingen skips them, except the statutory ones (docs/termijnen.md)."""

    model = ClosedDay
    extra = 1
    fields = ["day", "description"]


@admin.register(CaseworkPolicy)
class CaseworkPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "municipality",
        "no_contact_after_attempts",
        "first_action_days",
        "first_action_limit_days",
        "heropaf_months",
    ]
    inlines = [ClosedDayInline]


class QueueForm(forms.ModelForm):
    """A werkbakje's team: a caseworker in a team sees that team's werkbakjes and the werkbakjes
    without a team (privacy.policy.meldingen_for); being assigned a melding does not widen that.
    A caseworker without a team sees every werkbakje, as the help text says (QA14 B4)."""

    class Meta:
        model = Queue
        fields = ["municipality", "name", "team"]
        help_texts = {
            "name": "Precies de naam van het werkbakje in de werkbakjesregel van het beleid: de "
            "matching zet de meldingen van die regel in dit werkbakje.",
            "team": TEAM_HELP_TEXT,
        }

    def clean(self):
        data = super().clean()
        team = data.get("team")
        municipality = data.get("municipality") if "municipality" in self.fields else None
        municipality = municipality or getattr(self.instance, "municipality", None)
        if (
            team is not None
            and municipality is not None
            and team.municipality_id != municipality.pk
        ):
            self.add_error(
                "team",
                f"{team.name} hoort bij {team.municipality.name}, niet bij {municipality.name}: "
                f"kies een team van {municipality.name} of geen team.",
            )
        return data


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    """Werkbakjes are made by the matching from the policy's werkbakjesregels; here the
    beheerder gives one a team (also one made beforehand, before the first run uses the rule)."""

    form = QueueForm
    list_display = ["name", "municipality", "team", "first_contact_channel", "first_action_term"]
    # The matching makes a municipality's werkbakjes in no particular order; by name, as the
    # werkbakjes page of the caseworkers lists them.
    ordering = ["municipality__name", "name"]
    list_filter = ["municipality", "team"]
    search_fields = ["name", "municipality__name", "team__name"]
    list_select_related = ["municipality", "team__municipality"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["municipality", "name", "team"]
        return ["municipality", "name", "team", "first_contact_channel", "first_action_term"]

    @admin.display(description="termijn eerste actie")
    def first_action_term(self, queue: Queue) -> str:
        """The rule's term counts calendar days; a crisissignaal gets three working days in any
        werkbakje, the municipality's own urgency after Wgs art. 4 lid 2 (which counts from the
        acceptance of help; casework.deadlines, Term.FIRST_ACTION)."""
        return (
            f"{queue.term_days} kalenderdagen; crisissignaal "
            f"{CRISIS_CONVERSATION_WORKING_DAYS} werkdagen"
        )

    def get_readonly_fields(self, request, obj=None):
        # The matching finds a werkbakje by its name and writes contact channel and term from
        # the rule on every run: they are changed in the policy, not here.
        if obj is None:
            return []
        return ["municipality", "name", "first_contact_channel", "first_action_term"]

    def has_delete_permission(self, request, obj=None):
        # Its meldingen would lose their werkbakje; remove the rule from the policy instead.
        return False

    def response_add(self, request, obj, post_url_continue=None):
        """After saving a new team's werkbakje, name the caseworkers without a team who see it
        too (QA14 B4)."""
        response = super().response_add(request, obj, post_url_continue)
        self._say_who_else_sees(request, obj)
        return response

    def response_change(self, request, obj):
        """After saving, a werkbakje given another team leaves its open meldingen assigned to
        caseworkers of the old team, who no longer see them: say so, as after saving a user.
        Name the caseworkers without a team who see a team's werkbakje too (QA14 B4)."""
        response = super().response_change(request, obj)
        notice = queue_notice_after_saving(obj)
        if notice:
            messages.warning(request, notice)
        self._say_who_else_sees(request, obj)
        return response

    @staticmethod
    def _say_who_else_sees(request, queue: Queue) -> None:
        notice = teamless_notice(queue)
        if notice:
            messages.info(request, notice)
