"""Toggl Track: clients, projects and time entries, read from the API (see README.md)."""

from .connector import TogglConnector as CONNECTOR

__all__ = ["CONNECTOR"]
