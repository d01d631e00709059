from django.db import models

from .business import TeamMember
from .clients import Client


class Incident(models.Model):
    """Something a team member reports about a client's conduct."""

    class Kind(models.TextChoices):
        ABUSE_TO_YOU = "abuse_to_you", "Abuse toward you"
        ABUSE_TO_STAFF = "abuse_to_staff", "Abuse toward staff"
        UNETHICAL = "unethical", "Unethical or illegal request or behaviour"
        UNREASONABLE_DEMAND = "unreasonable_demand", "Unreasonable demand"
        OTHER = "other", "Other"

    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="incidents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reporter = models.ForeignKey(TeamMember, null=True, blank=True, on_delete=models.SET_NULL)
    reporter_name = models.CharField(max_length=200, blank=True)
    severity = models.CharField(max_length=6, choices=Severity.choices, default=Severity.MEDIUM)
    occurred_at = models.DateTimeField()
    note = models.TextField(blank=True)
    # When it was reported here (imported reports have none): what the digest counts as new.
    reported_at = models.DateTimeField(auto_now_add=True, null=True)
