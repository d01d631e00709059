"""Benchmarks: a synthetic portfolio, a naive per-client oracle, and the triage timings.

``generate`` fills a database with a large synthetic portfolio, ``naive`` recomputes
every signal client by client through the Django ORM (the straightforward
implementation the engine is compared against, and a differential oracle for it),
``measure`` times one triage in a fresh process and ``run`` ties them together and
writes ``docs/benchmarks.md``.
"""
