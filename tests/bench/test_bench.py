"""The bench's machinery, without a load tool: the bare view exists only on a bench server, and the
in-process split of a page's server time is consistent (bench/profiling.py)."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench import profiling
from concord.config.bench import bench_urls
from tests.world import World


def test_a_production_server_has_no_bare_view(client_for: Any) -> None:
    assert bench_urls() == []
    with pytest.raises(NoReverseMatch):
        reverse("bench-bare")
    assert client_for("buyer_lead").get("/bench/bare/", secure=True).status_code == 404


@pytest.mark.urls("tests.bench.urls")
def test_the_bench_server_answers_behind_every_middleware(client_for: Any) -> None:
    assert client_for("anon").get("/bench/bare/", secure=True).status_code == 302  # to sign in
    answer = client_for("buyer_lead").get("/bench/bare/", secure=True)
    assert answer.status_code == 200 and answer.json() == {"ok": True}
    assert answer.headers["X-Frame-Options"] == "DENY"  # the same middleware as every page
    assert "Content-Security-Policy" in answer.headers


def _consistent(figures: dict[str, Any]) -> None:
    parts = figures["sql_ms"] + figures["template_ms"] + figures["other_ms"]
    assert figures["sql_ms"] > 0 and figures["other_ms"] > 0
    assert parts == pytest.approx(figures["total_ms"], abs=0.01)
    assert "cumulative" in figures["profile"]  # pstats' top functions, sorted by cumulative time


def test_a_page_splits_into_sql_templates_and_the_rest(world: World, client_for: Any) -> None:
    client, url = client_for("buyer_lead"), f"/partnerships/{world.partnership.pk}/"
    figures = profiling.measure(client, url, requests=2)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    assert figures["queries"] == len(queries) > 0
    assert figures["template_ms"] > 0
    _consistent(figures)


def test_an_api_list_has_no_template_time(world: World, client_for: Any) -> None:
    bearer = {"Authorization": f"Bearer {world.lead_secret}"}
    url = f"/api/v1/partnerships/{world.partnership.pk}/notes"
    figures = profiling.measure(client_for("anon"), url, requests=2, headers=bearer)
    assert figures["queries"] > 0 and figures["template_ms"] == 0
    _consistent(figures)
