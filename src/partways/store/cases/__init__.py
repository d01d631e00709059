"""Repair plans and offboarding cases over the database: what the CLI and web call."""
