"""What other programs use to talk to partways: API tokens."""

from __future__ import annotations

from django.db import models

from .business import TeamMember


class ApiToken(models.Model):
    """A team member's key to the REST API, with exactly that member's rights.

    Only a hash of the token is kept: it is shown once, when it is made, and a lost
    one is revoked and replaced, never recovered.
    """

    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for.")
    # The first characters of the token, to tell tokens apart in lists.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.member.email})"
