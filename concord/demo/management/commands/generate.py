import datetime
import secrets
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from concord.demo.generator import people
from concord.demo.generator.plan import KINDS, SCALES, counts_for
from concord.demo.generator.run import AlreadyGenerated, generate


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--today: give a date as YYYY-MM-DD, not {text!r}.") from exc


class Command(BaseCommand):
    help = (
        "Generate a portfolio of partnerships (one buying organisation, its suppliers and their "
        "records) at a scale, for benchmarks and for seeing Concord full. Deterministic for a seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=list(SCALES), default="small")
        for kind in KINDS:
            parser.add_argument(
                f"--{kind}", type=int, default=None, help=f"total {kind} (overrides the scale)"
            )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--password", default=None, help="password of every generated login")
        parser.add_argument("--today", type=_day, default=None, help="the day dates are relative to")
        parser.add_argument("--no-progress", action="store_true", help="no progress bars (for scripts)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        if today > timezone.localdate():
            raise CommandError("--today cannot be in the future: measurements are never dated ahead.")
        try:
            counts = counts_for(options["scale"], **{k: options[k] for k in KINDS})
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        password = options["password"] or secrets.token_urlsafe(12)
        started = time.monotonic()
        try:
            result = generate(
                counts=counts,
                seed=options["seed"],
                password=password,
                today=today,
                progress=not options["no_progress"],
            )
        except AlreadyGenerated as exc:
            raise CommandError(f"{exc} Nothing was written; generate into an empty database.") from exc
        seconds = time.monotonic() - started
        rows = ", ".join(f"{n:,} {label}" for label, n in sorted(result.written.items()))
        self.stdout.write(self.style.SUCCESS(f"Generated in {seconds:.1f} s: {rows}."))
        last = counts.partnerships
        self.stdout.write(f"\nGenerated logins (password for all: {password}):")
        self.stdout.write(
            f"  buyer     {people.BUYER_LEAD} — admin, manager of every partnership (buyer lead)"
        )
        self.stdout.write(f"  buyer     {people.BUYER_VIEWER} — viewer (buyer viewer)")
        self.stdout.write(
            f"  supplier  {people.supplier_email(1, 'lead')} … {people.supplier_email(last, 'lead')}"
        )
        self.stdout.write("            — admin of the supplier of partnership i (supplier lead)")
        self.stdout.write(f"  supplier  {people.supplier_email(1, 'member')} … — member (supplier member)\n")
