"""Sealed keys: an opaque, stable stand-in for a value (a person's id) that only the server can
make again. Anonymous answers are stored under such a key instead of the person: the answerer's
own request recomputes it to find their answer; nobody reading the table — the other side, an
organisation export, the audit trail — can turn it back into a person without the SECRET_KEY."""

from django.utils.crypto import salted_hmac


def seal(purpose: str, value: object) -> str:
    """A 64-character key for `value`, different for every `purpose`."""
    return salted_hmac(f"concord.sealed.{purpose}", str(value), algorithm="sha256").hexdigest()
