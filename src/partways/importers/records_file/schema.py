"""What a records file may hold: its sections, their fields, types and allowed values.

The allowed values repeat the choices of the store's Django models
(``store/models/engagements.py``, ``conduct.py``, ``clients.py``); they are copied,
not imported, because importers run without Django. Defaults are the models' own,
so a record written without them reads the same as one entered in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from partways.core.phrase import Phrase, say

# Field kinds and what an error says was expected (an enum's: its choices).
EXPECTED = {
    "text": say("import.expected_text", "text"),
    "texts": say("import.records_expected_texts", "a list of texts"),
    "date": say("import.records_expected_date", "a date written YYYY-MM-DD, e.g. 2025-03-31"),
    "instant": say(
        "import.records_expected_instant",
        "a date and time, e.g. 2025-03-31T14:30:00+02:00 or 2025-03-31 14:30:00",
    ),
    "bool": say("import.records_expected_bool", "true or false"),
    "int": say("import.records_expected_int", "a whole number from 0 to 32767"),
    "currency": say(
        "import.records_expected_currency", "a three-letter ISO 4217 currency code, e.g. EUR"
    ),
    "country": say(
        "import.records_expected_country", "a two-letter ISO 3166 country code, e.g. HR"
    ),
    "email": say("import.records_expected_email", "an e-mail address, e.g. ana@example.com"),
    "contacts": say(
        "import.records_expected_contacts",
        "a list of contacts (mappings with name, email, phone, role, primary, gender, "
        "title, latin_name)",
    ),
}

CHANNELS = ("email", "chat", "phone", "sms", "meeting")
DELIVERABLE_STATUSES = ("planned", "in_progress", "delivered", "accepted", "cancelled")
PROPOSAL_KINDS = ("recommendation", "deliverable")
PROPOSAL_OUTCOMES = ("accepted", "rejected", "revision", "pending")
INCIDENT_KINDS = ("abuse_to_you", "abuse_to_staff", "unethical", "unreasonable_demand", "other")
SEVERITIES = ("low", "medium", "high")
FLAG_KINDS = ("not_a_fit", "other")


@dataclass(frozen=True)
class Field:
    """One key of a record: its kind, whether it must be there, and its default."""

    kind: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()

    def expected(self) -> Phrase:
        """What a value of this field must be, said in an error about one that is not."""
        if self.kind == "enum":
            return say(
                "import.expected_one_of", "one of {choices}", choices=", ".join(self.choices)
            )
        return EXPECTED[self.kind]


GENDERS = ("female", "male")
ENDINGS = ("any_time", "term_end", "for_cause")

CONTACT: dict[str, Field] = {
    "name": Field("text"),
    "email": Field("email"),
    "phone": Field("text"),
    "role": Field("text"),
    "primary": Field("bool", default=False),
    "gender": Field("enum", choices=GENDERS),
    "title": Field("text"),
    "latin_name": Field("text"),
}

# Section name -> (record kind, fields). A section's records are a list of mappings.
SECTIONS: dict[str, tuple[str, dict[str, Field]]] = {
    "clients": (
        "clients",
        {
            "name": Field("text", required=True),
            "aliases": Field("texts"),
            "country": Field("country"),
            "notes": Field("text"),
            "legal_name": Field("text"),
            "address": Field("text"),
            "contacts": Field("contacts"),
        },
    ),
    "contracts": (
        "contracts",
        {
            "client": Field("text", required=True),
            "title": Field("text"),
            "start": Field("date", required=True),
            "end": Field("date"),
            "auto_renew": Field("bool", default=False),
            "renewal_months": Field("int", default=12),
            "notice_days": Field("int", default=30),
            "termination_clause": Field("text"),
            "ending": Field("enum", choices=ENDINGS),
            "signed_on": Field("date"),
            "scope": Field("text"),
            "reply_window_hours": Field("int"),
            "main_channel": Field("enum", choices=CHANNELS),
            # None: the business's base currency, decided by the store.
            "currency": Field("currency"),
            "payment_terms_days": Field("int", default=30),
        },
    ),
    "deliverables": (
        "deliverables",
        {
            "client": Field("text", required=True),
            "project": Field("text"),
            "title": Field("text", required=True),
            "status": Field("enum", default="planned", choices=DELIVERABLE_STATUSES),
            "requested_on": Field("date"),
            "due": Field("date"),
            "original_due": Field("date"),
            "delivered_on": Field("date"),
            "paid_for": Field("bool", default=False),
            "in_scope": Field("bool", default=True),
        },
    ),
    "proposals": (
        "proposals",
        {
            "client": Field("text", required=True),
            "deliverable": Field("text"),
            "kind": Field("enum", required=True, choices=PROPOSAL_KINDS),
            "title": Field("text", required=True),
            "submitted_on": Field("date", required=True),
            "decided_on": Field("date"),
            "outcome": Field("enum", default="pending", choices=PROPOSAL_OUTCOMES),
            "reason": Field("text"),
            "revision_round": Field("int", default=1),
        },
    ),
    "incidents": (
        "incidents",
        {
            "client": Field("text", required=True),
            "kind": Field("enum", required=True, choices=INCIDENT_KINDS),
            "reporter": Field("text"),
            "severity": Field("enum", default="medium", choices=SEVERITIES),
            "occurred_at": Field("instant", required=True),
            "note": Field("text"),
        },
    ),
    "flags": (
        "flags",
        {
            "client": Field("text", required=True),
            "kind": Field("enum", required=True, choices=FLAG_KINDS),
            "reason": Field("text", required=True),
            "created_on": Field("date", required=True),
            "active": Field("bool", default=True),
        },
    ),
}

VERSION_KEY = "partways"
VERSIONS = (1,)

# Allowed values by record kind and column, for other importers that fill these kinds
# (the generic mapped CSV checks them too).
CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    kind: {name: f.choices for name, f in fields.items() if f.kind == "enum"}
    for kind, fields in SECTIONS.values()
}
