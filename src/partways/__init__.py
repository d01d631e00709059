"""partways: find the clients who cost more than they are worth, and part ways well."""

__version__ = "0.1.0"
