"""Sending mail through Django's mail settings (``EMAIL_URL``), to team members."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from partways.store.models import TeamMember


class MailNotConfigured(RuntimeError):
    """No mail server is set (EMAIL_URL)."""


def configured() -> bool:
    return bool(getattr(settings, "PARTWAYS_MAIL_CONFIGURED", False))


def require() -> None:
    """Raise :class:`MailNotConfigured` when no mail server is set."""
    if not configured():
        raise MailNotConfigured(
            "No mail server is set: set EMAIL_URL (e.g. smtp+tls://user:password@"
            "mail.example.com:587) where partways runs."
        )


def send(to: TeamMember, subject: str, text: str) -> None:
    """Send ``text`` to ``to``. Raises :class:`MailNotConfigured` without a mail server,
    and what the server answers (``smtplib.SMTPException``, ``OSError``) if it refuses."""
    require()
    EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [to.email]).send()


def language_of(member: TeamMember) -> str:
    """The language ``member`` reads partways in: their choice, else English."""
    return member.language or "en"
