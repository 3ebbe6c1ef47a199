"""The letterhead and contact details of each municipality for the functioneel beheerder.

On the letters page only the meldpunt changes them (letters.views.settings_page); here the
beheerder does, and every registration is audited by the admin site (web.admin_site)."""

from django.contrib import admin

from vroegsignaal.letters.models import ContactDetails, Letterhead


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    list_display = ["municipality", "sender_name", "signature_name"]
    list_select_related = ["municipality"]
    ordering = ["municipality__name"]


@admin.register(ContactDetails)
class ContactDetailsAdmin(admin.ModelAdmin):
    list_display = ["municipality", "phone", "email"]
    list_select_related = ["municipality"]
    ordering = ["municipality__name"]
