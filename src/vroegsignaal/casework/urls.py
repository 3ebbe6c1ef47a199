from django.urls import path

from vroegsignaal.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.worklist_page, name="worklist"),
    path("zoeken/", views.search_page, name="search"),
    path("melding/<int:pk>/", views.melding_page, name="melding"),
    path("melding/<int:pk>/toewijzen/", views.assign_action, name="assign"),
    path("melding/<int:pk>/toewijzing-intrekken/", views.unassign_action, name="unassign"),
    path("melding/<int:pk>/contactpoging/", views.contact_attempt_page, name="contact"),
    path(
        "melding/<int:pk>/contactpoging/<int:attempt_pk>/kaartje/",
        views.leave_card_action,
        name="leave_card",
    ),
    path(
        "melding/<int:pk>/signaal/<int:signal_pk>/geen-inwoner/",
        views.confirm_not_resident_page,
        name="confirm_not_resident",
    ),
    path(
        "melding/<int:pk>/signaal/<int:signal_pk>/geen-inwoner/intrekken/",
        views.withdraw_not_resident_action,
        name="withdraw_not_resident",
    ),
    path("melding/<int:pk>/gesprek/", views.conversation_page, name="conversation"),
    path("melding/<int:pk>/budgetscan/", views.budget_page, name="budget"),
    path(
        "melding/<int:pk>/budgetscan/<int:line_pk>/",
        views.budget_line_page,
        name="budget_line",
    ),
    path(
        "melding/<int:pk>/budgetscan/<int:line_pk>/verwijderen/",
        views.remove_budget_line_action,
        name="remove_budget_line",
    ),
    path("melding/<int:pk>/plan/", views.plan_page, name="plan"),
    path("melding/<int:pk>/verwijzing/", views.referral_page, name="referral"),
    path(
        "melding/<int:pk>/verwijzing/<int:referral_pk>/verzetten/",
        views.move_handover_page,
        name="move_handover",
    ),
    path("melding/<int:pk>/afsluiten/", views.close_page, name="close"),
    path("melding/<int:pk>/heropaf/heropenen/", views.reopen_action, name="reopen"),
    path(
        "melding/<int:pk>/heropaf/afronden/", views.complete_heropaf_action, name="complete_heropaf"
    ),
]
