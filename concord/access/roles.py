"""The vocabulary of access: roles in an organisation, sides of a partnership, visibility, actions."""

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer"


class Side(models.TextChoices):
    BUYER = "buyer", "Buyer"
    SUPPLIER = "supplier", "Supplier"


class Visibility(models.TextChoices):
    SHARED = "shared", "Shared with all parties"
    INTERNAL = "internal", "Internal to my organisation"


class TokenScope(models.TextChoices):
    """What a personal API token may do: read only (safe methods), or read and write."""

    READ = "read", "Read only"
    READ_WRITE = "read_write", "Read and write"


class Action(StrEnum):
    VIEW = "view"  # read the object
    CONTRIBUTE = "contribute"  # add records inside it (notes, measurements, ...)
    CHANGE = "change"  # edit or delete the object itself
    MANAGE = "manage"  # administer: members, invitations, partnership settings


# What each organisation role may do, before object-specific rules narrow it.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.MEMBER: frozenset({Action.VIEW, Action.CONTRIBUTE, Action.CHANGE}),
    Role.VIEWER: frozenset({Action.VIEW}),
}

# The HTTP methods that change nothing: all a read-only API token may call.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
