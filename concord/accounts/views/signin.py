"""Signing in: the password, then — for a person with two-factor sign-in — a code.

After the right password, a person with an authenticator is not signed in yet: the session only
remembers who is halfway (for CODE_MINUTES), and the code page asks for a code from their app or a
backup code. A wrong code is a failed sign-in for the throttling (django-axes): it counts towards
the pause of the account and of the address like a wrong password, and a paused account gets the
same 429 page at either step.
"""

import time
from typing import Any

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from concord.accounts import selectors, services
from concord.accounts.forms import CodeForm
from concord.accounts.models import User

PENDING = "concord_signin_pending"
CODE_MINUTES = 10


class SignInView(LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user: User = form.get_user()
        if not selectors.two_factor_on(actor=user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "until": time.time() + CODE_MINUTES * 60,
        }
        return redirect("login-code")


def signin_code(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the person's app or one of their backup codes."""
    pending = request.session.get(PENDING)
    user = _halfway(pending)
    if pending is None or user is None:
        request.session.pop(PENDING, None)
        messages.info(request, "Sign in with your email address and password first.")
        return redirect("login")
    credentials = {"username": user.email}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return _paused(request, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.code_check(user=user, code=form.cleaned_data["code"])
        if check.ok:
            return _signed_in(request, user, pending, check)
        if check.wait:
            form.add_error("code", f"Too many wrong codes: wait {check.wait} seconds, then try again.")
        else:
            form.add_error("code", services.WRONG_CODE)
            # A failed sign-in for the throttling; the one that reaches the limit pauses the account.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    status = 422 if form.errors else 200
    return render(request, "registration/login_code.html", {"form": form}, status=status)


def _halfway(pending: Any) -> User | None:
    if not isinstance(pending, dict) or pending.get("until", 0) < time.time():
        return None
    return selectors.signing_in(pk=pending.get("user", 0))


def _paused(request: HttpRequest, credentials: dict[str, str]) -> HttpResponse:
    """Axes's middleware answers a request flagged so with its lockout page (429)."""
    request.axes_locked_out = True  # type: ignore[attr-defined]
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    return HttpResponse(status=429)


def _signed_in(
    request: HttpRequest, user: User, pending: dict[str, Any], check: services.CodeCheck
) -> HttpResponse:
    del request.session[PENDING]
    login(request, user, backend=pending["backend"])
    django_otp.login(request, check.device)  # the session remembers the device that verified it
    if check.backup_codes_left is not None:
        left = check.backup_codes_left
        messages.warning(
            request,
            f"You signed in with a backup code; it will not work again. {left} left"
            + ("." if left > 2 else " — make new ones under Security."),
        )
    return redirect(pending["next"])
