"""Concord's URLs as the bench's own server has them (started with CONCORD_BENCH set)."""

from django.test.utils import override_settings

from concord.config.bench import bench_urls
from concord.config.urls import urlpatterns as concord_urls

with override_settings(CONCORD_BENCH=True):
    urlpatterns = [*concord_urls, *bench_urls()]
