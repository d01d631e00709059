from django.db import models

from .business import TeamMember
from .clients import Client


class Message(models.Model):
    """One e-mail or chat message between the business and a client."""

    class Direction(models.TextChoices):
        INBOUND = "in", "From the client"
        OUTBOUND = "out", "To the client"

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        CHAT = "chat", "Chat"
        SMS = "sms", "Text message"
        OTHER = "other", "Other"

    # The (client, sent_at) index below serves client look-ups too.
    client = models.ForeignKey(
        Client,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messages",
        db_index=False,
    )
    direction = models.CharField(max_length=3, choices=Direction.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    sent_at = models.DateTimeField()
    author = models.CharField(max_length=200, blank=True)
    author_address = models.CharField(max_length=254, blank=True)
    recipient = models.ForeignKey(
        TeamMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="The team member an inbound message was addressed to.",
    )
    thread_key = models.CharField(max_length=255, blank=True)
    in_reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    external_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    subject = models.CharField(max_length=255, blank=True)
    # db_default: rows written in bulk without these columns (the benchmark's
    # generator, older import code) still satisfy NOT NULL.
    recipients = models.TextField(
        blank=True,
        db_default="",
        help_text="Addresses the message went to (To, Cc), one per line.",
    )
    text = models.TextField(
        blank=True, help_text="What is analysed: quoted replies and signatures removed."
    )
    body = models.TextField(
        blank=True, db_default="", help_text="The message as it came, when imported."
    )
    language = models.CharField(max_length=8, blank=True)
    analyzer = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,  # "which messages does the current analyzer still have to read?"
        help_text="name/version of the analyzer whose labels are stored; empty = not analysed.",
    )

    class Meta:
        indexes = [models.Index(fields=["client", "sent_at"])]

    # The text as read from the database, to tell an edit on save (None: not loaded).
    _loaded_text: str | None = None

    @classmethod
    def from_db(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        instance = super().from_db(*args, **kwargs)
        instance._loaded_text = instance.__dict__.get("text")
        return instance

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Edited text makes the stored labels stale: the next analysis run reads it again.
        # (QuerySet.update and bulk_update bypass this: they must clear it themselves.)
        loaded = getattr(self, "_loaded_text", None)
        if loaded is not None and loaded != self.text:
            self.analyzer = ""
            fields = kwargs.get("update_fields")
            if fields is not None and "analyzer" not in fields:
                kwargs["update_fields"] = [*fields, "analyzer"]
        super().save(*args, **kwargs)
        self._loaded_text = self.text


class MessageLabel(models.Model):
    """A label the text analyzer gave a message (abuse, negative, …) with its evidence."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="labels")
    label = models.CharField(max_length=32)
    score = models.FloatField()
    spans = models.JSONField(default=list, help_text="[[start, end], …] character offsets.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "label"], name="one_label_per_message")
        ]


class Meeting(models.Model):
    class Status(models.TextChoices):
        HELD = "held", "Held"
        NO_SHOW = "no_show", "Client did not show"
        CANCELLED = "cancelled", "Cancelled"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    client_prepared = models.BooleanField(null=True, blank=True)
    is_check_in = models.BooleanField(default=False)
