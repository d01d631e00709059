"""What every writer shares: stable ids, time zones and the people of an agency."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from ..model import Agency, Client, Message, Person

# Where a client's people write from, by country: a message's Date header carries the
# sender's own offset, as a real mail client writes it.
COUNTRY_ZONES = {
    "HR": "Europe/Zagreb",
    "SI": "Europe/Ljubljana",
    "RS": "Europe/Belgrade",
    "BA": "Europe/Sarajevo",
    "DE": "Europe/Berlin",
    "AT": "Europe/Vienna",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "NL": "Europe/Amsterdam",
    "FR": "Europe/Paris",
    "US": "America/New_York",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "ID": "Asia/Jakarta",
    "SG": "Asia/Singapore",
    "MY": "Asia/Kuala_Lumpur",
    "AE": "Asia/Dubai",
    "SA": "Asia/Riyadh",
    "QA": "Asia/Qatar",
    "EG": "Africa/Cairo",
    "JO": "Asia/Amman",
    "LB": "Asia/Beirut",
}


class WriterError(ValueError):
    """The generated data cannot be written as the tool would export it (a generator bug)."""


def digest(*parts: object, size: int = 8) -> str:
    """A short stable hex id of ``parts``: the same agency always writes the same files."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.blake2b(text.encode(), digest_size=size).hexdigest()


def slack_id(person: Person) -> str:
    """The person's Slack user id, or a stable one made from the address."""
    return person.slack_id or "U" + digest(person.email.lower(), size=5).upper()


def client_zone(agency: Agency, client: Client) -> ZoneInfo:
    return ZoneInfo(COUNTRY_ZONES.get(client.country.upper(), agency.time_zone))


def sender_zone(agency: Agency, client: Client, message: Message) -> ZoneInfo:
    """The zone the author writes from: the agency's for us, the client's country's for them."""
    return client_zone(agency, client) if message.direction == "in" else ZoneInfo(agency.time_zone)


def minor(amount: Decimal, places: int = 2) -> str:
    """``amount`` written with ``places`` decimals and a point, as exports write it."""
    quantum = Decimal(1).scaleb(-places)
    return str(amount.quantize(quantum, rounding=ROUND_HALF_UP))


def all_messages(agency: Agency) -> Iterator[tuple[Client, Message]]:
    for client in agency.clients:
        for message in client.messages:
            yield client, message


def people(agency: Agency) -> list[Person]:
    """The team, then every client contact, each address once."""
    seen: dict[str, Person] = {}
    for person in [*agency.team, *(c for cl in agency.clients for c in cl.contacts)]:
        seen.setdefault(person.email.lower(), person)
    return list(seen.values())


def as_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise WriterError(f"a time without a zone: {value.isoformat()}; the model keeps UTC")
    return value.astimezone(dt.UTC)
