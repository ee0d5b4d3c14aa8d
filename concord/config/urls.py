"""The root URLconf: signing in (with its second step for two-factor sign-in), Django's password
change and reset, each app's pages, and the JSON API.

Each app's urls.py lists its routes with their full paths (many sit under /partnerships/<id>/ while
their views live in the tab's app), so the apps are included at the root.
"""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path, register_converter

from concord.accounts.views.signin import SignInView
from concord.config.api import api
from concord.config.bench import bench_urls
from concord.core.converters import IdConverter
from concord.core.health import health

# Before the includes below: every app's urls.py uses <id:...>.
register_converter(IdConverter, "id")

auth_patterns = [
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Changing the password signs every other session of the person out (Django's session hash).
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/changed/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

handler400 = "concord.core.middleware.bad_request"

urlpatterns: list[URLPattern | URLResolver] = [
    # For the proxy or load balancer in front of the app processes (docs/deployment.md).
    path("health", health, name="health"),
    path("account/", include(auth_patterns)),
    path("", include("concord.accounts.urls")),
    path("", include("concord.organisations.urls")),
    path("", include("concord.invitations.urls")),
    path("", include("concord.overview.urls")),
    path("", include("concord.vision.urls")),
    path("", include("concord.agreements.urls")),
    path("", include("concord.goals.urls")),
    path("", include("concord.scorecards.urls")),
    path("", include("concord.commitments.urls")),
    path("", include("concord.meetings.urls")),
    path("", include("concord.risks.urls")),
    path("", include("concord.reviews.urls")),
    path("", include("concord.governance.urls")),
    path("", include("concord.lessons.urls")),
    path("", include("concord.lifecycle.urls")),
    path("", include("concord.health.urls")),
    path("", include("concord.insight.urls")),
    path("", include("concord.selection.urls")),
    path("", include("concord.notifications.urls")),
    path("", include("concord.privacy.urls")),
    # Last: its partnerships/<id>/<tab>/ would otherwise answer for the tabs above.
    path("", include("concord.partnerships.urls")),
    path("api/v1/", api.urls),
]
# The benchmark's bare view, only on a server started with CONCORD_BENCH (never in production).
urlpatterns += bench_urls()
