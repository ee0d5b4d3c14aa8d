"""The person's own pages: API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.accounts import selectors, services
from concord.accounts.filters import TokenFilter
from concord.core.errors import ValidationFailed
from concord.core.paging import html_page


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    found = TokenFilter(request.GET or None, queryset=selectors.token_list(actor=request.user))
    context: dict[str, object] = {"filter": found, "tokens": html_page(request, found.qs)}
    if request.method == "POST":
        try:
            token, secret = services.token_create(actor=request.user, name=request.POST.get("name", ""))
        except ValidationFailed as exc:
            context["errors"] = exc.errors
        else:
            # The secret is rendered once, in this response only, and never stored.
            context["new_secret"] = secret
            context["new_token"] = token
    return render(request, "accounts/tokens.html", context, status=422 if "errors" in context else 200)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.token_get(actor=request.user, pk=pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("tokens")
