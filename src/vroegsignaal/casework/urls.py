from django.urls import path

from vroegsignaal.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.worklist_page, name="worklist"),
    path("zoeken/", views.search_page, name="search"),
    path("melding/<id:pk>/", views.melding_page, name="melding"),
    path("melding/<id:pk>/toewijzen/", views.assign_action, name="assign"),
    path("melding/<id:pk>/toewijzing-intrekken/", views.unassign_action, name="unassign"),
    path("melding/<id:pk>/contactpoging/", views.contact_attempt_page, name="contact"),
    path(
        "melding/<id:pk>/contactpoging/<id:attempt_pk>/kaartje/",
        views.leave_card_action,
        name="leave_card",
    ),
    path(
        "melding/<id:pk>/signaal/<id:signal_pk>/geen-inwoner/",
        views.confirm_not_resident_page,
        name="confirm_not_resident",
    ),
    path(
        "melding/<id:pk>/signaal/<id:signal_pk>/geen-inwoner/intrekken/",
        views.withdraw_not_resident_action,
        name="withdraw_not_resident",
    ),
    path("melding/<id:pk>/gesprek/", views.conversation_page, name="conversation"),
    path("melding/<id:pk>/budgetscan/", views.budget_page, name="budget"),
    path(
        "melding/<id:pk>/budgetscan/<id:line_pk>/",
        views.budget_line_page,
        name="budget_line",
    ),
    path(
        "melding/<id:pk>/budgetscan/<id:line_pk>/verwijderen/",
        views.remove_budget_line_action,
        name="remove_budget_line",
    ),
    path("melding/<id:pk>/plan/", views.plan_page, name="plan"),
    path("melding/<id:pk>/verwijzing/", views.referral_page, name="referral"),
    path(
        "melding/<id:pk>/verwijzing/<id:referral_pk>/verzetten/",
        views.move_handover_page,
        name="move_handover",
    ),
    path("melding/<id:pk>/afsluiten/", views.close_page, name="close"),
    path("melding/<id:pk>/heropaf/heropenen/", views.reopen_action, name="reopen"),
    path(
        "melding/<id:pk>/heropaf/afronden/", views.complete_heropaf_action, name="complete_heropaf"
    ),
    path(
        "melding/<id:pk>/heropaf/zonder-antwoord/",
        views.close_heropaf_unanswered_action,
        name="close_heropaf_unanswered",
    ),
]
