"""Administrators edit a municipality's or region's matching policy here.

The form has a field per setting (`matching.policy_form`) and a fieldset per werkbakjes rule
(`matching.routing_form`); saving never changes a stored version: it validates the document and
stores it as the next version, so every matching run keeps pointing at the policy it used.
The audit log describes that version against the one it replaces (`matching.policy_changes`);
the page warns about werkbakjes the rules send meldingen to that do not exist yet
(`matching.new_queues`).
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import Fieldset
from django.db.models import Count
from django.shortcuts import redirect

from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.matching.new_queues import new_queues_warning
from vroegsignaal.matching.policies import replaced_version, save_if_changed
from vroegsignaal.matching.policy_changes import describe_changes
from vroegsignaal.matching.policy_form import FIELDSETS, PolicyVersionForm, initial_for_owner
from vroegsignaal.matching.routing_form import RULE_LINES


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    form = PolicyVersionForm
    fieldsets = FIELDSETS
    list_display = ["__str__", "number", "created_at", "created_by"]
    list_filter = ["municipality", "region"]

    def get_changeform_initial_data(self, request):
        """Pre-filled from `?municipality=<id>` or `?region=<id>`, else the defaults."""
        return initial_for_owner(
            municipality_id=request.GET.get("municipality"), region_id=request.GET.get("region")
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["rule_fieldsets"] = self._rule_fieldsets(form.routing)
        if obj is not None:
            # The page is about the stored version: after a failed save `obj` carries the owner
            # just chosen (the form fills its instance), which may have no versions yet.
            obj = PolicyVersion.objects.get(pk=obj.pk)
            context["original"] = obj
            # The owner's versions with how many runs used each: one query, not one per row.
            owner = {"municipality": obj.municipality_id, "region": obj.region_id}
            history = list(
                PolicyVersion.objects.filter(**owner)
                .select_related("created_by")
                # A region's version is used as a run's regional version, a municipality's as its own.
                .annotate(
                    runs=Count("matchingrun", distinct=True) + Count("regional_runs", distinct=True)
                )
                .order_by("-number")  # Meta.ordering does not apply to a grouped query
            )
            context |= {
                "history": history,
                "newest": history[0],
                "next_number": history[0].number + 1,
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _rule_fieldsets(self, routing) -> list[Fieldset]:
        """A fieldset per werkbakjes rule, laid out like the other fieldsets; a rule's own
        messages at its top. An empty row to add a rule starts folded (a <details>, no script)."""
        fieldsets = []
        for rule in routing.forms:
            new = rule.number > routing.initial_form_count() and not rule.has_changed()
            fieldsets.append(
                Fieldset(
                    rule,
                    name=f"{rule.title} (nieuw)" if new else rule.title,
                    fields=[tuple(f for f in line if f in rule.fields) for line in RULE_LINES],
                    classes=("werkbakjesregel", "collapse") if new else ("werkbakjesregel",),
                    description=rule.non_field_errors().as_ul() or None,
                    model_admin=self,
                )
            )
        return fieldsets

    def save_model(self, request, obj, form, change):
        version, new = save_if_changed(
            form.cleaned_data["document"],
            municipality=form.cleaned_data.get("municipality"),
            region=form.cleaned_data.get("region"),
            by=request.user,
        )
        request.policy_unchanged = not new
        obj.pk, obj.number = version.pk, version.number

    def audit_save(self, request, obj) -> tuple[str, list[str]] | None:
        """The audit entry of a save (`privacy.admin_audit`): the version it stored against the
        one that version replaces; none when nothing changed, so nothing was stored (the page
        says so)."""
        if request.policy_unchanged:
            return None
        version = PolicyVersion.objects.get(pk=obj.pk)
        replaced = replaced_version(version)
        if replaced is None:
            return "toegevoegd", describe_changes(None, version.document)
        changes = describe_changes(replaced.document, version.document)
        return f"toegevoegd, vervangt v{replaced.number}", changes

    def response_add(self, request, obj, post_url_continue=None):
        warning = new_queues_warning(PolicyVersion.objects.get(pk=obj.pk))
        if warning:
            messages.warning(request, warning)
        if getattr(request, "policy_unchanged", False):
            messages.info(
                request,
                f"Er is niets gewijzigd ten opzichte van versie {obj.number}, die nu geldt; er is "
                "geen nieuwe versie opgeslagen.",
            )
            return redirect("admin:matching_policyversion_change", obj.pk)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        # Saving on a change page stored a new version: say so ("toegevoegd") and go on from it.
        return self.response_add(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    list_display = ["municipality", "period_start", "started_at", "finished_at", "policy"]
    list_filter = ["municipality"]
    list_select_related = [
        "municipality",
        "regional_policy_version__region",
        "policy_version__municipality",
    ]

    @admin.display(description="beleid")
    def policy(self, run: MatchingRun) -> str:
        """Both versions the policy in force was built from ('Twente v3 + Enschede v2')."""
        if run.failure:
            return "–"
        return run.policy_label or "standaard"

    def has_add_permission(self, request):
        return False

    # A run is the evidence of which policy version a month used: shown, never changed or
    # deleted (like the policy versions themselves).
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
