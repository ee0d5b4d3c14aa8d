"""The person's API tokens: list, create (shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.accounts import selectors, services
from concord.accounts.filters import TokenFilter
from concord.accounts.forms import TokenForm
from concord.accounts.requests import AuthedRequest
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors
from concord.core.paging import html_page


@login_required
def token_list(request: AuthedRequest) -> HttpResponse:
    found = TokenFilter(request.GET or None, queryset=selectors.token_list(actor=request.user))
    form = TokenForm(request.POST if request.method == "POST" else None)
    context: dict[str, object] = {"filter": found, "tokens": html_page(request, found.qs), "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            # The secret is rendered once, in this response only, and never stored.
            context.update(new_secret=secret, new_token=token, form=TokenForm())
    return render(request, "accounts/tokens.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = selectors.token_get(actor=request.user, pk=pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("tokens")
