from django.db import models

from .clients import Client
from .fields import currency_field


class Contract(models.Model):
    class Ending(models.TextChoices):
        """How the contract lets either side end it, read from its termination clause."""

        ANY_TIME = "any_time", "At any time, with notice"
        TERM_END = "term_end", "At the end of a term, with notice"
        FOR_CAUSE = "for_cause", "Early only for cause (a breach); otherwise at the end of a term"

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        CHAT = "chat", "Chat"
        PHONE = "phone", "Phone"
        SMS = "sms", "Text message"
        MEETING = "meeting", "Meeting"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contracts")
    title = models.CharField(max_length=200, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    auto_renew = models.BooleanField(default=False)
    renewal_months = models.PositiveSmallIntegerField(default=12)
    notice_days = models.PositiveSmallIntegerField(default=30)
    termination_clause = models.TextField(blank=True)
    # Blank until someone reads the clause: a case then asks, and reads the contract the
    # strict way (a fixed term ends at its end) rather than guess a lawful earlier date.
    ending = models.CharField(
        max_length=10, choices=Ending.choices, blank=True, default="", db_default=""
    )
    signed_on = models.DateField(
        null=True, blank=True, help_text="The date the contract was signed; letters cite it."
    )
    scope = models.TextField(blank=True)
    reply_window_hours = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The reply window both sides agreed to."
    )
    main_channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    currency = currency_field(default="EUR")
    payment_terms_days = models.PositiveSmallIntegerField(default=30)

    class Meta:
        ordering = ["client", "start"]

    def __str__(self) -> str:
        return f"{self.client}: {self.start}–{self.end or 'open'}"


class Project(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class Deliverable(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DELIVERED = "delivered", "Delivered"
        ACCEPTED = "accepted", "Accepted"
        CANCELLED = "cancelled", "Cancelled"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="deliverables")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliverables"
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    requested_on = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    original_due = models.DateField(
        null=True,
        blank=True,
        help_text="The due date first agreed; later than `due` when the client pulled it in.",
    )
    delivered_on = models.DateField(null=True, blank=True)
    paid_for = models.BooleanField(default=False)
    in_scope = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.title


class Proposal(models.Model):
    """Something put to the client for a decision: a recommendation or a deliverable round."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        DELIVERABLE = "deliverable", "Deliverable for approval"

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        REVISION = "revision", "Sent back for revision"
        PENDING = "pending", "Pending"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="proposals")
    deliverable = models.ForeignKey(
        Deliverable, null=True, blank=True, on_delete=models.SET_NULL, related_name="rounds"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200)
    submitted_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    reason = models.TextField(blank=True, help_text="The client's feedback or reason, as given.")
    revision_round = models.PositiveSmallIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.title} (round {self.revision_round})"
