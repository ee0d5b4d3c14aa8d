"""Two-factor sign-in, for the person themself: set it up, new backup codes, turn it off.

Setting up shows a new secret (as text and as an otpauth:// address an authenticator app opens)
and asks for a code from the app; the secret waits in the session until then. The backup codes
are shown once, in the answer that makes them, and never again.
"""

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from concord.access.policy import needs_two_factor
from concord.accounts import selectors, services
from concord.accounts.forms import CodeForm
from concord.accounts.requests import AuthedRequest
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors

SECRET = "concord_two_factor_secret"
TEMPLATE = "accounts/two_factor.html"


@login_required
def two_factor(request: AuthedRequest) -> HttpResponse:
    """The person's sign-in security: two-factor on (backup codes, turn off) or set it up."""
    actor = request.user
    required = needs_two_factor(actor)
    if selectors.two_factor_on(actor=actor):
        left = selectors.backup_codes_left(actor=actor)
        return render(request, TEMPLATE, {"on": True, "required": required, "left": left, "form": CodeForm()})
    key = request.session.get(SECRET) or services.new_secret()
    request.session[SECRET] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_enrol(actor=actor, key=key, code=form.cleaned_data["code"])
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            del request.session[SECRET]
            django_otp.login(request, device)
            return render(request, "accounts/backup_codes.html", {"codes": codes, "next": _next(request)})
    uri = services.setup_uri(user=actor, key=key)
    context = {
        "on": False,
        "required": required,
        "form": form,
        "secret": services.secret_text(key),
        "uri": uri,
        "qr": _qr_svg(uri),
        "next": _next(request),
    }
    return render(request, TEMPLATE, context, status=422 if form.errors else 200)


def _qr_svg(uri: str) -> str:
    """The set-up address as a QR code for the phone's camera: inline SVG markup made by segno from
    our own address only (no user text in the markup; no style attribute, so the CSP holds)."""
    import segno

    return str(segno.make(uri, error="m").svg_inline(scale=4, title="QR code of the set-up address"))


@login_required
@require_POST
def backup_codes(request: AuthedRequest) -> HttpResponse:
    codes = services.two_factor_backup_codes(actor=request.user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": ""})


@login_required
@require_POST
def turn_off(request: AuthedRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            services.two_factor_disable(actor=request.user, code=form.cleaned_data["code"])
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Two-factor sign-in is off: your password alone signs you in.")
            return redirect("two-factor")
    context = {
        "on": True,
        "required": needs_two_factor(request.user),
        "left": selectors.backup_codes_left(actor=request.user),
        "form": form,
    }
    return render(request, TEMPLATE, context, status=422)


def _next(request: AuthedRequest) -> str:
    """Where to go once set up (the page the person was sent from), if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe else ""
