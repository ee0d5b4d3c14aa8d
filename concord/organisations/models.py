"""Organisations, their members and the invitations that bring people and partners in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from concord.access import rules
from concord.access.querysets import Scoped
from concord.access.roles import Role
from concord.core.locales import Locale, validate_zone
from concord.core.models import TimeStamped, Versioned

# The formats of an organisation's identifiers: checked by the model, so for every entry point.
COUNTRY = RegexValidator(r"^[A-Z]{2}\Z", message="Use a two-letter ISO country code, e.g. DE.")
DUNS = RegexValidator(r"^[0-9]{9}\Z", message="A DUNS number has exactly nine digits.")
LEI = RegexValidator(r"^[A-Za-z0-9]{20}\Z", message="An LEI has exactly twenty letters and digits.")


class OrganisationKind(models.TextChoices):
    BUYER = "buyer", "Buying organisation"
    SUPPLIER = "supplier", "Supplier"
    BOTH = "both", "Buyer and supplier"


class Organisation(Scoped, TimeStamped, Versioned):
    """A company on either side of partnerships; identified by VAT, DUNS or LEI where known."""

    access_rule = rules.Member("pk")

    name = models.CharField(max_length=200, error_messages={"blank": "Give the organisation a name."})
    kind = models.CharField(
        max_length=10,
        choices=OrganisationKind.choices,
        error_messages={"invalid_choice": "Choose buyer, supplier or both."},
    )
    country = models.CharField(
        max_length=2, blank=True, validators=[COUNTRY], help_text="ISO 3166-1 alpha-2 code"
    )
    # What a person who joins starts with (they may change their own in their preferences).
    time_zone = models.CharField(
        max_length=64, default="UTC", validators=[validate_zone], help_text="Default for people who join."
    )
    locale = models.CharField(
        "number format",
        max_length=5,
        choices=Locale.choices,
        default=Locale.EN_GB,
        help_text="Default for people who join.",
    )
    vat_number = models.CharField("VAT number", max_length=20, blank=True)
    duns = models.CharField("DUNS", max_length=9, blank=True, validators=[DUNS])
    lei = models.CharField("LEI", max_length=20, blank=True, validators=[LEI])
    two_factor_required = models.BooleanField(
        "Require two-factor sign-in",
        default=False,
        help_text=(
            "Members must sign in with a code from an authenticator app; those without one are "
            "asked to set it up when they next sign in. API tokens are not affected."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InvitationKind(models.TextChoices):
    MEMBER = "member", "Join an organisation"
    PARTNER = "partner", "Join a partnership as a supplier"


class Invitation(Scoped):
    """An emailed, signed, expiring, single-use link.

    A member invitation adds a person to `organisation` with `role`. A partner invitation asks a
    supplier organisation (new or existing) into `partnership`; the person accepting becomes its admin
    if the organisation is new.
    """

    access_rule = rules.Member("organisation_id")

    kind = models.CharField(max_length=10, choices=InvitationKind.choices)
    email = models.EmailField()
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations_sent")
    role = models.CharField(
        max_length=10,
        choices=Role.choices,
        default=Role.MEMBER,
        error_messages={"invalid_choice": "Choose admin, member or viewer."},
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    supplier_name = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} ({self.get_kind_display()})"

    def clean(self) -> None:
        """A partner invitation names the partnership and the supplier organisation it asks in."""
        if self.kind == InvitationKind.PARTNER:
            if not self.supplier_name.strip():
                raise ValidationError({"supplier_name": "Name the supplier organisation."})
            if self.partnership_id is None:
                raise ValidationError({"partnership": "A partner invitation is for a partnership."})

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"
