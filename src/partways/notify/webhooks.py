"""Webhooks: events as signed JSON POSTs, retried, logged.

Each POST carries ``X-Partways-Event``, ``X-Partways-Delivery`` (the delivery's id,
the same on every retry, so a receiver can drop a repeat) and
``X-Partways-Signature: t=<unix time>,v1=<hex>``, where ``v1`` is the HMAC-SHA256 of
``"<t>.<body>"`` under the webhook's secret: the receiver recomputes it, and refuses
a stale ``t``. The events are written in the same transaction as the change that
caused them, so a change rolled back sends nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from partways.store.models import Webhook, WebhookDelivery

log = logging.getLogger(__name__)

EVENTS = ("recommendation.changed", "case.step_changed")
# Seconds to wait before each retry: about a day of attempts in all.
BACKOFF = (30, 120, 600, 3600, 6 * 3600, 18 * 3600)
TIMEOUT = 10  # seconds for the receiver to answer


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, stamp: int, body: bytes) -> str:
    """The ``X-Partways-Signature`` header for ``body`` sent at ``stamp``."""
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def emit(event: str, items: list[dict[str, Any]]) -> list[WebhookDelivery]:
    """Record ``event`` once for each of ``items`` (its ``data``) for every active webhook
    that wants it, and queue the sending.

    Called inside the transaction of the change: both stand or fall together.
    """
    hooks = [h for h in Webhook.objects.filter(active=True) if event in h.events]
    if not hooks or not items:
        return []
    from partways.jobs.tasks import deliver_webhook

    created = timezone.now().isoformat()
    made = []
    with transaction.atomic():
        for data in items:
            # As JSON will send it (dates as ISO text), so the log shows what was sent.
            plain = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
            for hook in hooks:
                delivery = WebhookDelivery.objects.create(
                    webhook=hook,
                    event=event,
                    payload={"event": event, "created_at": created, "data": plain},
                )
                deliver_webhook.enqueue(delivery.pk)
                made.append(delivery)
    return made


def deliver(delivery_id: int) -> str:
    """Send one delivery; on failure, queue the next attempt or give up. Its state."""
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != WebhookDelivery.State.PENDING:
        return delivery.state if delivery else "gone"
    hook = delivery.webhook
    sent = {"id": str(delivery.pk), **delivery.payload}
    body = json.dumps(sent, separators=(",", ":")).encode()
    stamp = int(time.time())
    request = urllib.request.Request(
        hook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "partways-webhooks/1",
            "X-Partways-Event": delivery.event,
            "X-Partways-Delivery": str(delivery.pk),
            "X-Partways-Signature": signature(hook.secret, stamp, body),
        },
    )
    delivery.attempts += 1
    status: int | None = None
    error = ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as exc:
        status, error = exc.code, f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = str(getattr(exc, "reason", exc)) or type(exc).__name__
    delivery.last_status, delivery.last_error = status, error[:1000]
    now = timezone.now()
    if status is not None and 200 <= status < 300:
        delivery.state, delivery.delivered_at = WebhookDelivery.State.DELIVERED, now
        delivery.next_attempt_at = None
    elif delivery.attempts > len(BACKOFF):
        delivery.state, delivery.next_attempt_at = WebhookDelivery.State.FAILED, None
        log.warning("webhook %s: delivery %s failed for good: %s", hook.url, delivery.pk, error)
    else:
        delivery.next_attempt_at = now + dt.timedelta(seconds=BACKOFF[delivery.attempts - 1])
    with transaction.atomic():
        delivery.save()
        if delivery.state == WebhookDelivery.State.PENDING:
            from partways.jobs.tasks import deliver_webhook

            deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    return delivery.state
