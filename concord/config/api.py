"""The JSON API at /api/v1/: routers from each domain app on one NinjaAPI."""

from concord.accounts.api import router as me_router
from concord.accounts.api_auth import ApiRate, SessionAuth, TokenAuth
from concord.agreements.api import router as agreements_router
from concord.commitments.api import router as commitments_router
from concord.commitments.api_plans import router as plans_router
from concord.core.api import ConcordAPI, StrictJsonParser, install_error_handlers
from concord.goals.api import router as goals_router
from concord.governance.api import router as governance_router
from concord.governance.api_plans import router as governance_issues_router
from concord.health.api import router as health_router
from concord.insight.api import router as insight_router
from concord.insight.api_portfolio import router as portfolio_router
from concord.invitations.api import router as invitations_router
from concord.lessons.api import router as lessons_router
from concord.lifecycle.api import router as diligence_router
from concord.lifecycle.api_plans import router as lifecycle_router
from concord.meetings.api import router as meetings_router
from concord.notifications.api import router as notifications_router
from concord.organisations.api import router as organisations_router
from concord.overview.api import router as dashboard_router
from concord.partnerships.api import router as partnerships_router
from concord.privacy.api import router as privacy_router
from concord.reviews.api import router as reviews_router
from concord.risks.api import router as risks_router
from concord.scorecards.api import router as scorecards_router
from concord.selection.api import router as selection_router
from concord.vision.api import router as vision_router

api = ConcordAPI(
    title="Concord API",
    version="1",
    description=(
        "Run a buyer-supplier partnership together. Authenticate with the browser session "
        "(send the CSRF token on writes) or a personal API token: `Authorization: Bearer cnc_…`. "
        "A token is read-only (GET only; anything else answers 403) or read-write, and may "
        "expire (then it answers 401 like an unknown one). Each token, and each person using the "
        "session, may make a limited number of calls a minute: over it, 429 with `Retry-After` "
        "(seconds). "
        "Errors always have the body `{detail, errors: [{field, message}]}`."
    ),
    auth=[TokenAuth(), SessionAuth()],
    throttle=[ApiRate()],
    urls_namespace="api",
    parser=StrictJsonParser(),
)
install_error_handlers(api)
api.add_router("", me_router)
api.add_router("", organisations_router)
api.add_router("", partnerships_router)
api.add_router("", invitations_router)
api.add_router("", vision_router)
api.add_router("", agreements_router)
api.add_router("", goals_router)
api.add_router("", scorecards_router)
api.add_router("", commitments_router)
api.add_router("", plans_router)
api.add_router("", meetings_router)
api.add_router("", governance_router)
api.add_router("", governance_issues_router)
api.add_router("", lessons_router)
api.add_router("", diligence_router)
api.add_router("", lifecycle_router)
api.add_router("", health_router)
api.add_router("", dashboard_router)
api.add_router("", insight_router)
api.add_router("", portfolio_router)
api.add_router("", notifications_router)
api.add_router("", risks_router)
api.add_router("", reviews_router)
api.add_router("", privacy_router)
api.add_router("", selection_router)
