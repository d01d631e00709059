"""The digest as a job: the scheduler starts it at ``schedule.digest_hour``."""

from __future__ import annotations

from typing import Any

from partways.notify.digest import send_digests
from partways.store.models import Job

from .runner import Progress


def run_digest_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Send every digest due now; return who got one. Raises MailNotConfigured without
    a mail server, and what the mail server answers if it refuses."""
    progress(step="sending", force=True)
    sent = send_digests()
    return {"sent": [member.email for member, _subject, _text in sent]}
