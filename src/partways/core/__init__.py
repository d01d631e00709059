"""The domain core: signals, scoring, triage and the portfolio view.

Plain Python and Polars over :class:`partways.core.dataset.Dataset`; nothing here
imports Django, so the core runs and is tested without a database.
"""
