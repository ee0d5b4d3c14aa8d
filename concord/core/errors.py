"""Domain errors raised by services and access checks; views and the API translate them.

Outsiders get NotFound for objects they may not know exist; members lacking a right get Forbidden.
"""

from typing import Any


class DomainError(Exception):
    status = 400
    default_detail = "The request could not be carried out."

    def __init__(self, detail: str | None = None) -> None:
        self.detail = detail or self.default_detail
        super().__init__(self.detail)

    def text(self) -> str:
        """What to tell a person on a page without a form (a flash message)."""
        return self.detail


class NotFound(DomainError):
    status = 404
    default_detail = "Not found."


class Forbidden(DomainError):
    status = 403
    default_detail = "You do not have permission to do this."


class Conflict(DomainError):
    """A stale edit: someone changed the record since the editor loaded it."""

    status = 409
    default_detail = "This record was changed by someone else since you loaded it."

    def __init__(self, *, current: Any, submitted: dict[str, Any], detail: str | None = None):
        super().__init__(detail)
        self.current = current
        self.submitted = submitted


class InvalidState(DomainError):
    """The request is well-formed but the record is not in a state that allows it (409)."""

    status = 409
    default_detail = "This cannot be done in the record's current state."


class ValidationFailed(DomainError):
    """Field-level validation errors: {field: [message, ...]}; field "__all__" for the whole input."""

    status = 422
    default_detail = "Some fields are not valid."

    def __init__(self, errors: dict[str, list[str]], detail: str | None = None) -> None:
        super().__init__(detail)
        self.errors = errors

    @classmethod
    def single(cls, field: str, message: str) -> "ValidationFailed":
        return cls({field: [message]})

    def text(self) -> str:
        """All messages as one sentence, for a flash message on a page without a form."""
        return " ".join(message for messages in self.errors.values() for message in messages)

    def as_list(self) -> list[dict[str, str]]:
        return [
            {"field": field, "message": message}
            for field, messages in self.errors.items()
            for message in messages
        ]
