"""Evaluations the project owns: generated portfolios with planted patterns and the
verdicts PLAYBOOK expects for them (``partways eval triage``)."""
