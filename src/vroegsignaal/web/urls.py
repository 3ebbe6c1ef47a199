from django.contrib.auth import views as auth_views
from django.urls import path

from vroegsignaal.web import passwords, second_factor, views

app_name = "web"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("inloggen/code/", second_factor.verify, name="otp_verify"),
    path("inloggen/tweede-stap/", second_factor.setup, name="otp_setup"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/wachtwoord/", passwords.PasswordChange.as_view(), name="password_change"),
    path(
        "inloggen/wachtwoord-vergeten/",
        passwords.PasswordReset.as_view(),
        name="password_reset",
    ),
    path(
        "inloggen/wachtwoord-vergeten/verstuurd/",
        passwords.PasswordResetSent.as_view(),
        name="password_reset_sent",
    ),
    path(
        "inloggen/nieuw-wachtwoord/<uidb64>/<token>/",
        passwords.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
]
