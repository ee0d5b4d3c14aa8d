"""Outgoing email, rendered from text templates. Console backend by default, SMTP when configured."""

from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_templated(*, to: str, subject: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(template, context)
    send_mail(subject, body, None, [to], fail_silently=False)
