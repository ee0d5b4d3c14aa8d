"""`concord audit verify [--partnership ID | --organisation ID | --person ID]`: check that the
audit trail was not altered (a partnership's chains are its shared one and each side's own).
Prints one line per chain, "intact" or its first broken link (which event, and what kind of
break), and fails (exit status 1) when any chain is broken."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concord.audit import chain, trail


class Command(BaseCommand):
    help = "Verify the hash chains of the audit trail (all of them, or one)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        verify = actions.add_parser("verify", help="Recompute every link and report the first broken one.")
        which = verify.add_mutually_exclusive_group()
        which.add_argument("--partnership", type=int, metavar="ID", help="only this partnership's chains")
        which.add_argument("--organisation", type=int, metavar="ID", help="only this organisation's chain")
        which.add_argument("--person", type=int, metavar="ID", help="only this person's chain")

    def handle(self, *args: Any, **options: Any) -> None:
        keys = self._chosen(options)
        verdicts = [trail.verify(key) for key in keys]
        for line in trail.lines_of(verdicts):
            self.stdout.write(line)
        broken = sum(not v.intact for v in verdicts)
        if broken:
            raise CommandError(f"{broken} of {len(verdicts)} chains are broken.", returncode=1)
        self.stdout.write(f"All {len(verdicts)} chains intact.")

    def _chosen(self, options: dict[str, Any]) -> list[str]:
        """The chains asked for: a partnership's are its shared chain and each side's own."""
        every = trail.chain_keys()
        if options["partnership"]:
            number = options["partnership"]
            keys = [k for k in every if chain.in_partnership(k, number)]
            if not keys:
                raise CommandError(f"There is no audit chain of partnership {number}.")
            return keys
        for kind in ("organisation", "person"):
            if options[kind]:
                key = f"{kind}:{options[kind]}"
                if key not in every:
                    raise CommandError(f"There is no audit chain {key}.")
                return [key]
        return every
