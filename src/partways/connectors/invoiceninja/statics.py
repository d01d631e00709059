"""Invoice Ninja's static lists (``GET /api/v1/statics``): what its numeric ids name.

Clients and payments carry ``currency_id``, ``country_id`` and ``type_id`` as ids into
Invoice Ninja's own tables. ``/api/v1/statics`` (``App\\Utils\\Statics::company``)
answers those tables: ``currencies`` (id, name, code, …), ``countries`` (id, name
translated into the user's language, as the exports write it) and ``payment_types``
(id as text, name translated). Reading them from the instance, rather than carrying a
copy, keeps a self-hosted instance with its own additions right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _by_id(items: Any, value: str) -> dict[str, str]:
    """``{id: item[value]}`` of a static list, ids as text (some lists send numbers)."""
    found: dict[str, str] = {}
    for item in items or []:
        if not isinstance(item, Mapping):
            continue
        key, name = item.get("id"), item.get(value)
        if key is not None and isinstance(name, str) and name.strip():
            found[str(key).strip()] = name.strip()
    return found


@dataclass
class Statics:
    currencies: dict[str, str] = field(default_factory=dict)  # id → ISO code
    countries: dict[str, str] = field(default_factory=dict)  # id → name
    payment_types: dict[str, str] = field(default_factory=dict)  # id → name

    @classmethod
    def from_body(cls, body: Any) -> Statics:
        body = body if isinstance(body, Mapping) else {}
        return cls(
            currencies={k: v.upper() for k, v in _by_id(body.get("currencies"), "code").items()},
            countries=_by_id(body.get("countries"), "name"),
            payment_types=_by_id(body.get("payment_types"), "name"),
        )

    def currency(self, currency_id: Any) -> str | None:
        return self.currencies.get(str(currency_id).strip()) if currency_id else None

    def country(self, country_id: Any) -> str | None:
        return self.countries.get(str(country_id).strip()) if country_id else None

    def payment_type(self, type_id: Any) -> str | None:
        return self.payment_types.get(str(type_id).strip()) if type_id else None
