"""The owner's settings: the business, its exchange rates and its thresholds.

One form holds the business and every threshold of the registry, so a save is all or
nothing; exchange rates are added, changed and removed one at a time. The rules for
each value are in :mod:`partways.web.settings_forms`. The team has its own page
(:mod:`.team`), collected here.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partways.store.business import remove_rate as delete_rate
from partways.store.business import stored_rates
from partways.store.models import BusinessSettings

from ..access import OWNER, role_required
from ..settings_forms import BusinessForm, RateForm
from . import team


@cache
def _time_zones() -> list[str]:
    # The tz database on disk does not change while the app runs.
    return sorted(available_timezones())


def _page(
    request: HttpRequest,
    business: BusinessSettings,
    form: BusinessForm | None = None,
    rate_form: RateForm | None = None,
) -> HttpResponse:
    form = form or BusinessForm.for_business(business)
    return render(
        request,
        "partways/settings/settings.html",
        {
            "business": business,
            "form": form,
            "threshold_groups": form.threshold_groups(business.thresholds or {}),
            "rate_form": rate_form or RateForm(),
            # Read as text: a stored value no rate can be is shown, to be replaced.
            "rates": stored_rates(),
            "time_zones": _time_zones(),
        },
    )


@role_required(*OWNER)
def settings_page(request: HttpRequest) -> HttpResponse:
    business = BusinessSettings.load()
    if request.method != "POST":
        return _page(request, business)
    form = BusinessForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _page(request, business, form=form)
    dropped = form.save(business)
    messages.success(request, _("Settings saved."))
    if dropped:
        messages.warning(
            request,
            _("Removed overrides of settings that no longer exist: %(keys)s.")
            % {"keys": ", ".join(dropped)},
        )
    return redirect("settings")


@role_required(*OWNER)
@require_POST
def save_rate(request: HttpRequest) -> HttpResponse:
    """Add an exchange rate, or change the one its currency has."""
    business = BusinessSettings.load()
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The exchange rate was not saved: correct the fields marked."))
        return _page(request, business, rate_form=form)
    currency, rate, created = form.save()
    messages.success(
        request,
        (
            _("Added: 1 %(currency)s = %(rate)s %(base)s.")
            if created
            else _("Changed: 1 %(currency)s = %(rate)s %(base)s.")
        )
        % {"currency": currency, "rate": rate, "base": business.base_currency},
    )
    return redirect("settings")


@role_required(*OWNER)
@require_POST
def remove_rate(request: HttpRequest, currency: str) -> HttpResponse:
    # Deleted without being read: an unusable stored value must be removable too.
    if not delete_rate(currency):
        raise Http404
    messages.success(
        request, _("Removed the exchange rate of %(currency)s.") % {"currency": currency}
    )
    return redirect("settings")


urlpatterns = [
    path("settings/", settings_page, name="settings"),
    path("settings/rates/", save_rate, name="settings_rate"),
    path("settings/rates/<str:currency>/remove/", remove_rate, name="settings_rate_remove"),
    *team.urlpatterns,
]
