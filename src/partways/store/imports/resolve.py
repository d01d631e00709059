"""Resolving names and addresses an import could not match, without losing records.

``alias`` teaches partways another name, address or ``@domain`` for a client and
claims the messages that were waiting for it; ``merge`` folds one client into
another (every record moves, the old name stays as an alias).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from partways.store.models import (
    Client,
    ClientAlias,
    ClientDomain,
    ClientVerdict,
    Contact,
    Invoice,
    LetterDraft,
    Message,
    OffboardingCase,
)

from .identity import FREE_MAIL, NAME_LENGTH, Directory, normal_name

# What `alias` takes for a domain (after the @) and for an address; anything else is
# a name ("Studio @ Home" too).
_DOMAIN = re.compile(r"^[^@\s.]+(\.[^@\s.]+)+$")
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


class ResolveError(ValueError):
    """The alias or merge cannot be done as asked.

    The message says why in English, for the command line; ``code`` and ``params`` say
    it as facts, for an interface that words it in its reader's language.
    """

    def __init__(self, message: str, code: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass
class AliasResult:
    kind: str  # name | address | domain
    claimed_messages: int


def add_alias(alias: str, client_id: int) -> AliasResult:
    """Make ``alias`` (a name, an e-mail address or ``@domain``) point at the client.

    Raises :class:`ResolveError` when it already points at another client, or for a
    free-mail domain (its addresses belong to many people).
    """
    alias = alias.strip()
    if not alias:
        raise ResolveError(
            "the alias is empty; give another name, an e-mail address or @domain.", "empty"
        )
    if alias.startswith("@") and not _DOMAIN.match(alias[1:]):
        raise ResolveError(
            f"{alias!r} is not a domain; expected @ and a domain name, e.g. @acme.example.",
            "not_a_domain",
            alias=alias,
        )
    one_word = not any(ch.isspace() for ch in alias)
    if "@" in alias[1:] and one_word and not _ADDRESS.match(alias):
        raise ResolveError(
            f"{alias!r} is not an e-mail address; expected e.g. ana@acme.example.",
            "not_an_address",
            alias=alias,
        )
    if len(alias) > NAME_LENGTH:
        raise ResolveError(
            f"the alias is longer than {NAME_LENGTH} characters.", "too_long", most=NAME_LENGTH
        )
    with transaction.atomic():
        if alias.startswith("@"):
            domain = alias[1:].lower()
            if domain in FREE_MAIL:
                raise ResolveError(
                    f"{alias} is a free-mail domain shared by many people; alias the full "
                    "address instead (e.g. name" + alias + ").",
                    "free_mail",
                    alias=alias,
                )
            other = ClientDomain.objects.filter(domain=domain).exclude(client_id=client_id).first()
            if other:
                raise ResolveError(
                    f"{alias} already belongs to {other.client.name}.",
                    "taken",
                    alias=alias,
                    client=other.client.name,
                )
            ClientDomain.objects.get_or_create(domain=domain, client_id=client_id)
            return AliasResult("domain", claim_messages())
        if _ADDRESS.match(alias):
            address = alias.lower()
            holder = Contact.objects.filter(email=address).exclude(client_id=client_id).first()
            if holder is not None:
                raise ResolveError(
                    f"{address} is already a contact of {holder.client.name}.",
                    "taken",
                    alias=address,
                    client=holder.client.name,
                )
            Contact.objects.get_or_create(
                client_id=client_id, email=address, defaults={"name": address}
            )
            return AliasResult("address", claim_messages())
        add_name_alias(alias, client_id, Directory.load())
        return AliasResult("name", 0)


def add_name_alias(alias: str, client_id: int, directory: Directory) -> bool:
    """Record another name of a client; False when it already meant that client.

    Raises :class:`ResolveError` when the name already means another client.
    """
    existing = directory.find(alias)
    if existing is not None and existing != client_id:
        name = Client.objects.get(pk=existing).name
        raise ResolveError(
            f"{alias!r} already names {name!r}; to make them one client, run "
            f"`partways clients merge {name!r} TARGET`.",
            "names_another",
            alias=alias,
            client=name,
        )
    if ClientAlias.objects.filter(alias__iexact=alias).exists():
        return False
    ClientAlias.objects.create(alias=alias[:NAME_LENGTH], client_id=client_id)
    directory.by_name.setdefault(normal_name(alias), client_id)
    return True


def claim_messages() -> int:
    """Give messages stored without a client the client their addresses now match."""
    directory = Directory.load()
    claimed = 0
    waiting = Message.objects.filter(client__isnull=True).only(
        "pk", "direction", "author_address", "recipients"
    )
    for message in waiting.iterator(chunk_size=2000):
        if message.direction == Message.Direction.OUTBOUND:
            candidates = message.recipients.split()
        else:
            candidates = [message.author_address]
        client = next((c for a in candidates if (c := directory.client_of_address(a))), None)
        if client is not None:
            Message.objects.filter(pk=message.pk).update(client_id=client)
            claimed += 1
    return claimed


@dataclass
class ForgetResult:
    kind: str  # name | address | domain
    client: str
    released: int  # messages that were the client's by this address and are not now
    waiting: int  # of those, how many no client claims


def forget(alias: str) -> ForgetResult:
    """Undo an alias, a contact address or a client's ``@domain`` (one an import
    learned, or one claimed by hand): later imports no longer match it, and messages
    that were the client's by it are matched again without it.

    Raises :class:`ResolveError` (``not_known``) when nothing is known by ``alias``.
    """
    alias = alias.strip()
    key = alias.lower()
    with transaction.atomic():
        if key.startswith("@"):
            held = ClientDomain.objects.filter(domain=key[1:]).select_related("client").first()
            if held is None:
                raise ResolveError(
                    f"{alias} is not a domain of any client.", "not_known", alias=alias
                )
            kind, client = "domain", held.client
            held.delete()
            author = Q(author_address__iendswith=key)
        elif "@" in key[1:]:
            contacts = Contact.objects.filter(email__iexact=key).select_related("client")
            first = contacts.first()
            if first is None:
                raise ResolveError(
                    f"{alias} is not a contact of any client.", "not_known", alias=alias
                )
            kind, client = "address", first.client
            contacts.delete()
            author = Q(author_address__iexact=key)
        else:
            named = ClientAlias.objects.filter(alias__iexact=alias).select_related("client")
            first_alias = named.first()
            if first_alias is None:
                raise ResolveError(
                    f"{alias!r} is not another name of any client.", "not_known", alias=alias
                )
            client = first_alias.client
            named.delete()
            return ForgetResult("name", client.name, 0, 0)
        # The client's messages that were theirs by it: from it, or sent to it.
        by_it = (Q(direction=Message.Direction.INBOUND) & author) | Q(
            direction=Message.Direction.OUTBOUND, recipients__icontains=key
        )
        ids = list(Message.objects.filter(by_it, client=client).values_list("pk", flat=True))
        Message.objects.filter(pk__in=ids).update(client=None)
        claim_messages()
        waiting = Message.objects.filter(pk__in=ids, client__isnull=True).count()
        moved = Message.objects.filter(pk__in=ids).exclude(client=client).count()
    return ForgetResult(kind, client.name, moved, waiting)


def reclassify_own_mail() -> int:
    """Mail stored as inbound that came from an address now known as the business's own
    (a team member or an own address added after the import) becomes outbound, matched
    to the client it was sent to. Returns how many messages changed.

    Who a client's message was *for* needs no rewrite: the triage reads it from the
    team as it is then (:mod:`partways.store.addressees`).
    """
    directory = Directory.load()
    own = [*directory.team, *directory.own_addresses]
    if not (own or directory.own_domains):
        return 0
    from_own = Q(author_address__in=own)
    for domain in directory.own_domains:
        from_own |= Q(author_address__iendswith="@" + domain)
    waiting = Message.objects.filter(from_own, direction=Message.Direction.INBOUND).only(
        "pk", "recipients"
    )
    changed = 0
    with transaction.atomic():
        for message in waiting.iterator(chunk_size=2000):
            to = [a.lower() for a in message.recipients.split()]
            client = next((c for a in to if (c := directory.client_of_address(a))), None)
            Message.objects.filter(pk=message.pk).update(
                direction=Message.Direction.OUTBOUND, client_id=client, recipient_id=None
            )
            changed += 1
    return changed


def unmatched_addresses(limit: int = 50) -> list[tuple[str, int]]:
    """Addresses of messages kept without a client, most frequent first."""
    counts: Counter[str] = Counter(
        Message.objects.filter(
            client__isnull=True, direction=Message.Direction.INBOUND
        ).values_list("author_address", flat=True)
    )
    return counts.most_common(limit)


def merge(source_id: int, target_id: int) -> dict[str, int]:
    """Move every record of client ``source_id`` to ``target_id`` and delete the source.

    The source's name and aliases become the target's aliases, so later imports that
    use the old name land on the target. Returns how many rows moved per table.
    Raises :class:`ResolveError` for a merge into itself, when both clients have
    an invoice with the same number (one of them has to be renumbered first), or an
    edited letter of the same kind and language. Where a triage run judged both, the
    target's verdict is kept.
    """
    if source_id == target_id:
        raise ResolveError("a client cannot be merged into itself.", "into_itself")
    source = Client.objects.get(pk=source_id)
    clash = set(Invoice.objects.filter(client_id=source_id).values_list("number", flat=True)) & set(
        Invoice.objects.filter(client_id=target_id).values_list("number", flat=True)
    )
    if clash:
        raise ResolveError(
            f"both clients have invoice(s) numbered {', '.join(sorted(clash)[:5])}; "
            "nothing was changed.",
            "same_invoice_numbers",
            numbers=", ".join(sorted(clash)[:5]),
        )
    drafts = set(
        LetterDraft.objects.filter(client_id=source_id, case__isnull=True).values_list(
            "kind", "language"
        )
    ) & set(
        LetterDraft.objects.filter(client_id=target_id, case__isnull=True).values_list(
            "kind", "language"
        )
    )
    if drafts:
        kind, language = sorted(drafts)[0]
        raise ResolveError(
            f"both clients have an edited {kind.replace('_', ' ')} letter in {language}; "
            "discard one of the two first. Nothing was changed.",
            "both_edited_letters",
            kind=kind,
            language=language,
        )
    open_cases = OffboardingCase.objects.filter(
        client_id__in=(source_id, target_id), status=OffboardingCase.Status.OPEN
    ).count()
    if open_cases == 2:
        raise ResolveError(
            "both clients have an open offboarding case; close one first. Nothing was changed.",
            "both_open_cases",
        )
    moved: dict[str, int] = {}
    with transaction.atomic():
        # A triage run keeps one verdict per client: where both have one, the
        # target's stays and the source's goes (the next triage judges them as one).
        both = ClientVerdict.objects.filter(client_id=target_id).values("run_id")
        ClientVerdict.objects.filter(client_id=source_id, run_id__in=both).delete()
        # Every table that points at a client, found from the model graph, so a
        # table added later moves too.
        for relation in Client._meta.related_objects:
            model = relation.related_model
            fk = relation.field.name
            count = model._default_manager.filter(**{fk: source_id}).update(**{fk: target_id})
            if count:
                moved[model._meta.verbose_name_plural.__str__()] = count
        if not ClientAlias.objects.filter(alias__iexact=source.name).exists():
            ClientAlias.objects.create(alias=source.name, client_id=target_id)
        source.delete()
    return moved
