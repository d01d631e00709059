from django.db import models


class Client(models.Model):
    """A customer of the business. Archived clients keep every record."""

    name = models.CharField(max_length=200, unique=True)
    language = models.CharField(
        max_length=8,
        blank=True,
        default="en",
        help_text="Language the client is written to in (ISO 639-1), e.g. en, id, hr, ar.",
    )
    country = models.CharField(max_length=2, blank=True)
    archived = models.BooleanField(default=False)
    archived_on = models.DateField(null=True, blank=True)
    created_on = models.DateField(null=True, blank=True)
    manager = models.ForeignKey(
        "partways.TeamMember",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_clients",
    )
    notes = models.TextField(blank=True)
    # For the recipient block of a letter: the registered name, when it differs from the
    # name used day to day, and the postal address (one line each).
    # A column default too: the benchmark and other bulk writers insert rows directly.
    legal_name = models.CharField(max_length=200, blank=True, default="", db_default="")
    address = models.TextField(blank=True, default="", db_default="")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClientAlias(models.Model):
    """Another spelling of a client's name as it appears in some export."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return f"{self.alias} → {self.client}"


class Contact(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=50, blank=True)
    role = models.CharField(max_length=100, blank=True)
    is_primary = models.BooleanField(default=False)

    # How a letter addresses the person. Blank gender: by full name, never "Mr/Ms".
    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"

    gender = models.CharField(
        max_length=6, choices=Gender.choices, blank=True, default="", db_default=""
    )
    title = models.CharField(
        max_length=50, blank=True, default="", db_default="", help_text="e.g. Dr., Prof., Ir."
    )
    latin_name = models.CharField(
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="The name in Latin letters, for letters in English, Indonesian or "
        "Croatian when the name is written in another script.",
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.client})"


class ClientFlag(models.Model):
    """A judgement the data cannot show, entered by hand (e.g. no longer a fit)."""

    class Kind(models.TextChoices):
        NOT_A_FIT = "not_a_fit", "No longer a fit"
        OTHER = "other", "Other"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.TextField()
    created_on = models.DateField()
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.client}: {self.kind}"


class ClientDomain(models.Model):
    """An e-mail domain that belongs to one client: mail from any address there is theirs.

    Free-mail domains (gmail.com, …) are never stored here; such addresses are matched
    one by one through :class:`Contact`.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    def __str__(self) -> str:
        return f"@{self.domain} → {self.client}"
