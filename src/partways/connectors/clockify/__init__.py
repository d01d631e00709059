"""Clockify: a workspace's clients, projects and time entries, read from the API (README.md)."""

from .connector import ClockifyConnector as CONNECTOR

__all__ = ["CONNECTOR"]
