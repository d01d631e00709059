"""The team as the first-run set-up takes it: people given as ``Name <address> role``.

Shared by ``partways setup`` and the web's first-run page. Log-ins are made elsewhere
(:func:`partways.web.accounts.create_login`); a member here may have none, and still
counts: their mail is the business's own, and what clients send them is to staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from partways.store.models import TeamMember

ROLES = ("owner", "manager", "staff")


class MemberError(ValueError):
    """A team member as given cannot be used; ``text`` is what was given, ``code`` why:
    ``malformed`` (no name, no valid address or an unknown role) or ``last_owner``."""

    def __init__(self, text: str, code: str) -> None:
        super().__init__(f"{text!r}: {code}")
        self.text = text
        self.code = code


@dataclass(frozen=True)
class Member:
    name: str
    email: str
    role: str


def parse_member(text: str) -> Member:
    """``Owen Price <owen@studio.hr> manager`` (the role may be left out: staff), or
    ``Owen Price,owen@studio.hr,manager``. Raises :class:`MemberError`."""
    if "<" in text:
        head, _, tail = text.partition(">")
        name, email = parseaddr(head + ">")
        role = tail.strip().lower() or "staff"
    else:
        parts = [p.strip() for p in text.split(",")]
        name, email, role = (parts + ["", "", "staff"])[:3]
        role = role.lower() or "staff"
    name = name.strip().strip('"')
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    if not name or not email or role not in ROLES:
        raise MemberError(text, "malformed")
    return Member(name, email.lower(), role)


def save_members(members: list[Member]) -> int:
    """Add each member, or update the one with the same address; how many changed.

    All or nothing. Raises :class:`MemberError` (``last_owner``) when a change would
    leave nobody able to log in as the owner.
    """
    from partways.web.settings_team import LastOwner, change_role

    changed = 0
    with transaction.atomic():
        for m in members:
            existing = TeamMember.objects.filter(email__iexact=m.email).first()
            if existing is None:
                TeamMember.objects.create(name=m.name, email=m.email, role=m.role)
                changed += 1
                continue
            if existing.name != m.name:
                existing.name = m.name
                existing.save(update_fields=["name"])
                changed += 1
            if existing.role != m.role:
                try:
                    change_role(existing, m.role)
                except LastOwner:
                    raise MemberError(m.email, "last_owner") from None
                changed += 1
    return changed
