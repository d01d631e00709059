"""iCalendar: .ics files exported from Google Calendar, Outlook or Apple Calendar."""

from .calendar import IcsImporter

IMPORTERS = (IcsImporter,)

__all__ = ["IMPORTERS", "IcsImporter"]
