"""Every table in Django's admin, for looking at and correcting records by hand."""

from django.contrib import admin

from . import models as m


@admin.register(m.Client)
class ClientAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "language", "archived", "manager")
    list_filter = ("archived", "language")
    search_fields = ("name", "aliases__alias")


@admin.register(m.Message)
class MessageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("sent_at", "client", "direction", "channel", "subject", "language")
    list_filter = ("direction", "channel", "language")
    search_fields = ("subject", "text", "author_address")
    raw_id_fields = ("client", "in_reply_to", "recipient")


@admin.register(m.TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("started_at", "client", "person", "duration_seconds", "billable")
    list_filter = ("billable",)
    raw_id_fields = ("client", "project")


for model in (
    m.BusinessSettings,
    m.ExchangeRate,
    m.TeamMember,
    m.ClientAlias,
    m.ClientDomain,
    m.Contact,
    m.ClientFlag,
    m.Contract,
    m.Project,
    m.Deliverable,
    m.Proposal,
    m.Expense,
    m.Invoice,
    m.Payment,
    m.MessageLabel,
    m.Meeting,
    m.Incident,
    m.RepairPlan,
    m.OffboardingCase,
    m.OffboardingStep,
    m.CaseEvent,
    m.TriageRun,
    m.ImportBatch,
    m.ImportedKey,
    m.ImportCursor,
):
    admin.site.register(model)
