"""The team page: who works here, who logs in with which role, who manages which client.

Only the owner opens it. The rules (the last owner stays an owner, a log-in follows
its role) are in :mod:`partways.web.settings_team`. Its routes are collected by
:mod:`.settings`.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from partways.store.models import TeamMember

from ..access import OWNER, role_required
from ..settings_team import ROLES, AddMemberForm, AssignmentForm, LastOwner, change_role


def _page(
    request: HttpRequest,
    add_form: AddMemberForm | None = None,
    assignment_form: AssignmentForm | None = None,
) -> HttpResponse:
    languages = dict(django_settings.LANGUAGES)
    members = (
        TeamMember.objects.select_related("user")
        .annotate(clients=Count("managed_clients", filter=Q(managed_clients__archived=False)))
        .order_by("name")
    )
    return render(
        request,
        "partways/settings/team.html",
        {
            "members": [
                {
                    "member": m,
                    "role": ROLES.get(m.role, m.role),
                    "has_login": m.user is not None and m.user.is_active,
                    "language": languages.get(m.language, m.language),
                    "clients": m.clients,
                }
                for m in members
            ],
            "roles": list(ROLES.items()),
            "add_form": add_form or AddMemberForm(),
            "assignment_form": assignment_form or AssignmentForm(),
        },
    )


@role_required(*OWNER)
def team_page(request: HttpRequest) -> HttpResponse:
    """The team, and the form to add a person who logs in (POST)."""
    if request.method != "POST":
        return _page(request)
    form = AddMemberForm(request.POST)
    member = form.save() if form.is_valid() else None
    if member is None:
        return _page(request, add_form=form)
    messages.success(
        request,
        _("%(name)s can now log in as %(role)s with %(email)s.")
        % {"name": member.name, "role": ROLES[member.role], "email": member.email},
    )
    return redirect("settings_team")


@role_required(*OWNER)
@require_POST
def member_role(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(TeamMember, pk=member_id)
    role = request.POST.get("role", "")
    if role not in ROLES:
        messages.error(request, _("Choose one of the roles."))
        return redirect("settings_team")
    try:
        unassigned = change_role(member, role)
    except LastOwner:
        messages.error(
            request,
            _(
                "%(name)s is the only owner: make someone else an owner first, so that "
                "somebody can still open the settings."
            )
            % {"name": member.name},
        )
        return redirect("settings_team")
    messages.success(
        request, _("%(name)s is now %(role)s.") % {"name": member.name, "role": ROLES[role]}
    )
    if unassigned:
        messages.info(
            request,
            ngettext(
                "%(name)s no longer manages %(n)d client; it has no manager now.",
                "%(name)s no longer manages %(n)d clients; they have no manager now.",
                unassigned,
            )
            % {"name": member.name, "n": unassigned},
        )
    if member.user_id is not None and member.user_id == request.user.pk and role != "owner":
        return redirect("home")  # this page is the owner's; they are not one any more
    return redirect("settings_team")


@role_required(*OWNER)
@require_POST
def assign_clients(request: HttpRequest) -> HttpResponse:
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the clients marked below."))
        return _page(request, assignment_form=form)
    changed = form.save()
    messages.success(
        request,
        ngettext(
            "Saved: %(n)d client has a new manager.",
            "Saved: %(n)d clients have a new manager.",
            changed,
        )
        % {"n": changed},
    )
    return redirect("settings_team")


urlpatterns = [
    path("settings/team/", team_page, name="settings_team"),
    path("settings/team/<int:member_id>/role/", member_role, name="settings_member_role"),
    path("settings/team/clients/", assign_clients, name="settings_assign_clients"),
]
