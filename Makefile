# Concord — build, run and test.
#   make env     create/refresh .venv from uv.lock (idempotent)
#   make run     migrate, load the demo, serve on http://127.0.0.1:8000
#   make test    the suite on SQLite, then on a throw-away PostgreSQL  (make test ARGS="-k foo")
#   make lint    ruff check, ruff format --check, mypy, import contracts (lint-imports)
#   make bench   figures on a throw-away PostgreSQL (make bench SCALES="small medium"; bench/results/)
#   make clean   remove build/ and .venv
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

UV_VERSION := 0.13.9
UV_BOOT := build/uv-bootstrap
UV := $(UV_BOOT)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
ARGS ?=
# make bench: the data sizes (concord generate --scale) and the bench's own PostgreSQL port.
SCALES ?= small medium large
BENCH_PG_PORT ?= 54340

# uv must never try to download an interpreter; we always hand it one.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

TEST_ENV := PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 DJANGO_ALLOW_ASYNC_UNSAFE=true
# One pytest worker per core (pytest-xdist), each with its own test database.
TEST_WORKERS ?= auto

.PHONY: help env run test test-deps test-sqlite test-postgres lint bench bench-deps clean

help:
	@sed -n 's/^#   //p' Makefile

env:
	@py="$$(scripts/find-python.sh)"; \
	if ! "$(UV)" --version 2>/dev/null | grep -qF "uv $(UV_VERSION)"; then \
	    echo "== bootstrapping uv $(UV_VERSION) with $$py =="; \
	    rm -rf "$(UV_BOOT)"; \
	    "$$py" -m venv "$(UV_BOOT)"; \
	    "$(UV_BOOT)/bin/pip" install --quiet "uv==$(UV_VERSION)"; \
	fi; \
	"$(UV)" sync --locked --python "$$py"

run: env
	$(BIN)/concord migrate --noinput
	$(BIN)/concord demo
	$(BIN)/concord runserver 127.0.0.1:8000

# Debian's Chromium (Playwright drives it; never `playwright install`) and a PostgreSQL server.
test-deps:
	@scripts/need-debian.sh "make test" chromium "test -x /usr/bin/chromium" \
	    postgresql "scripts/with-postgres.sh --check"
	@scripts/need-debian.sh --optional "the scale-out tests' Redis cases" redis-server "command -v redis-server"

# Both runs always happen; the target fails if either does.
test: env test-deps
	@rc=0; \
	$(MAKE) test-sqlite || rc=1; \
	$(MAKE) test-postgres || rc=1; \
	[ $$rc -eq 0 ] || echo "== make test: FAILED (see above) ==" >&2; \
	exit $$rc

test-sqlite:
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal $(ARGS)

# The browser journeys run once, on SQLite: Chromium sees the same pages whichever database
# serves them, and every page's server side is swept on PostgreSQL too (tests/sweeps).
test-postgres:
	@echo "== tests on PostgreSQL =="
	$(TEST_ENV) scripts/with-postgres.sh $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal -m "not browser" $(ARGS)

lint: env
	$(BIN)/ruff check concord tests
	$(BIN)/ruff format --check concord tests
	$(BIN)/mypy concord
	$(BIN)/lint-imports

# The load tool (Debian's wrk) and a PostgreSQL server, installed like test-deps does.
bench-deps:
	@scripts/need-debian.sh "make bench" wrk "command -v wrk" redis-server "command -v redis-server" \
	    postgresql "scripts/with-postgres.sh --check"

# Production serving (gunicorn, DEBUG off) on generated data, one database per scale; a
# benchmark reports misses but never fails on time. See docs/benchmarks.md.
bench: env bench-deps
	@mkdir -p bench/results
	CONCORD_PG_PORT=$(BENCH_PG_PORT) scripts/with-postgres.sh $(BIN)/python -m bench --scales "$(SCALES)" $(ARGS)

clean:
	rm -rf build $(VENV)
