"""A letter's PDF as a job: WeasyPrint lays it out in a worker, not in a page's request.

The PDF is written to the job's folder and downloaded from the job's page; the worker
removes it a day after (:mod:`.housekeeping`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from partways.store.models import Client, Job
from partways.web.cases_letters import download, file_name, letter_case, prepare

from .files import job_files
from .runner import Progress


def run_letter_pdf_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Write the PDF of the letter the job names; return its file's name and the letter.

    Raises ``Client.DoesNotExist`` for a client deleted since, and what composing the
    letter raises (``LetterError``, ``CaseError``).
    """
    params = job.params
    client = Client.objects.get(pk=params["client_id"])
    kind, lang = params["kind"], params["lang"]
    progress(step="writing", force=True)
    prepared = prepare(
        client,
        letter_case(client),
        kind,
        lang,
        dt.date.fromisoformat(params["today"]),
        params.get("about", ""),
    )
    data = download(prepared, "pdf", timezone.now())
    name = file_name(client, f"{kind}-{lang}", "pdf")
    folder = job_files(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return {"file": name, "client": client.pk, "kind": kind, "lang": lang}
