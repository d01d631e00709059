"""Webhooks on the web: the owner adds, follows and removes them (as ``partways webhook``).

A webhook's secret is shown once, on the page that added it.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partways.notify.webhooks import new_secret
from partways.store.models import Webhook

from ..access import OWNER, role_required

EVENT_LABELS = {
    "recommendation.changed": gettext_lazy("A client's recommendation changed"),
    "case.step_changed": gettext_lazy("An offboarding case's step changed"),
}


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Address to send to"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("An https:// address of the program that receives the events."),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        widget=forms.CheckboxSelectMultiple,
        choices=list(EVENT_LABELS.items()),
        initial=list(EVENT_LABELS),
    )
    description = forms.CharField(
        label=gettext_lazy("What receives it"), max_length=200, required=False
    )


def _page(request: HttpRequest, form: WebhookForm, secret: str = "") -> HttpResponse:
    hooks = [
        {
            "hook": h,
            "events": [EVENT_LABELS.get(e, e) for e in h.events],
            "recent": h.deliveries.all()[:5],
        }
        for h in Webhook.objects.all()
    ]
    return render(
        request, "partways/settings/webhooks.html", {"form": form, "hooks": hooks, "secret": secret}
    )


@role_required(*OWNER)
def webhooks_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = WebhookForm(request.POST)
        if form.is_valid():
            hook = Webhook.objects.create(
                url=form.cleaned_data["url"],
                secret=new_secret(),
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
            return _page(request, WebhookForm(), secret=hook.secret)
        return _page(request, form)
    return _page(request, WebhookForm())


@require_POST
@role_required(*OWNER)
def remove_webhook(request: HttpRequest, hook_id: int) -> HttpResponse:
    deleted, _rows = Webhook.objects.filter(pk=hook_id).delete()
    if not deleted:
        raise Http404("No such webhook.")
    messages.success(request, _("The webhook is removed, with its delivery log."))
    return redirect("settings_webhooks")


urlpatterns = [
    path("settings/webhooks/", webhooks_page, name="settings_webhooks"),
    path("settings/webhooks/<int:hook_id>/remove/", remove_webhook, name="settings_webhook_remove"),
]
