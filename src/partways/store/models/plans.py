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
    acute = models.BooleanField(
        default=False, help_text="Opened for a client who has a problem right now [003 #3]."
    )
    baseline = models.JSONField(
        default=dict, blank=True, help_text="Each sign's severity when the plan was opened."
    )
    actions = models.JSONField(
        default=list, blank=True, help_text="The plan's actions: text, owner, due date."
    )
    reviewed_on = models.DateField(null=True, blank=True)
    review = models.JSONField(
        default=dict, blank=True, help_text="What the review found: scores and each sign's change."
    )

    class Meta:
        ordering = ["client", "-opened_on"]

    def __str__(self) -> str:
        return f"{self.client}: repair {self.opened_on} → {self.review_on} ({self.status})"


class TriageRun(models.Model):
    """A full triage that was run: its date and the portfolio-wide figures it found.

    A later triage of a single client reuses these figures (e.g. the portfolio's
    median hourly rate) instead of reading the whole portfolio again.
    """

    ran_at = models.DateTimeField(auto_now_add=True)
    as_of = models.DateField()
    portfolio = models.JSONField(default=dict)
    clients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-ran_at"]
