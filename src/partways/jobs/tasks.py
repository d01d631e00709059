"""The one task the queue knows: run the job with this id.

Every kind of job goes through it, so the queue's rows stay the same whatever the
job, and what a job does is :mod:`.runner`'s business.
"""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    """Run job ``job_id`` to its end; return the state it ended in.

    Raises whatever the job raised, after recording it on the job: the queue then
    records the task as failed, with its traceback, for the operator.
    """
    from .runner import run

    return run(job_id)


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Send one webhook delivery (:mod:`partways.notify.webhooks`); its state after."""
    from partways.notify.webhooks import deliver

    return deliver(delivery_id)


@task()
def send_alert(client_id: int, source: str, ref: str) -> int:
    """Send an end-now alert (:mod:`partways.notify.alerts`); how many were sent."""
    from partways.notify.alerts import send_end_now

    return send_end_now(client_id, source, ref)
