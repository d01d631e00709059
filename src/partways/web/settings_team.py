"""The team as the owner manages it: who logs in, with which role, managing which clients.

Log-ins are made by :func:`partways.web.accounts.create_login`; this module changes
roles (never leaving the business without an owner) and assigns clients to the
people who manage them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import password_validators_help_texts
from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from partways.store.models import Client, TeamMember

from .accounts import AccountError, create_login

Role = TeamMember.Role
ROLES: dict[str, Promise] = {
    Role.OWNER: gettext_lazy("Owner"),
    Role.MANAGER: gettext_lazy("Manager"),
    Role.STAFF: gettext_lazy("Staff"),
}
# Who may be named a client's manager: the owner sees every client anyway, but may
# still be the one who looks after some.
MANAGING_ROLES = (Role.OWNER, Role.MANAGER)


class LastOwner(Exception):
    """Changing this role would leave nobody able to log in as the owner."""


def _role_choices() -> list[tuple[str, Promise]]:
    return list(ROLES.items())


def managers() -> QuerySet[TeamMember]:
    """The people a client can be assigned to, by name."""
    return TeamMember.objects.filter(role__in=MANAGING_ROLES).order_by("name")


def change_role(member: TeamMember, role: str) -> int:
    """Give ``member`` the ``role``; return how many clients they no longer manage.

    Their log-in follows (an owner also has Django's admin, as
    :func:`~partways.web.accounts.create_login` makes it). Someone who becomes staff
    stops managing clients, since staff see no client. Raises :class:`LastOwner` when
    ``member`` is the last owner who can log in and ``role`` is another role.
    """
    if role not in ROLES:
        raise ValueError(f"{role!r} is not a role")
    User = get_user_model()
    with transaction.atomic():
        if member.role == Role.OWNER and role != Role.OWNER:
            owners = TeamMember.objects.select_for_update().filter(
                role=Role.OWNER, user__is_active=True
            )
            # A superuser made with Django's own tools, and no team member, is an owner too.
            bare_superuser = User.objects.filter(
                is_superuser=True, is_active=True, member__isnull=True
            ).exists()
            if not owners.exclude(pk=member.pk).exists() and not bare_superuser:
                raise LastOwner
        member.role = role
        member.save(update_fields=["role"])
        if member.user is not None:
            member.user.is_staff = member.user.is_superuser = role == Role.OWNER
            member.user.save(update_fields=["is_staff", "is_superuser"])
        if role == Role.STAFF:
            return Client.objects.filter(manager=member).update(manager=None)
    return 0


class AddMemberForm(forms.Form):
    """A person who logs in: a new team member, or one already known by e-mail address."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy(
            "They log in with it. A team member already known by this address gets the log-in."
        ),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), initial=Role.STAFF)
    password = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices()  # type: ignore[attr-defined]
        self.fields["password"].help_text = " ".join(password_validators_help_texts())

    def save(self) -> TeamMember | None:
        """Make the log-in; None, with the reason on the form, when it cannot be made."""
        data = self.cleaned_data
        try:
            return create_login(
                email=data["email"], password=data["password"], name=data["name"], role=data["role"]
            )
        except AccountError as exc:
            self.add_error(None, str(exc))
            return None


class AssignmentForm(forms.Form):
    """Each client's manager (or nobody): one select per client that is not archived."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = managers()
        self.clients = list(Client.objects.filter(archived=False).order_by("name"))
        for client in self.clients:
            self.fields[f"client_{client.pk}"] = forms.ModelChoiceField(
                queryset=people,
                required=False,
                label=client.name,
                empty_label=gettext_lazy("Nobody"),
                initial=client.manager_id,
            )

    def rows(self) -> list[tuple[Client, forms.BoundField]]:
        return [(c, self[f"client_{c.pk}"]) for c in self.clients]

    def save(self) -> int:
        """Store each client's manager; return how many clients changed hands."""
        changed = 0
        with transaction.atomic():
            for client in self.clients:
                if f"client_{client.pk}" not in self.data:
                    continue  # not on the page that was sent (a client added since)
                chosen = self.cleaned_data[f"client_{client.pk}"]
                new_id = chosen.pk if chosen is not None else None
                if new_id != client.manager_id:
                    Client.objects.filter(pk=client.pk).update(manager_id=new_id)
                    changed += 1
        return changed
