"""Who is who: matching the names and addresses exports use to the business's clients.

Different tools spell a client differently: "Acme d.o.o." in the invoicing tool,
"ACME" in the time tracker, "acme doo" in a spreadsheet. Names are compared by a
normal form (:func:`normal_name`) that ignores case, accents, punctuation and legal
suffixes; every spelling seen is kept as an alias, so the next import (and
``partways client NAME``) finds it at once. Messages are matched by address: a
contact's exact address first, then the client's own domain (never a free-mail one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

from partways.store.models import (
    BusinessSettings,
    Client,
    ClientAlias,
    ClientDomain,
    Contact,
    TeamMember,
)

# Legal forms, written the way exports write them (after lower-casing and dropping
# punctuation): English, Croatian, Indonesian, Malaysian, German, Romance, Arabic.
LEGAL_FORMS = {
    "ltd", "limited", "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation",
    "co", "company", "plc", "pty", "pvt", "gmbh", "ag", "kg", "ug", "bv", "nv", "sa",
    "sas", "sarl", "srl", "spa", "ab", "as", "oy", "doo", "dd", "jdoo", "obrt", "pt",
    "tbk", "cv", "ud", "persero", "sdn", "bhd", "fze", "fzco", "fzllc", "wll",
    "شركة", "مؤسسة", "ذمم", "شذمم", "شمم", "ش", "م", "ذ",
}  # fmt: skip

# Addresses at these domains are people, not companies: never match by domain.
FREE_MAIL = {
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.id", "ymail.com", "outlook.com",
    "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "proton.me", "protonmail.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com",
    "yandex.com", "yandex.ru", "zoho.com", "t-com.hr", "net.hr", "inet.hr", "email.t-com.hr",
    "hi.t-com.hr", "kabelnet.hr", "rocketmail.com", "qq.com", "163.com", "example.com",
    "example.org", "example.net",
}  # fmt: skip

_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ـ": None})


def normal_name(name: str) -> str:
    """The form two spellings of one client share.

    ``"ACME d.o.o."``, ``"Acme, doo"`` and ``"acme"`` all give ``"acme"``;
    ``"PT Kopi Nusantara Tbk"`` gives ``"kopi nusantara"``; ``"Kovač & Sinovi"``
    gives ``"kovac sinovi"``. A name that is nothing but a legal form keeps it.
    """
    text = unicodedata.normalize("NFKD", name.casefold().replace("đ", "dj"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_ARABIC_FOLD)
    # "d.o.o." and "s.r.l." lose their dots before splitting, so they read as one word.
    text = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", text)
    words = re.findall(r"\w+", text)
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept or words)


NAME_LENGTH = 200  # Client.name and ClientAlias.alias

M = TypeVar("M", bound=models.Model)


def _key(name: str) -> str:
    """What names are compared by: the normal form, or for a name that is nothing but
    punctuation or symbols (normal form empty) the name itself, so that "???" and
    "★" stay two different clients."""
    return normal_name(name) or name.strip().casefold()


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().lower()


@dataclass
class Directory:
    """Every client name, alias, contact address and domain, loaded once per import.

    ``created`` and ``aliased`` record what resolving changed, for the import report.
    """

    by_name: dict[str, int] = field(default_factory=dict)
    by_address: dict[str, int] = field(default_factory=dict)
    by_domain: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    own_addresses: set[str] = field(default_factory=set)
    own_domains: set[str] = field(default_factory=set)
    team: dict[str, int] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    aliased: list[tuple[str, str]] = field(default_factory=list)
    contacts_added: int = 0  # addresses this import gave to clients

    @classmethod
    def load(cls) -> Directory:
        d = cls()
        for pk, name in Client.objects.values_list("pk", "name"):
            d.names[pk] = name
            d.by_name.setdefault(_key(name), pk)
        for alias, pk in ClientAlias.objects.values_list("alias", "client_id"):
            d.by_name.setdefault(_key(alias), pk)
        for email, pk in Contact.objects.exclude(email="").values_list("email", "client_id"):
            d.by_address.setdefault(email.lower(), pk)
            domain = domain_of(email)
            if domain not in FREE_MAIL:
                d.by_domain.setdefault(domain, pk)
        for domain, pk in ClientDomain.objects.values_list("domain", "client_id"):
            d.by_domain[domain.lower()] = pk
        for email, pk in TeamMember.objects.values_list("email", "pk"):
            d.team[email.lower()] = pk
        for line in BusinessSettings.load().own_addresses.split():
            entry = line.strip().lower()
            if entry.startswith("@"):
                d.own_domains.add(entry[1:])
            elif entry:
                d.own_addresses.add(entry)
        return d

    # --- names --------------------------------------------------------------------

    def find(self, name: str) -> int | None:
        return self.by_name.get(_key(name))

    def resolve(self, name: str) -> int:
        """The client called ``name`` (in any spelling), created when there is none.

        A new spelling of a known client is kept as an alias. ``name`` must have
        something besides white space.
        """
        name = name.strip()[:NAME_LENGTH]  # as stored, so the next import finds it
        key = _key(name)
        pk = self.by_name.get(key)
        if pk is None:
            pk = self._create(name, key)
        elif (
            name != self.names[pk]
            and not ClientAlias.objects.filter(alias__iexact=name).exists()
            and _inserted(ClientAlias, client_id=pk, alias=name) is not None
        ):
            self.aliased.append((name, self.names[pk]))
        return pk

    def _create(self, name: str, key: str) -> int:
        """A new client called ``name``, or the one another import made meanwhile.

        Another process importing at the same time may create the same client after
        this directory was loaded: its insert then wins, and this import takes that
        client instead of failing on the unique name (PostgreSQL lets the second insert
        wait for the first transaction, then refuses it).
        """
        candidate, n, refused = name[:NAME_LENGTH], 1, False
        while True:
            existing = Client.objects.filter(name=candidate).values_list("pk", "name").first()
            if existing is None:
                if refused:  # refused, yet not there to read: not a race after all
                    raise IntegrityError(f"cannot create the client {candidate!r}")
                made = _inserted(Client, name=candidate)
                if made is not None:
                    pk = made.pk
                    self.names[pk] = candidate
                    self.by_name[key] = pk
                    self.created.append(candidate)
                    return pk
                refused = True  # someone else took the name just now: look at theirs
                continue
            refused = False
            pk, stored = existing
            if _key(stored) == key:
                # The same client, created since this directory was loaded.
                self.names[pk] = stored
                self.by_name[key] = pk
                return pk
            # Two different normal forms can share a display name ("A.B." vs "AB"):
            # number the second.
            n += 1
            candidate = f"{name[: NAME_LENGTH - 10]} ({n})"

    # --- addresses ----------------------------------------------------------------

    def is_own(self, address: str) -> bool:
        address = address.lower()
        return (
            address in self.team
            or address in self.own_addresses
            or domain_of(address) in self.own_domains
        )

    def client_of_address(self, address: str) -> int | None:
        address = address.lower()
        pk = self.by_address.get(address)
        if pk is None and not self.is_own(address):
            pk = self.by_domain.get(domain_of(address))
        return pk

    def add_contact(
        self, pk: int, email: str, name: str = "", phone: str = "", role: str = ""
    ) -> bool:
        """Record ``email`` as a contact of client ``pk``; False when it was known."""
        email = email.strip().lower()
        if not email or email in self.by_address:
            return False
        Contact.objects.create(
            client_id=pk,
            name=(name or email)[:200],
            email=email,
            phone=phone[:50],
            role=role[:100],
        )
        self.by_address[email] = pk
        self.contacts_added += 1
        domain = domain_of(email)
        if domain not in FREE_MAIL and not self.is_own(email):
            self.by_domain.setdefault(domain, pk)
        return True


def _inserted(model: type[M], **fields: Any) -> M | None:
    """A new ``model`` row with ``fields``, or None when a unique constraint refused it.

    The insert runs in a savepoint: a refusal rolls back only the savepoint, so the
    import's own transaction goes on.
    """
    try:
        with transaction.atomic():
            return model._default_manager.create(**fields)
    except IntegrityError:
        return None
