"""Admin: the year figures (evictions, bailiff judgments) for the functioneel beheerder."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils import timezone

from vroegsignaal.monitoring.models import YearFigures
from vroegsignaal.monitoring.year_figures import check_year, implausible_figures


class YearFiguresForm(forms.ModelForm):
    class Meta:
        model = YearFigures
        fields = ["municipality", "year", "evictions", "bailiff_judgments", "source"]

    def clean_year(self) -> int:
        return check_year(self.cleaned_data["year"], timezone.localdate())

    def clean(self):
        data = super().clean()
        if data.get("municipality") is not None:
            figures = {field: data.get(field) for field in ("evictions", "bailiff_judgments")}
            for field, message in implausible_figures(data["municipality"], **figures).items():
                self.add_error(field, message)
        return data


@admin.register(YearFigures)
class YearFiguresAdmin(admin.ModelAdmin):
    form = YearFiguresForm
    list_display = [
        "municipality",
        "year",
        "evictions",
        "bailiff_judgments",
        "source",
        "entered_by",
    ]
    list_filter = ["year", "municipality__region", "municipality"]
    search_fields = ["municipality__name", "municipality__code"]
    ordering = ["-year", "municipality__name"]

    def save_model(self, request, obj, form, change):
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)
