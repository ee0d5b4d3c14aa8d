"""`concord audit verify [--partnership ID | --organisation ID | --person ID]`: check that the
audit trail was not altered. Prints one line per chain, "intact" or its first broken link (which
event, and what kind of break), and fails (exit status 1) when any chain is broken."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concord.audit import trail


class Command(BaseCommand):
    help = "Verify the hash chains of the audit trail (all of them, or one)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        verify = actions.add_parser("verify", help="Recompute every link and report the first broken one.")
        which = verify.add_mutually_exclusive_group()
        which.add_argument("--partnership", type=int, metavar="ID", help="only this partnership's chain")
        which.add_argument("--organisation", type=int, metavar="ID", help="only this organisation's chain")
        which.add_argument("--person", type=int, metavar="ID", help="only this person's chain")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = ("partnership", "organisation", "person")
        chosen = [(kind, options[kind]) for kind in kinds if options[kind]]
        keys = [f"{kind}:{number}" for kind, number in chosen] or trail.chain_keys()
        if chosen and keys[0] not in trail.chain_keys():
            raise CommandError(f"There is no audit chain {keys[0]}.")
        verdicts = [trail.verify(key) for key in keys]
        for line in trail.lines_of(verdicts):
            self.stdout.write(line)
        broken = sum(not v.intact for v in verdicts)
        if broken:
            raise CommandError(f"{broken} of {len(verdicts)} chains are broken.", returncode=1)
        self.stdout.write(f"All {len(verdicts)} chains intact.")
