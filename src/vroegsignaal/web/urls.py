from django.contrib.auth import views as auth_views
from django.urls import path

from vroegsignaal.web import views

app_name = "web"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
]
