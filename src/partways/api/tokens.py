"""Making, checking and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db.models import QuerySet
from django.utils import timezone

from partways.store.models import ApiToken, TeamMember

# Tokens start with this, so a leaked one is recognisable (secret scanners match it).
PREFIX = "pw_"
# last_used_at is written at most this often (seconds), not on every request.
TOUCH_EVERY = 60


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(member: TeamMember, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``member``: the row and the token itself (shown once)."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        member=member, name=name[:100], prefix=token[:12], digest=_digest(token)
    )
    return row, token


def member_for(token: str) -> TeamMember | None:
    """The team member a live token belongs to; None for an unknown or revoked one, or
    one whose member no longer has a log-in."""
    if not token.startswith(PREFIX):
        return None
    row = (
        ApiToken.objects.select_related("member__user")
        .filter(digest=_digest(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or row.member.user is None or not row.member.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > TOUCH_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.member


def tokens_of(member: TeamMember) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(member=member)


def revoke(shown: str) -> list[ApiToken]:
    """Revoke the live token ``shown`` names: the token itself, or its beginning as
    ``partways token list`` shows it. Return what was revoked (nothing: no such token)."""
    live_tokens = ApiToken.objects.filter(revoked_at__isnull=True)
    if len(shown) > len(PREFIX) + 9:
        found = live_tokens.filter(digest=_digest(shown)) | live_tokens.filter(prefix=shown)
    else:
        found = live_tokens.filter(prefix=shown)
    live = list(found)
    ApiToken.objects.filter(pk__in=[t.pk for t in live]).update(revoked_at=timezone.now())
    return live
