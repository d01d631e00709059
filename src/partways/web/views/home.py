"""Log-in, log-out, the landing redirect and the language switch."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..access import EVERYONE, MANAGERS, role_required


class EmailLoginForm(AuthenticationForm):
    """Log in with the e-mail address: logins are created with it as the user name."""

    username = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


@role_required(*EVERYONE)
def home(request: HttpRequest) -> HttpResponse:
    """Owners and managers land on the portfolio; staff on their incident reports."""
    member = request.member  # type: ignore[attr-defined]
    if member.role == "owner":
        from .first_run import needed

        # The owner's first visit: the set-up the triage needs, before anything else.
        if needed():
            return redirect("first_run")
    return redirect("portfolio" if member.role in MANAGERS else "incidents")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language: kept on the member (all devices) and in a cookie."""
    code = request.POST.get("language", "")
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    member = getattr(request.user, "member", None) if request.user.is_authenticated else None
    if member is not None:
        member.language = code
        member.save(update_fields=["language"])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    # The same flags as Django's own language cookie: Secure in production.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 86400,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # "Lax"
    )
    return response


urlpatterns = [
    path("", home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="partways/login.html", authentication_form=EmailLoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", set_language, name="set_language"),
]
