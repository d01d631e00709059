from django.db import models

from .clients import Client
from .offboarding import OffboardingCase


class LetterDraft(models.Model):
    """A letter's text as edited by hand: what every download of it uses.

    An ending letter belongs to its offboarding case (a later case starts afresh); an
    apology or an expectations sheet belongs to the client alone (``case`` is empty).
    The text is plain: the subject on the first line, a blank line, then the body laid
    out as a letter template's body is (blank lines between paragraphs, ``- `` items).
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="letter_drafts")
    case = models.ForeignKey(
        OffboardingCase,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="letter_drafts",
    )
    kind = models.CharField(max_length=20)
    language = models.CharField(max_length=8)
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "language"],
                condition=models.Q(case__isnull=False),
                name="one_draft_per_case_letter",
            ),
            models.UniqueConstraint(
                fields=["client", "kind", "language"],
                condition=models.Q(case__isnull=True),
                name="one_draft_per_client_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.kind} ({self.language}), edited"
