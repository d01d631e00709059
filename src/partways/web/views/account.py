"""A person's own page: their digest (daily, weekly or none) and their API tokens.

A token acts as its person, with their role's rights (docs/api.md); it is shown once,
on the page that made it, and only its beginning afterwards.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partways.api.tokens import create_token, tokens_of
from partways.store.models import ApiToken, TeamMember

from ..access import EVERYONE, role_required


class DigestForm(forms.Form):
    digest = forms.ChoiceField(
        label=gettext_lazy("How often"),
        widget=forms.RadioSelect,
        choices=[
            ("daily", gettext_lazy("Daily")),
            ("weekly", gettext_lazy("Weekly, on the first working day")),
            ("off", gettext_lazy("Off")),
        ],
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What the token is for"),
        max_length=100,
        help_text=gettext_lazy("For example: accounting sync. It helps you tell tokens apart."),
    )


def _page(
    request: HttpRequest,
    member: TeamMember,
    *,
    form: DigestForm | None = None,
    token_form: TokenForm | None = None,
    new_token: str = "",
) -> HttpResponse:
    context = {
        "form": form or DigestForm(initial={"digest": member.digest}),
        "token_form": token_form or TokenForm(),
        "tokens": list(tokens_of(member)) if member.pk is not None else [],
        "new_token": new_token,
    }
    return render(request, "partways/account.html", context)


@role_required(*EVERYONE)
def account_page(request: HttpRequest) -> HttpResponse:
    member: TeamMember = request.member  # type: ignore[attr-defined]
    if request.method == "POST" and member.pk is not None:
        form = DigestForm(request.POST)
        if form.is_valid():
            member.digest = form.cleaned_data["digest"]
            member.save(update_fields=["digest"])
            messages.success(request, _("Your digest setting is saved."))
            return redirect("account")
        return _page(request, member, form=form)
    return _page(request, member)


@require_POST
@role_required(*EVERYONE)
def make_token(request: HttpRequest) -> HttpResponse:
    """Make a token and show it on this answer alone (it is never shown again)."""
    member: TeamMember = request.member  # type: ignore[attr-defined]
    form = TokenForm(request.POST)
    if member.pk is None or not form.is_valid():
        return _page(request, member, token_form=form)
    _row, token = create_token(member, form.cleaned_data["name"])
    return _page(request, member, new_token=token)


@require_POST
@role_required(*EVERYONE)
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the person's own tokens (another's answers "not found")."""
    member: TeamMember = request.member  # type: ignore[attr-defined]
    updated = ApiToken.objects.filter(
        pk=token_id, member_id=member.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise Http404("No such token.")
    messages.success(request, _("The token is revoked: programs using it are refused now."))
    return redirect("account")


urlpatterns = [
    path("me/", account_page, name="account"),
    path("me/tokens/", make_token, name="make_token"),
    path("me/tokens/<int:token_id>/revoke/", revoke_token, name="revoke_token"),
]
