from django.db import models

from .clients import Client


class OffboardingCase(models.Model):
    """Ending one client relationship, step by step (PLAYBOOK §4).

    The plan (contract review, owed work, receivables, talking points) is worked out
    afresh from the records whenever the case is shown; the case keeps what was
    decided: the reason, the language, the dates and the referral.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="offboarding_cases")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    recommendation = models.CharField(
        max_length=24, help_text="The triage's recommendation when the case was opened."
    )
    reason = models.CharField(max_length=20, help_text="The one reason given (PLAYBOOK §5).")
    language = models.CharField(max_length=8, help_text="The language the client is written to.")
    opened_on = models.DateField()
    notice_on = models.DateField(help_text="The day the client is told.")
    end_on = models.DateField(help_text="The last day of work together.")
    # Why that end date: a finding kept as JSON (core.phrase.storable).
    end_why = models.TextField(blank=True, help_text="Why that end date.")
    referral = models.CharField(max_length=300, blank=True)
    abusive = models.BooleanField(
        default=False, help_text="The client abused you or your staff: no referral [001]."
    )
    owner = models.CharField(max_length=200, blank=True, help_text="Who runs the case.")
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(status="open"),
                name="one_open_offboarding_case_per_client",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client}: ending {self.end_on} ({self.status})"


class OffboardingStep(models.Model):
    case = models.ForeignKey(OffboardingCase, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=8, default="pending")
    on = models.DateField(null=True, blank=True)
    by = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "step"], name="one_row_per_case_step")
        ]

    def __str__(self) -> str:
        return f"{self.case.client}: {self.step} {self.state}"


class CaseEvent(models.Model):
    """The audit trail: who did what to a case, and when."""

    case = models.ForeignKey(OffboardingCase, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.CharField(max_length=200)
    action = models.CharField(max_length=40)
    step = models.CharField(max_length=20, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.by}: {self.action} {self.step}".strip()
