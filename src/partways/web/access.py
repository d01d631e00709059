"""Who may see what: the one place every view and download asks.

- **owner**: everything, the figures and the settings included;
- **manager**: the clients assigned to them, with their figures and messages;
- **staff**: reports incidents and sees their own reports; no client page, no money.

A client outside a person's reach answers 404, not 403, so a manager cannot probe
which clients exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from partways.store.models import Client, TeamMember

Role = TeamMember.Role
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def member_of(request: HttpRequest) -> TeamMember:
    """The team member behind the logged-in user; PermissionDenied when there is none.

    A superuser made with Django's own tools counts as an owner.
    """
    user = request.user
    member: TeamMember | None = getattr(user, "member", None) if user.is_authenticated else None
    if member is not None:
        return member
    if user.is_authenticated and user.is_superuser:
        return TeamMember(name=user.get_username(), email="", role=Role.OWNER, user=user)
    raise PermissionDenied("This login is not a member of the team.")


def sees_money(member: TeamMember) -> bool:
    """Whether ``member`` may see revenue, costs, rates, invoices and payments."""
    return member.role in (Role.OWNER, Role.MANAGER)


def sees_clients(member: TeamMember) -> bool:
    """Whether ``member`` may open client pages (signals, evidence, messages)."""
    return member.role in (Role.OWNER, Role.MANAGER)


def visible_clients(member: TeamMember) -> QuerySet[Client]:
    """The clients whose pages, figures and messages ``member`` may see."""
    if member.role == Role.OWNER:
        return Client.objects.all()
    if member.role == Role.MANAGER and member.pk is not None:
        return Client.objects.filter(manager=member)
    return Client.objects.none()


def client_for(member: TeamMember, client_id: int) -> Client:
    """The client if ``member`` may see it; Http404 otherwise (existence is not leaked)."""
    client = visible_clients(member).filter(pk=client_id).first()
    if client is None:
        raise Http404("No such client.")
    return client


def role_required(*roles: str) -> Callable[[View], View]:
    """Views only these roles may open: log in first, then 403 for any other role."""

    def wrap(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            member = member_of(request)
            if member.role not in roles:
                raise PermissionDenied("Your role cannot open this page.")
            request.member = member  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return login_required(checked)  # type: ignore[return-value]

    return wrap


OWNER = (Role.OWNER,)
MANAGERS = (Role.OWNER, Role.MANAGER)
EVERYONE = (Role.OWNER, Role.MANAGER, Role.STAFF)
