"""The first run, in the browser: what ``partways setup`` asks, on one page.

The owner lands here until it is saved once: the business's name, base currency, time
zone (this machine's is offered), working days and hours, rates, own addresses and
the team. The same rules as the settings page (:class:`BusinessForm`); thresholds the
business has already changed are kept as they are.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partways import machine
from partways.store.imports.resolve import reclassify_own_mail
from partways.store.models import BusinessSettings, TeamMember
from partways.store.team import MemberError, parse_member, save_members

from ..access import OWNER, role_required
from ..settings_forms import BusinessForm, shown_number, threshold_field_name
from .settings import _time_zones


class FirstRunForm(BusinessForm):
    """The business's settings and its team, one person per line."""

    team = forms.CharField(
        label=gettext_lazy("Your team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One person per line: name, address and role (owner, manager or staff), e.g. "
            "Owen Price <owen@studio.hr> manager. Their mail counts as yours."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The settings page lists exchange rates under this field; this page has none.
        self.fields["base_currency"].help_text = gettext_lazy(
            "ISO 4217, three letters (EUR, USD, IDR): every figure is summed in it. Money in "
            "another currency needs an exchange rate, set later in the settings."
        )

    def clean_team(self) -> list[Any]:
        members, errors = [], []
        for line in self.cleaned_data["team"].splitlines():
            if not line.strip():
                continue
            try:
                members.append(parse_member(line))
            except MemberError:
                errors.append(
                    _(
                        "%(line)s is not a team member; expected a name, an address and a "
                        "role, e.g. Owen Price <owen@studio.hr> manager."
                    )
                    % {"line": line.strip()}
                )
        if errors:
            raise forms.ValidationError(errors)
        return members


def needed() -> bool:
    """Whether the business has not been set up yet."""
    return BusinessSettings.load().configured_at is None


@role_required(*OWNER)
def first_run(request: HttpRequest) -> HttpResponse:
    business = BusinessSettings.load()
    if request.method == "POST":
        data = request.POST.copy()
        # Thresholds are not on this page: those already changed stay as they are.
        for key, value in (business.thresholds or {}).items():
            if isinstance(value, int | float):
                data[threshold_field_name(key)] = shown_number(value)
        form = FirstRunForm(data)
        if form.is_valid():
            try:
                save_members(form.cleaned_data["team"])
            except MemberError:
                form.add_error("team", _("That would leave nobody who can log in as the owner."))
            else:
                form.save(business)
                business.configured_at = timezone.now()
                business.save(update_fields=["configured_at"])
                reclassify_own_mail()
                messages.success(
                    request, _("Set up. Next, import the exports of the tools you use.")
                )
                return redirect("import")
    else:
        initial = BusinessForm.for_business(business).initial
        if business.configured_at is None and business.time_zone == "UTC":
            initial["time_zone"] = machine.time_zone()
        initial["team"] = "\n".join(
            f"{m.name} <{m.email}> {m.role}" for m in TeamMember.objects.order_by("name")
        )
        form = FirstRunForm(initial=initial)
    return render(
        request, "partways/settings/first_run.html", {"form": form, "time_zones": _time_zones()}
    )


urlpatterns = [path("setup/", first_run, name="first_run")]
