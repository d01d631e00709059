"""Persistence: Django models over SQLite (default) or PostgreSQL (``DATABASE_URL``)."""
