from django.db import models

from .clients import Client
from .engagements import Project
from .fields import currency_field, money_field


class TimeEntry(models.Model):
    # The (client, started_at) index below serves client look-ups too; a second index
    # on client alone would only slow down large imports.
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="time_entries", db_index=False
    )
    # No index on the project: nothing reads time by project alone, and deleting a
    # project (rare, by hand) can afford a scan; every import of a million entries
    # would pay for the index instead.
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="time_entries",
        db_index=False,
    )
    person = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    duration_seconds = models.PositiveIntegerField()
    billable = models.BooleanField(default=True)
    bill_rate_minor = money_field(default=0, help_text="Hourly bill rate in minor units.")
    cost_rate_minor = money_field(
        null=True, blank=True, help_text="Hourly cost; empty means the business default."
    )
    currency = currency_field(default="EUR")
    invoiced = models.BooleanField(null=True, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "time entries"
        indexes = [models.Index(fields=["client", "started_at"])]

    @property
    def hours(self) -> float:
        return self.duration_seconds / 3600


class Expense(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="expenses")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.SET_NULL)
    spent_on = models.DateField()
    amount_minor = money_field()
    currency = currency_field(default="EUR")
    description = models.TextField(blank=True)
    rebilled = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["client", "spent_on"])]
