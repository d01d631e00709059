"""Log-ins for team members: one Django user per person, named by e-mail address."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from partways.store.models import TeamMember


class AccountError(Exception):
    """A log-in that cannot be made as asked (bad e-mail, weak password, taken)."""


def has_owner() -> bool:
    """Whether someone can already log in as the owner."""
    User = get_user_model()
    return (
        TeamMember.objects.filter(role=TeamMember.Role.OWNER, user__is_active=True).exists()
        or User.objects.filter(is_superuser=True, is_active=True).exists()
    )


def create_login(*, email: str, password: str, name: str, role: str) -> TeamMember:
    """Create the log-in for ``email`` with ``role``; an existing team member is linked.

    The owner also gets Django's admin. Raises :class:`AccountError` with a sentence
    the person can act on.
    """
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(f"{email!r} is not an e-mail address.") from None
    if role not in TeamMember.Role.values:
        raise AccountError(f"{role!r} is not a role; expected one of {TeamMember.Role.values}.")
    User = get_user_model()
    if User.objects.filter(username=email).exists():
        raise AccountError(f"{email} already has a log-in.")
    user = User(username=email, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages)) from None
    owner = role == TeamMember.Role.OWNER
    with transaction.atomic():
        user.is_staff = user.is_superuser = owner
        user.set_password(password)
        user.save()
        member = TeamMember.objects.filter(email__iexact=email).first()
        if member is None:
            member = TeamMember(email=email)
        member.name = name.strip() or member.name or email
        member.role = role
        member.user = user
        member.save()
    return member


def unlock(*, email: str | None = None, address: str | None = None) -> int:
    """Forget the failed log-ins recorded for ``email`` and from ``address``.

    Either one, or both; a pause on that account or address is lifted at once. Returns
    how many records (one per account, address and browser) were removed.
    """
    from axes.utils import reset

    if not (email or address):
        raise AccountError("Name an e-mail address or an IP address to unlock.")
    cleared = 0
    if email:
        cleared += reset(username=email.strip().lower())
    if address:
        cleared += reset(ip=address)
    return cleared
