"""Each person's own choice of digest: daily, weekly or none."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partways.store.models import TeamMember

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


@role_required(*EVERYONE)
def digest_page(request: HttpRequest) -> HttpResponse:
    member: TeamMember = request.member  # type: ignore[attr-defined]
    if request.method == "POST" and member.pk is not None:
        form = DigestForm(request.POST)
        if form.is_valid():
            member.digest = form.cleaned_data["digest"]
            member.save(update_fields=["digest"])
            messages.success(request, _("Your digest setting is saved."))
            return redirect("digest")
    else:
        form = DigestForm(initial={"digest": member.digest})
    return render(request, "partways/digest.html", {"form": form})


urlpatterns = [path("me/digest/", digest_page, name="digest")]
