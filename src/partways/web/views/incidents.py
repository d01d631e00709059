"""Incident reports: any team member reports what happened with a client `[002 #2]`.

Staff see their own reports only; a manager also sees the reports on the clients
assigned to them; the owner sees all. The report counts at the next triage.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partways.notify.alerts import incident_reported
from partways.store.models import Client, Incident, TeamMember

from .. import labels
from ..access import EVERYONE, role_required, visible_clients


class IncidentForm(forms.ModelForm):  # type: ignore[type-arg]
    client = forms.ModelChoiceField(
        queryset=Client.objects.filter(archived=False),
        label=gettext_lazy("Client"),
        empty_label=gettext_lazy("Choose the client"),
    )
    kind = forms.ChoiceField(label=gettext_lazy("What happened"))
    severity = forms.ChoiceField(label=gettext_lazy("How serious"))
    occurred_at = forms.DateTimeField(
        label=gettext_lazy("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(
        label=gettext_lazy("What was said or done"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Facts, in your own words: who, what, and any witnesses."),
    )

    class Meta:
        model = Incident
        fields = ["client", "kind", "severity", "occurred_at", "note"]

    def __init__(self, *args: object, member: TeamMember, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Staff report on any client (they meet them all); a manager only sees, and so
        # reports on, the clients assigned to them.
        if member.role == TeamMember.Role.MANAGER:
            self.fields["client"].queryset = visible_clients(member).filter(archived=False)  # type: ignore[attr-defined]
        # Choices are built per form so they follow the reader's language.
        self.fields["kind"].choices = list(labels.INCIDENT_KINDS.items())  # type: ignore[attr-defined]
        self.fields["severity"].choices = list(labels.INCIDENT_SEVERITIES.items())  # type: ignore[attr-defined]

    def clean_occurred_at(self) -> object:
        when = self.cleaned_data["occurred_at"]
        if when > timezone.now():
            raise forms.ValidationError(_("The time is in the future."))
        return when


def reports_for(member: TeamMember) -> QuerySet[Incident]:
    """The reports ``member`` may read (see the module docstring)."""
    qs = Incident.objects.select_related("client", "reporter").order_by("-occurred_at")
    if member.role == TeamMember.Role.OWNER:
        return qs
    if member.pk is None:
        return qs.none()
    if member.role == TeamMember.Role.MANAGER:
        return qs.filter(Q(reporter=member) | Q(client__manager=member))
    return qs.filter(reporter=member)


@role_required(*EVERYONE)
def incidents(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    if request.method == "POST":
        form = IncidentForm(request.POST, member=member)
        if form.is_valid():
            incident = form.save(commit=False)
            incident.reporter = member if member.pk else None
            incident.reporter_name = member.name
            incident.save()
            incident_reported(incident)
            messages.success(
                request,
                _("Thank you. Your report on %(client)s is saved; it counts at the next triage.")
                % {"client": incident.client.name},
            )
            return redirect("incidents")
    else:
        form = IncidentForm(
            initial={"occurred_at": timezone.localtime().replace(second=0)}, member=member
        )
    return render(
        request,
        "partways/incidents.html",
        {
            "form": form,
            "reports": reports_for(member)[:200],
            "kinds": labels.INCIDENT_KINDS,
        },
    )


urlpatterns = [path("incidents/", incidents, name="incidents")]
