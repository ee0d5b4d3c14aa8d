"""People and their personal API tokens."""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from concord.access import rules
from concord.access.querysets import Scoped
from concord.access.roles import TokenScope
from concord.core.locales import Locale, validate_zone


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person; signs in with an email address. Belongs to organisations through memberships."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(
        "email address",
        unique=True,
        error_messages={"unique": "An account with this email already exists; sign in instead."},
    )
    full_name = models.CharField(max_length=150, error_messages={"blank": "Enter your name."})
    # Blank: the site's zone and format. A person joining an organisation takes its defaults.
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_zone],
        help_text="Times are shown in this zone, and the times you type are read in it.",
    )
    locale = models.CharField(
        "number format",
        max_length=5,
        blank=True,
        choices=Locale.choices,
        help_text="How you write numbers: the decimal mark and the thousands separator.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.get_full_name()

    def __str__(self) -> str:
        return self.get_full_name()


# The token name's messages, for the model (every entry point) and the page's form alike.
TOKEN_NAME_MESSAGES = {
    "blank": "Give the token a name so you can recognise it later.",
    "required": "Give the token a name so you can recognise it later.",
    "max_length": "Keep the name under 100 characters.",
    "null_characters_not_allowed": "The name contains a character that is not allowed.",
}


class ApiToken(Scoped):
    """A personal API token: only a SHA-256 digest is stored; the secret is shown once."""

    access_rule = rules.Personal("user_id")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        max_length=100,
        validators=[ProhibitNullCharactersValidator()],
        error_messages=TOKEN_NAME_MESSAGES,
    )
    scope = models.CharField(
        max_length=10,
        choices=TokenScope.choices,
        default=TokenScope.READ,
        help_text="A read-only token may only read (GET); a read-write token may also make changes.",
        error_messages={"invalid_choice": "Choose read or read_write."},
    )
    expires_on = models.DateField(
        "Expires on",
        null=True,
        blank=True,
        help_text="Optional: the token stops working after this day. Leave empty for no expiry.",
        error_messages={"invalid": "Enter a date such as 2027-12-31."},
    )
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        """A token works through its expiry day (in the server's time zone) and not after."""
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.is_expired else "active"

    @property
    def is_active(self) -> bool:
        return self.status == "active"
