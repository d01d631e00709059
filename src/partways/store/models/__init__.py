"""Every table partways keeps, split by feature."""

from .api import ApiToken
from .billing import Invoice, Payment
from .business import BusinessSettings, ExchangeRate, TeamMember
from .clients import Client, ClientAlias, ClientDomain, ClientFlag, Contact
from .communication import Meeting, Message, MessageLabel
from .conduct import Incident
from .engagements import Contract, Deliverable, Project, Proposal
from .imports import ImportBatch, ImportCursor, ImportedKey
from .jobs import Job, WorkerBeat
from .letters import LetterDraft
from .notify import Webhook, WebhookDelivery
from .offboarding import CaseEvent, OffboardingCase, OffboardingStep
from .plans import RepairPlan, TriageRun
from .snapshot import TableChange
from .sync import Connection, SyncedRecord
from .verdicts import ClientVerdict, VerdictChange, VerdictSignal
from .work import Expense, TimeEntry

__all__ = [
    "ApiToken",
    "BusinessSettings",
    "CaseEvent",
    "Client",
    "ClientAlias",
    "ClientDomain",
    "ClientFlag",
    "ClientVerdict",
    "Connection",
    "Contact",
    "Contract",
    "Deliverable",
    "ExchangeRate",
    "Expense",
    "ImportBatch",
    "ImportCursor",
    "ImportedKey",
    "Incident",
    "LetterDraft",
    "Invoice",
    "Job",
    "Meeting",
    "Message",
    "MessageLabel",
    "OffboardingCase",
    "OffboardingStep",
    "Payment",
    "Project",
    "Proposal",
    "RepairPlan",
    "SyncedRecord",
    "TableChange",
    "TeamMember",
    "TimeEntry",
    "TriageRun",
    "VerdictChange",
    "VerdictSignal",
    "Webhook",
    "WebhookDelivery",
    "WorkerBeat",
]
