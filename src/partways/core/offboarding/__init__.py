"""Ending a client relationship professionally: PLAYBOOK §4, step by step."""
