from django.db import models

from .clients import Client
from .plans import TriageRun


class ClientVerdict(models.Model):
    """One client's recommendation in one full triage run, kept for the web pages.

    The portfolio page reads these rows instead of running the engine per request:
    a page for 2,000 clients must answer in milliseconds, a triage takes seconds.
    ``detail`` holds the whole decision (``Decision.to_json()`` with each signal's
    monthly series), so the client page needs no engine run either.
    """

    run = models.ForeignKey(TriageRun, on_delete=models.CASCADE, related_name="verdicts")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="verdicts")
    recommendation = models.CharField(max_length=20)
    score = models.FloatField()
    pattern = models.CharField(max_length=12)
    chronic = models.BooleanField(default=False)
    # Over the triage window, in the business's base currency (minor units).
    revenue_minor = models.BigIntegerField(null=True)
    cost_minor = models.BigIntegerField(null=True)
    hours = models.FloatField(null=True)
    signal_count = models.PositiveSmallIntegerField(default=0)
    detail = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "client"], name="one_verdict_per_run_client")
        ]
        indexes = [models.Index(fields=["run", "-score"], name="verdict_run_score")]

    def __str__(self) -> str:
        return f"{self.client}: {self.recommendation} ({self.score})"


class VerdictSignal(models.Model):
    """A sign shown in a verdict (severity above none): what the portfolio filters on."""

    verdict = models.ForeignKey(ClientVerdict, on_delete=models.CASCADE, related_name="signs")
    signal = models.CharField(max_length=40)
    severity = models.CharField(max_length=8)

    class Meta:
        indexes = [models.Index(fields=["signal", "verdict"], name="verdict_signal")]


class VerdictChange(models.Model):
    """A client's recommendation that a full triage changed: what the digest and the
    webhooks report. Kept when superseded runs' verdicts are pruned."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="verdict_changes")
    run = models.ForeignKey(TriageRun, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True)
    previous = models.CharField(max_length=20)
    recommendation = models.CharField(max_length=20)
    score = models.FloatField()
    # Why, as the core states it: each reason's code and parameters (Phrase.to_json).
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at"], name="verdict_change_at")]

    def __str__(self) -> str:
        return f"{self.client}: {self.previous} → {self.recommendation}"
