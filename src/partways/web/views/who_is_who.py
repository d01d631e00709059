"""Who is who: the follow-ups an import leaves, done in the browser.

Senders no client claims are listed with how many messages each wrote; one click
makes the address, or its whole domain, a client's, and their waiting messages that
client's. Two clients that are one (a new spelling an import could not match) are
merged here too. The store's refusals come as codes, worded here in the reader's
language.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partways.store.imports.apply import own_addresses
from partways.store.imports.identity import FREE_MAIL, domain_of
from partways.store.imports.resolve import (
    ResolveError,
    add_alias,
    forget,
    merge,
    unmatched_addresses,
)
from partways.store.models import Client

from ..access import OWNER, role_required
from ..refusals import worded
from ..settings_forms import SettingError, parse_own_address


class ClaimForm(forms.Form):
    address = forms.CharField(max_length=254)
    whole_domain = forms.BooleanField(required=False)
    client = forms.ModelChoiceField(
        queryset=Client.objects.filter(archived=False).order_by("name"),
        label=gettext_lazy("Client"),
        empty_label=gettext_lazy("Choose a client"),
        error_messages={"required": gettext_lazy("Choose the client who wrote these.")},
    )


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Client.objects.order_by("name"),
        label=gettext_lazy("This client"),
        empty_label=gettext_lazy("Choose a client"),
    )
    target = forms.ModelChoiceField(
        queryset=Client.objects.order_by("name"),
        label=gettext_lazy("is the same as"),
        empty_label=gettext_lazy("Choose a client"),
    )


@role_required(*OWNER)
def page(request: HttpRequest) -> HttpResponse:
    senders = []
    for address, n in unmatched_addresses(limit=100):
        domain = domain_of(address) if address and "@" in address else ""
        senders.append(
            {
                "address": address or "",
                "messages": n,
                "domain": domain,
                "shared_domain": domain in FREE_MAIL,
            }
        )
    return render(
        request,
        "partways/imports/who_is_who.html",
        {
            "senders": senders,
            "clients": list(Client.objects.filter(archived=False).order_by("name")),
            "merge_form": MergeForm(),
        },
    )


@role_required(*OWNER)
@require_POST
def claim(request: HttpRequest) -> HttpResponse:
    form = ClaimForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("who_is_who")
    data = form.cleaned_data
    address = data["address"].strip().lower()
    alias = "@" + domain_of(address) if data["whole_domain"] else address
    client: Client = data["client"]
    try:
        result = add_alias(alias, client.pk)
    except ResolveError as exc:
        messages.error(request, worded(exc))
        return redirect("who_is_who")
    messages.success(
        request,
        _("%(alias)s is %(client)s's now; %(n)s waiting messages are theirs.")
        % {"alias": alias, "client": client.name, "n": result.claimed_messages},
    )
    return redirect("who_is_who")


@role_required(*OWNER)
@require_POST
def merge_clients(request: HttpRequest) -> HttpResponse:
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose both clients."))
        return redirect("who_is_who")
    source: Client = form.cleaned_data["source"]
    target: Client = form.cleaned_data["target"]
    name = source.name
    try:
        merge(source.pk, target.pk)
    except ResolveError as exc:
        messages.error(request, worded(exc))
        return redirect("who_is_who")
    messages.success(
        request,
        _(
            "%(source)s is now part of %(target)s, with all its records; its name is kept as "
            "another name of %(target)s."
        )
        % {"source": name, "target": target.name},
    )
    return redirect("who_is_who")


@role_required(*OWNER)
@require_POST
def mine(request: HttpRequest) -> HttpResponse:
    """An address the owner says is theirs: mail from it is outbound, the waiting mail
    re-read."""
    try:
        address = parse_own_address(request.POST.get("address", ""))
    except SettingError as exc:
        messages.error(request, str(exc))
        return redirect("who_is_who")
    own_addresses([address])
    messages.success(
        request, _("%(address)s is yours now: its mail counts as outbound.") % {"address": address}
    )
    return redirect("who_is_who")


@role_required(*OWNER)
@require_POST
def forget_view(request: HttpRequest) -> HttpResponse:
    """Undo an address, @domain or other name of a client (one an import learned)."""
    alias = request.POST.get("alias", "").strip()
    if not alias:
        messages.error(request, _("Give an address or a domain."))
        return redirect("who_is_who")
    try:
        result = forget(alias)
    except ResolveError as exc:
        messages.error(request, worded(exc))
        return redirect("who_is_who")
    messages.success(
        request,
        _("%(alias)s no longer means %(client)s; %(n)s of its messages are no longer theirs.")
        % {"alias": alias, "client": result.client, "n": result.released},
    )
    return redirect("who_is_who")


urlpatterns = [
    path("who-is-who/forget/", forget_view, name="who_is_who_forget"),
    path("who-is-who/mine/", mine, name="who_is_who_mine"),
    path("who-is-who/", page, name="who_is_who"),
    path("who-is-who/claim/", claim, name="who_is_who_claim"),
    path("who-is-who/merge/", merge_clients, name="who_is_who_merge"),
]
