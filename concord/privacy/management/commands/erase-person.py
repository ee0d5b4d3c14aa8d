"""`concord erase-person EMAIL --reason "…" [--as ADMIN_EMAIL]`: erase a person's personal data
on request (docs/privacy.md). The operator may erase anyone; with --as, the command acts as that
organisation admin and applies their rights (a member of their own organisation only). The audit
trail stays intact: check with `concord audit verify`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concord.core.errors import DomainError, ValidationFailed
from concord.privacy.selectors import operator_person
from concord.privacy.services import person_erase


class Command(BaseCommand):
    help = "Erase a person's personal data (pseudonymise the account); the audit trail stays verifiable."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The person's e-mail address.")
        parser.add_argument(
            "--reason", required=True, help="Why (kept in the audit trail: do not name the person)."
        )
        parser.add_argument(
            "--as", dest="actor", metavar="ADMIN_EMAIL", help="Act as this organisation admin."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            actor = operator_person(options["actor"]) if options["actor"] else None
            person = operator_person(options["email"])
            done = person_erase(actor=actor, person=person, reason=options["reason"])
        except ValidationFailed as exc:
            raise CommandError("; ".join(m for ms in exc.errors.values() for m in ms)) from exc
        except DomainError as exc:
            raise CommandError(exc.detail) from exc
        self.stdout.write(
            f"Erased the personal data of person {done.person_id} (now “Former member #{done.person_id}”): "
            f"{done.events} audit events, {done.invitations} invitations, {done.tokens} tokens revoked, "
            f"{done.sessions} sessions ended. The audit trail is unchanged: `concord audit verify` checks it."
        )
