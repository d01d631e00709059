"""Who is asking: the token's team member, and what their role lets them reach."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from partways.store.models import Client, TeamMember

from .tokens import member_for

Role = TeamMember.Role


class TokenAuth(HttpBearer):
    """``Authorization: Bearer pw_…``: the request acts as the token's team member."""

    def authenticate(self, request: HttpRequest, token: str) -> TeamMember | None:
        member = member_for(token)
        if member is None:
            return None
        request.user = member.user  # type: ignore[assignment]
        request.member = member  # type: ignore[attr-defined]
        return member


def member(request: HttpRequest) -> TeamMember:
    found: TeamMember = request.auth  # type: ignore[attr-defined]
    return found


def require(request: HttpRequest, *roles: str) -> TeamMember:
    """The asking member; HTTP 403 when their role may not use this endpoint."""
    asking = member(request)
    if asking.role not in roles:
        raise HttpError(403, "Your role cannot use this endpoint.")
    return asking


OWNER = (Role.OWNER,)
MANAGERS = (Role.OWNER, Role.MANAGER)
EVERYONE = (Role.OWNER, Role.MANAGER, Role.STAFF)


def clients_of(asking: TeamMember) -> QuerySet[Client]:
    """The clients ``asking`` may see, exactly as on the web (partways.web.access)."""
    from partways.web.access import visible_clients

    return visible_clients(asking)


def client_of(asking: TeamMember, client_id: int) -> Client:
    """The client if ``asking`` may see it; HTTP 404 otherwise (its existence is not shown)."""
    client = clients_of(asking).filter(pk=client_id).first()
    if client is None:
        raise HttpError(404, "No such client.")
    return client
