"""Accounts use cases: people (people.py), personal API tokens (tokens.py) and two-factor sign-in
(two_factor.py)."""

from concord.accounts.services.people import formats_set, user_register
from concord.accounts.services.tokens import TOKEN_PREFIX, token_authenticate, token_create, token_revoke
from concord.accounts.services.two_factor import (
    BACKUP_CODES,
    WRONG_CODE,
    CodeCheck,
    code_check,
    new_secret,
    secret_text,
    setup_uri,
    two_factor_backup_codes,
    two_factor_disable,
    two_factor_enrol,
)

__all__ = [
    "BACKUP_CODES",
    "TOKEN_PREFIX",
    "WRONG_CODE",
    "CodeCheck",
    "code_check",
    "formats_set",
    "new_secret",
    "secret_text",
    "setup_uri",
    "token_authenticate",
    "token_create",
    "token_revoke",
    "two_factor_backup_codes",
    "two_factor_disable",
    "two_factor_enrol",
    "user_register",
]
