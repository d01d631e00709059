from django.db import models

from .clients import Client


class RepairPlan(models.Model):
    """An attempt to repair a relationship, judged against the signals at its review date."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IMPROVED = "improved", "Improved"
        FAILED = "failed", "Failed"
        CLOSED = "closed", "Closed"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="repair_plans")
    opened_on = models.DateField()
    review_on = models.DateField()
    baseline_score = models.FloatField(help_text="The triage score when the plan was opened.")
    strategies = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(blank=True)
