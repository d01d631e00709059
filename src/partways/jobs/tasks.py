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
