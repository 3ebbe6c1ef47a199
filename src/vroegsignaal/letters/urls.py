from django.urls import path

from vroegsignaal.letters import views

app_name = "letters"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("instellingen/", views.settings_page, name="settings"),
    path("teksten/<str:kind>/", views.template_editor, name="template"),
    path("teksten/<str:kind>/voorbeeld/", views.template_preview, name="template_preview"),
    path("melding/<id:pk>/", views.melding_letter, name="melding"),
    path("brief/<id:pk>/pdf/", views.sent_letter_pdf, name="sent_pdf"),
    path("printopdracht/", views.batch_page, name="batch"),
    path("printopdracht/<id:pk>/pdf/", views.batch_pdf, name="batch_pdf"),
]
