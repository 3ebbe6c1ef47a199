from django.contrib.auth import views as auth_views
from django.urls import path

from vroegsignaal.web import passwords, second_factor, session_timeout, views

app_name = "web"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", session_timeout.Login.as_view(), name="login"),
    path("inloggen/code/", second_factor.verify, name="otp_verify"),
    path("inloggen/tweede-stap/", second_factor.setup, name="otp_setup"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("sessie/verlengen/", session_timeout.extend_session, name="extend_session"),
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
