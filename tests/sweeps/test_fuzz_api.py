"""Every API operation fuzzed from its own schema (schemathesis), as two people of different sides.

For each operation of the live OpenAPI schema, hypothesis generates bodies and parameters from the
schema — valid ones (which the API must accept: the schema tells the truth about what is accepted)
and invalid ones (which it must refuse with a 4xx, never a 500) — and sends them through the WSGI
application, signed in with an API token of the buyer lead or of the supplier lead. Path ids are
the test world's real records (the sweep's `_fill`), so bodies reach real objects, not only 404s.
Each answer is checked: no server error, a status the schema declares, the content type and body
the schema describes.

Valid input may still be refused for what a schema cannot say: a rule that needs the database
(people of the right organisation, one scorecard per side), today's date (not due in the past), two
fields together (an end after its start) or a file's contents. Such refusals are allowed only on
the fields listed in SEMANTIC, each with its reason; a refusal on any other field means the schema
promised more than the API accepts, and fails. Invalid input must always be refused.

The number of examples per operation is bounded (FUZZ_EXAMPLES, default 6 per mode); the personas
take turns sending them, in the opposite turns on the two databases (`_sender`), so the whole sweep
stays within a minute or two; raise it locally for a deeper run:
`FUZZ_EXAMPLES=200 make test-sqlite ARGS=tests/sweeps/test_fuzz_api.py`.
"""

import contextlib
import functools
import hashlib
import json
import os
import pickle
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, Phase, given, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis import GenerationMode, checks
from schemathesis.core import NOT_SET, NotSet
from schemathesis.generation.case import Case

from concord.access.roles import TokenScope
from concord.accounts.services import token_create
from concord.config.wsgi import application
from tests.sweeps.test_api import _fill, openapi
from tests.world import World

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
ANSWERS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
# Fields a schema-valid request may still be refused on, and why no JSON schema can say it.
SEMANTIC = {
    # ids chosen among the records of the moment: the people of an organisation, its objectives
    "owner_person_id": "a person of the owning organisation",
    "attendee_ids": "people of the sender's own organisation",
    "user_ids": "colleagues of the sender",
    "objective_ids": "objectives of this partnership's vision",
    "goal_ids": "goals of this partnership the sender can see",
    "to_org_id": "the organisation on the other side",
    "buyer_id": "an organisation the sender may act for",
    "supplier_id": "an organisation on the other side",
    "direction": "one scorecard per side and partnership",
    "email": "a person not yet a member or invited",
    "organisation": "an organisation the sender writes for, or a supplier it already works with",
    "candidate": "a candidate of this need",
    "criterion": "a criterion of this need",
    "first": "a criterion of this need",
    "second": "another criterion of this need",
    # dates against today or each other
    "promised_on": "not due in the past",
    "to_date": "not moved into the past",
    "due_date": "after the start date",
    "date_to": "the end of a range after its start",
    "ends_at": "after the start",
    "starts_at": "a new meeting starts in the future",
    "measured_on": "a measurement is not dated in the future",
    "delivered_on": "a delivery is not dated in the future",
    "renewal_notice_date": "on or after the agreement's start",
    "end_date": "an agreement ends after it starts",
    "minutes": "minutes are written once the meeting has started",
    "follow_up_on": "an answer 'maybe' needs the date of the final answer",
    "conditions": "an answer 'maybe' or 'yes, if' says what it depends on",
    "respond_by": "a fired risk's plan items are not due in the past",
    "next_review_on": "a risk's next review is not set in the past",
    "contingency": "a risk fires only with a contingency plan (at most 20 steps)",
    "status": "a risk is marked fired only by firing its trigger",
    # contents: documents, spreadsheets, a scorecard's definition (docs/goals.md)
    "file": "a .csv/.xlsx/.txt/.md/.docx file that reads as one",
    "text": "an agreement's text has clauses (headings)",
    "definition": "a scorecard definition, checked by scorecards/definition.py",
    "kpis": "a scorecard definition, checked by scorecards/definition.py",
    "criteria": "a scorecard definition, checked by scorecards/definition.py",
    "override_reason": "only while the Shared Vision is not agreed, and only for admins",
    "version": "the revision of the answers being revised exists",
    # governance (docs/governance.md)
    "person": "a colleague of the sender's own organisation, not yet in the directory",
    "key_person": "a person of this partnership's directory",
    "members": "people of this partnership's directory",
    "level": "a level of this partnership's escalation path",
    "committee": "a committee of this partnership, recorded by its members or the managers",
    "right": "one of the committee's decision rights",
    "value": "within the decision right's value limit",
    "value_limit": "an amount written as text is checked against its range by the form",
    "principle": "a guiding principle of the vision in force",
    "objectives": "objectives of this partnership's vision",
    "goals": "goals of this partnership the sender can see; a fit weighting needs one factor that counts",
    "decided_on": "a decision is logged once taken, not in the future",
    "citation": "an objective or guiding principle of the vision in force",
    "visibility": "a shared lesson only on a shared issue, commitment or risk",
    "superseded_by": "a later decision of this partnership's log the decision may point at",
    "__all__": "a rule across fields or a state",
    # the life cycle and the segmentation (docs/lifecycle.md)
    "assessed_on": "an assessment is not dated in the future",
    "expires_on": "a due-diligence document does not expire before it was issued",
    "relationship_rationale": "a type other than the Kraljic quadrant's suggestion says why",
    "relationship_type": "the buying side sets the relationship type (partnerships.relationship)",
    "reason": "a move with open entry items, or back, says why",
    "stage": "a move goes to another stage than the current one",
    # customer insight (docs/insight.md)
    "goal": "a goal of this partnership the record may point at",
    "objective": "an objective of this partnership's vision",
    "available_until": "an availability window ends after it starts",
    "end_of_support_on": "end of support is not before the installation",
    "needed_by": "an answer is not wanted by a date in the past",
    # the Reviews tab (docs/reviews.md)
    "closes_on": "a survey round closes on a day after today",
    "dimensions": "one dimension a line: distinct names, at most 12 (reviews/dimensions.py)",
    "answers": "a 1–5 pair for every dimension of the round, and only while it is open",
    "period_to": "a review's period ends on or after its start, and not after today",
}


@schemathesis.check
def refused_only_for_reasons_a_schema_cannot_state(ctx: Any, response: Any, case: Any) -> bool | None:
    """A schema-valid request is accepted, or refused (403/404/409/422) on SEMANTIC fields only."""
    if response.status_code < 400 or response.status_code in (401, 403, 404, 409):
        return None
    if response.status_code == 400 and _nul_inside(case.body):
        # A NUL is refused anywhere in a body. Every named text's schema says so (core.api.TEXT);
        # a free-form JSON document (a scorecard's definition, a survey answer's key) cannot.
        return None
    body = response.json() if response.status_code == 422 else {}
    fields = {error["field"].split(".")[0] for error in body.get("errors", [])} or {"?"}
    unexplained = fields - SEMANTIC.keys()
    assert response.status_code == 422 and not unexplained, (
        f"schema-valid input refused ({response.status_code}) on {sorted(unexplained)}: {response.text[:500]}"
    )
    return None


def _nul_inside(body: Any) -> bool:
    try:
        return "\\u0000" in json.dumps(body)
    except TypeError:
        return False


CHECKS = {
    GenerationMode.POSITIVE: [*ANSWERS, refused_only_for_reasons_a_schema_cannot_state],
    GenerationMode.NEGATIVE: [*ANSWERS, checks.negative_data_rejection],
}
PERSONAS = ["buyer_lead", "supplier_lead"]
PATH_PARAM = re.compile(r"\{(\w+)\}")


@functools.cache
def _schema() -> Any:
    # schemathesis rewrites the dict it is given (status codes become strings): give it the JSON
    # the API serves, not the shared dict the other sweeps read
    served = json.loads(json.dumps(openapi(), cls=NinjaJSONEncoder))
    loaded = schemathesis.openapi.from_dict(served)
    loaded.app = application
    return loaded


def _operations() -> list[tuple[str, str]]:
    return [(method, path) for path, ops in openapi()["paths"].items() for method in ops]


OPERATIONS = _operations()


def _real_ids(path: str, world: World) -> dict[str, Any]:
    """The path's parameters filled with the world's records, as the access sweep does."""
    filled = _fill(path, world)
    names = PATH_PARAM.findall(path)
    template = re.escape(path)
    for name in names:
        template = template.replace(re.escape("{" + name + "}"), r"(?P<" + name + r">[^/]+)")
    match = re.fullmatch(template, filled)
    assert match, (path, filled)
    return {name: int(match.group(name)) for name in names}


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """Requests go to the WSGI application itself, whose end-of-request signal closes a database
    connection in a transaction (the test's, on PostgreSQL); Django's test client unhooks that
    signal for its requests, and so does this for schemathesis's."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("connection_kept")
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m.upper()} {p}" for m, p in _operations()])
def test_operation_survives_generated_input(world: World, method: str, path: str) -> None:
    ids = _real_ids(path, world)
    headers = {persona: _bearer(world, persona) for persona in PERSONAS}
    for mode, checked in CHECKS.items():
        for number, case in enumerate(_examples(method, path, mode, ids)):
            persona = _sender(number)
            case.path_parameters = {**(case.path_parameters or {}), **ids}
            try:
                case.call_and_validate(headers=headers[persona], checks=checked)
            except Exception as failure:
                failure.add_note(f"sent as {persona}, {mode.value} input")
                raise


def _bearer(world: World, persona: str) -> dict[str, str]:
    _, secret = token_create(actor=world.user(persona), name=f"fuzz {persona}", scope=TokenScope.READ_WRITE)
    return {"Authorization": f"Bearer {secret}"}


def _sender(number: int) -> str:
    """Who sends the example: the personas take turns, and the turns are swapped on PostgreSQL, so
    the two halves of `make test` send every example as both people — each database half of
    them — and each database still hears every operation from both sides."""
    turn = number + (connection.vendor == "postgresql")
    return PERSONAS[turn % len(PERSONAS)]


# Generating the examples is nearly all of the sweep's time (building strategies from the schema
# and drawing from them); sending them is cheap. The draw is derandomized, so it is the same for
# both people and on both databases: it is made once per operation and mode, kept in memory for the
# test process and on disk under build/ for the next run (the PostgreSQL half of `make test`
# replays what the SQLite half drew). The file's name is a digest of the whole served schema and of
# the generator's settings and versions, so any change to the API draws afresh.
CASES_DIR = Path(os.environ.get("FUZZ_CASES_DIR", "build/fuzz-cases"))


@functools.cache
def _schema_digest() -> str:
    served = json.dumps(openapi(), cls=NinjaJSONEncoder, sort_keys=True)
    versions = f"{schemathesis.__version__} {hypothesis.__version__} {EXAMPLES}"
    return hashlib.sha256(f"{versions}\n{served}".encode()).hexdigest()[:20]


def _examples(method: str, path: str, mode: GenerationMode, ids: dict[str, Any]) -> list[Case]:
    operation = _schema()[path][method.upper()]
    name = hashlib.sha256(f"{_schema_digest()} {method} {path} {mode.value}".encode()).hexdigest()[:32]
    kept = CASES_DIR / f"{name}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return [_unpacked(operation, state) for state in pickle.loads(kept.read_bytes())]
    cases = _drawn(operation.as_strategy(generation_mode=mode, path_parameters=ids))
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        CASES_DIR.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(pickle.dumps([_packed(case) for case in cases]))
        partial.replace(kept)  # whole or not at all: another worker may read it at once
    return cases


def _drawn(strategy: Any) -> list[Case]:
    """EXAMPLES cases drawn from the strategy, as hypothesis would hand them to a test."""
    drawn: list[Case] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=strategy)
    def draw(case: Any) -> None:
        drawn.append(case)

    draw()
    return drawn


_NO_BODY = "__no body__"


def _packed(case: Case) -> dict[str, Any]:
    return {
        "method": case.method,
        "path": case.path,
        "path_parameters": case.path_parameters,
        "headers": dict(case.headers or {}),
        "cookies": case.cookies,
        "query": case.query,
        "body": _NO_BODY if isinstance(case.body, NotSet) else case.body,
        "media_type": case.media_type,
        "multipart_content_types": case.multipart_content_types,
        "meta": case._meta,
    }


def _unpacked(operation: Any, state: dict[str, Any]) -> Case:
    body = state.pop("body")
    body = NOT_SET if isinstance(body, str) and body == _NO_BODY else body
    return Case(operation, state.pop("method"), state.pop("path"), body=body, **state)
