from typing import Any

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from concord.demo import workspace


class Command(BaseCommand):
    help = "Load the demo workspace (idempotent) and print the demo logins for both sides."

    def handle(self, *args: Any, **options: Any) -> None:
        if workspace.exists():
            self.stdout.write("Demo workspace already loaded.")
        else:
            # The demo's invitations would go to made-up addresses: keep them in memory.
            with override_settings(
                MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
            ):
                workspace.build()
            self.stdout.write(self.style.SUCCESS("Demo workspace loaded."))
        self.stdout.write(f"\nDemo logins (password for all: {workspace.PASSWORD}):")
        for login in workspace.LOGINS:
            self.stdout.write(f"  {login.side:<9} {login.email:<24} {login.name} — {login.role}")
        self.stdout.write("\nOpen http://127.0.0.1:8000/ and sign in.\n")
