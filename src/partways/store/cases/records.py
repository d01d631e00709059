"""A client's records as the domain core's plain data: contract, deliverables, money."""

from __future__ import annotations

from django.db.models import Count, Sum

from partways.core.offboarding.contract import ContractTerms
from partways.core.offboarding.work import Deliverable, Receivable
from partways.core.repair import ChannelUse

from ..models import Client, Contact, Contract, Invoice, Message, TeamMember
from ..models import Deliverable as DeliverableRow


class CaseError(Exception):
    """Something the user asked of a plan or case that can't be done.

    The message says what to do in English, in the command line's terms; ``code`` and
    ``params`` say it as facts, for an interface that words it itself.
    """

    def __init__(self, message: str, code: str = "", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def contract_row(client: Client) -> Contract | None:
    """The client's current contract: the one started most recently."""
    return client.contracts.order_by("-start", "-pk").first()


def contract_terms(client: Client) -> ContractTerms | None:
    return terms_of(contract_row(client))


def terms_of(row: Contract | None) -> ContractTerms | None:
    """A contract row in the domain core's shape; None for no contract."""
    if row is None:
        return None
    return ContractTerms(
        start=row.start,
        end=row.end,
        auto_renew=row.auto_renew,
        renewal_months=row.renewal_months,
        notice_days=row.notice_days,
        termination_clause=row.termination_clause,
        title=row.title,
        scope=row.scope,
        ending=row.ending,
        signed_on=row.signed_on,
    )


def deliverables(client: Client) -> list[Deliverable]:
    return [
        Deliverable(d.title, d.status, d.due, d.paid_for, d.in_scope)
        for d in DeliverableRow.objects.filter(client=client).order_by("pk")
    ]


def receivables(client: Client) -> list[Receivable]:
    """Every invoice with what is still owed on it: amount − payments − write-offs."""
    rows = Invoice.objects.filter(client=client).annotate(paid=Sum("payments__amount_minor"))
    return [
        Receivable(
            number=inv.number,
            due_on=inv.due_on,
            outstanding_minor=max(0, inv.amount_minor - (inv.paid or 0) - inv.written_off_minor),
            currency=inv.currency,
            disputed=inv.disputed,
        )
        for inv in rows.order_by("due_on", "pk")
    ]


def channel_use(client: Client, last: int = 50) -> ChannelUse | None:
    """The channel most of the client's last ``last`` messages came by, if any."""
    ids = list(
        Message.objects.filter(client=client, direction="in")
        .order_by("-sent_at")
        .values_list("pk", flat=True)[:last]
    )
    if not ids:
        return None
    counts = (
        Message.objects.filter(pk__in=ids)
        .values("channel")
        .annotate(n=Count("pk"))
        .order_by("-n", "channel")
    )
    top = counts[0]
    return ChannelUse(top["channel"], top["n"], len(ids))


def primary_contact(client: Client) -> Contact | None:
    """The contact letters are addressed to: the one marked primary, else the first."""
    return client.contacts.order_by("-is_primary", "pk").first()


def relationship_owner(client: Client) -> TeamMember | None:
    """Who carries the relationship: the client's manager, else the business's owner."""
    if client.manager is not None:
        return client.manager
    return TeamMember.objects.filter(role=TeamMember.Role.OWNER).order_by("pk").first()


def active_client(client_id: int) -> Client:
    client = Client.objects.select_related("manager").get(pk=client_id)
    if client.archived:
        raise CaseError(
            f"{client.name} is archived: its relationship has already ended.",
            "archived",
            client=client.name,
        )
    return client
