"""What every page's header needs: who is logged in and the links their role may follow."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import MANAGERS, OWNER, member_of, sees_money

# (url name, label, roles that see the link)
NAVIGATION = (
    ("portfolio", _("Portfolio"), MANAGERS),
    ("repair_board", _("Repair plans"), MANAGERS),
    ("offboarding_board", _("Offboarding"), MANAGERS),
    ("incidents", _("Incidents"), None),
    ("import", _("Import"), OWNER),
    ("settings", _("Settings"), OWNER),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    try:
        member = member_of(request)
    except PermissionDenied:
        return {}
    here = (request.resolver_match.url_name if request.resolver_match else "") or ""
    links = [
        {"url": reverse(name), "label": label, "current": here.startswith(name.split("_")[0])}
        for name, label, roles in NAVIGATION
        if roles is None or member.role in roles
    ]
    return {"member": member, "nav_links": links, "sees_money": sees_money(member)}
