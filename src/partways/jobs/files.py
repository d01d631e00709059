"""The files a job works on (an upload's exports), where every worker finds them.

They are kept in the data folder, not the system's temporary one, so a worker in
another process finds what a web process saved; workers on other machines need the
data folder shared with them (docs/web.md). A job's folder is removed when the job
ends, done or failed, and kept while it may still be retried.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from partways.paths import data_home


def job_files(job_id: uuid.UUID | str) -> Path:
    """The folder of job ``job_id``'s files (not created here)."""
    return data_home() / "jobs" / str(job_id)


def discard_files(job_id: uuid.UUID | str) -> None:
    """Remove job ``job_id``'s folder, if it has one."""
    shutil.rmtree(job_files(job_id), ignore_errors=True)
