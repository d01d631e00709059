"""Background jobs: imports from the web, full triages, PDF letters, digests.

A job is a row (:class:`partways.store.models.Job`) that any process can read, and a
task in Django's task queue (``django_tasks`` with its database backend) that one
worker runs. ``submit`` writes both in one transaction; ``partways worker`` (and the
worker ``partways serve`` starts beside itself) takes the task, runs the job's
kind (:mod:`.runner`), and records its progress, its result or its error on the row.

A worker also says every few seconds that it is alive (:class:`WorkerBeat`). A task
whose worker stopped saying so is taken back (:mod:`.recovery`): started again by
another worker, or failed once it has had ``jobs.max_attempts`` starts. Every job
writes its data in transactions that either commit whole or not at all, so a worker
killed halfway leaves nothing half-applied: the next start does the work again, and
an import adds nothing twice.
"""
