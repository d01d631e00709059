"""Telling others what moved: webhooks and their delivery log."""

from __future__ import annotations

from django.db import models


class Webhook(models.Model):
    """A URL that receives a signed JSON POST when one of its events happens."""

    url = models.URLField(max_length=500)
    # The HMAC key both sides hold; shown once when the webhook is added.
    secret = models.CharField(max_length=100)
    events = models.JSONField(default=list, help_text="The event names it receives.")
    description = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one webhook: the delivery log."""

    class State(models.TextChoices):
        PENDING = "pending"  # not delivered yet; tried again at next_attempt_at
        DELIVERED = "delivered"
        FAILED = "failed"  # every attempt failed

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=50)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)  # HTTP status
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["webhook", "-created_at"], name="delivery_webhook_created")]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook} ({self.state})"
