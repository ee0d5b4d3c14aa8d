"""`/health`, the load balancer's check: what the proxy in front relies on (docs/deployment.md).
That it answers 503 when the database is gone is tested on a real server cut off from it
(tests/reliability/test_scale_out.py)."""

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings

from tests.world import World

pytestmark = pytest.mark.django_db


def test_it_answers_ok_after_one_question_to_the_database(
    client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):  # SELECT 1, nothing else
        response = client.get("/health")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Content-Type"] == "text/plain"
    assert "no-store" in response["Cache-Control"]  # never a cached "ok" from somewhere in between


def test_it_sets_no_cookie_and_writes_no_session(world: World, client_for: Any) -> None:
    clients = {persona: client_for(persona) for persona in ("anon", "buyer_lead")}
    sessions = list(Session.objects.values_list("session_key", "session_data", "expire_date"))
    for persona, client in clients.items():
        response = client.get("/health")
        assert response.status_code == 200 and not response.cookies, persona
    assert list(Session.objects.values_list("session_key", "session_data", "expire_date")) == sessions


def test_a_load_balancer_on_plain_http_is_answered_not_redirected() -> None:
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert Client().get("/health").status_code == 200
        assert Client().get("/account/login/").status_code == 301  # everything else goes to HTTPS


def test_it_is_not_subject_to_the_api_rate_limit() -> None:
    with override_settings(CONCORD_API_ANON_RATE="2/min"):
        client = Client()
        assert [client.get("/health").status_code for _ in range(5)] == [200] * 5


def test_it_only_reads() -> None:
    assert Client().post("/health").status_code == 405
