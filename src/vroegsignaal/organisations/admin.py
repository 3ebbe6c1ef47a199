from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from vroegsignaal.organisations.models import (
    Agreement,
    ApiKey,
    Creditor,
    Municipality,
    PostcodeArea,
    Region,
    Team,
    User,
)


class PostcodeAreaInline(admin.TabularInline):
    model = PostcodeArea
    extra = 0


class AgreementInline(admin.TabularInline):
    model = Agreement
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "inhabitants", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]
    inlines = [PostcodeAreaInline]


@admin.register(Creditor)
class CreditorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "partner_type"]
    list_filter = ["partner_type"]
    search_fields = ["code", "name"]
    inlines = [AgreementInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["creditor", "name", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "hashed_key", "created_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "role", "creditor", "municipality", "region"]
    list_filter = ["role", "municipality", "creditor"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Organisatie en rol", {"fields": ("role", "creditor", "municipality", "team", "region")}),
    )

    @admin.display(description="naam", ordering="last_name")
    def full_name(self, user: User) -> str:
        return user.get_full_name()
