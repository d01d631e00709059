"""Requests to Clockify's API v1 and the shape of its lists.

Lists are bare JSON arrays, without a total or a next link: they are read ``page``
by ``page-size`` until a page comes back shorter than asked (unconfirmed in an
official page; the reported behaviour, see README.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from partways.core.phrase import say

from ..base import SyncFailed
from ..http import ApiClient

API = "/api/v1"
# Clockify's largest page (default 50): a free workspace may be allowed only 30
# requests an hour, so each one should bring as much as it can.
PAGE = 5000


def one(api: ApiClient, path: str) -> dict[str, Any]:
    """A single object (``/user``); anything else is not Clockify's API answering."""
    body = api.get(path).body
    if not isinstance(body, dict) or not body.get("id"):
        raise unexpected(path)
    return body


def list_all(
    api: ApiClient, path: str, params: Mapping[str, Any] | None = None, *, paged: bool = True
) -> list[dict[str, Any]]:
    """Every item of a Clockify list: bare JSON arrays, ``page`` by ``page-size``, the
    last page the first one shorter than asked (no total, no next link)."""
    if not paged:
        body = api.get(path, params).body
        if not isinstance(body, list):
            raise unexpected(path)
        return [item for item in body if isinstance(item, dict)]
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    page = 1
    while True:
        body = api.get(path, {**(params or {}), "page": page, "page-size": PAGE}).body
        if not isinstance(body, list):
            raise unexpected(path)
        ids = {str(item.get("id")) for item in body if isinstance(item, dict)}
        if body and ids <= seen:
            # A server that ignores ``page`` would answer the same page for ever.
            raise unexpected(path)
        seen |= ids
        items.extend(item for item in body if isinstance(item, dict))
        if len(body) < PAGE:
            return items
        page += 1


def unexpected(path: str) -> SyncFailed:
    return SyncFailed(
        say(
            "sync.clockify_unexpected",
            "Clockify answered {path} with something other than what its API documents; "
            "nothing was changed. Check the address of the connection.",
            path=path,
        )
    )
