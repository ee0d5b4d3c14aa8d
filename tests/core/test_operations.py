"""Set-up and operations: the demo loads idempotently, production settings pass Django's deploy
checks, and the daily schedule runs inline and on the real database worker."""

import datetime
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from concord.accounts.models import User
from concord.core import schedule
from concord.demo import workspace
from concord.organisations.models import Organisation
from concord.partnerships.models import Note, Partnership
from tests.reliability import processes

CONCORD = [sys.executable, "-m", "concord.manage"]


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CONCORD, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CONCORD_")
        and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(CONCORD_VAR_DIR=str(tmp_path), **extra)
    return env


@pytest.mark.django_db
def test_demo_loads_once_and_obeys_the_rules(capsys: Any) -> None:
    call_command("demo")
    call_command("demo")
    assert Organisation.unscoped.filter(name=workspace.BUYER).count() == 1
    assert Partnership.unscoped.filter(parties__organisation__name=workspace.BUYER).count() == 3
    out = capsys.readouterr().out
    assert "already loaded" in out and "clara@helix.example" in out and "sam@aurora.example" in out
    sam = User.objects.get(email="sam@aurora.example")
    from concord.partnerships.selectors import note_list

    bioprocess = Partnership.unscoped.get(name="Single-use bioprocessing")
    seen = {n.title for n in note_list(actor=sam, partnership=bioprocess)}
    assert "Negotiation stance" not in seen and "Account plan" in seen
    assert Note.unscoped.filter(title="Negotiation stance").exists()
    from concord.vision.selectors import alignment_reports, round_list, submission_list

    revealed = round_list(actor=sam, partnership=bioprocess).get()
    report = alignment_reports(actor=sam, round_=revealed)[0]
    assert report.alignment < 50 and report.misalignments  # the demo shows real misalignment
    cold = Partnership.unscoped.get(name="Cold-chain logistics")
    nils = User.objects.get(email="nils@nordkyl.example")
    blind = round_list(actor=nils, partnership=cold).get()
    assert list(submission_list(actor=nils, round_=blind)) == []  # Helix's answers stay blind
    from concord.vision.selectors import vision_view

    agreed = vision_view(actor=sam, partnership=bioprocess)
    assert agreed.status == "agreed" and [o.code for o in agreed.objectives] == ["O1", "O2", "O3"]
    from concord.agreements.filters import ClauseFilter
    from concord.agreements.selectors import agreement_list, clause_list, clause_notes, coverage

    contract = agreement_list(actor=sam, partnership=bioprocess).get()
    assert contract.status == "negotiation" and not contract.gate_override_reason
    assert coverage(actor=sam, agreement=contract).uncovered == []
    orphans = ClauseFilter({"orphan": "true"}, queryset=clause_list(agreement=contract)).qs
    assert [c.heading for c in orphans] == ["Exclusivity"]
    price = clause_list(agreement=contract).get(number="3")
    assert price.negotiation_status == "disputed"
    assert not any("Internal" in n.body for n in clause_notes(actor=sam, clause=price))


def test_production_settings_pass_deploy_checks(tmp_path: Path) -> None:
    env = _clean_env(
        tmp_path,
        CONCORD_SECRET_KEY="x7" * 30 + "-production-secret-key",
        CONCORD_ALLOWED_HOSTS="concord.example.com",
    )
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    env = _clean_env(tmp_path, CONCORD_DEBUG="false")
    result = _run(["check"], env, tmp_path)
    assert result.returncode != 0 and "CONCORD_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_daily_entry_point_runs_registered_jobs_inline() -> None:
    seen: list[datetime.date] = []

    def remember(day: datetime.date) -> int:
        seen.append(day)
        return 1

    schedule.daily(remember)
    try:
        call_command("daily", day="2026-11-23")
    finally:
        schedule._JOBS.pop(f"{remember.__module__}.{remember.__qualname__}")
    assert seen == [datetime.date(2026, 11, 23)]


@pytest.mark.django_db(transaction=True)
def test_daily_task_runs_on_the_database_worker(tmp_path: Path) -> None:
    """A real worker process picks the enqueued daily task from the database and completes it.
    It works on the suite's database (a copy on SQLite), already migrated: a migration in a
    process of its own took most of a minute."""
    env = processes.environment(tmp_path, CONCORD_TASKS="database")
    enqueued = processes.manage(env, "daily", "--day", "2026-11-23")
    assert "READY" in enqueued.stdout, enqueued.stderr
    processes.manage(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")
    statuses = processes.rows(tmp_path, "SELECT status FROM django_tasks_database_dbtaskresult")
    assert statuses == [("SUCCESSFUL",)]


def test_var_is_under_the_working_directory_not_the_package(tmp_path: Path) -> None:
    """Installed with `pip install .`, the package lives in site-packages: the default data folder
    must not (docs/configuration.md: ./var)."""
    env = _clean_env(tmp_path)
    del env["CONCORD_VAR_DIR"]
    code = "from django.conf import settings; print(settings.VAR_DIR)"
    shown = _run(["shell", "--no-imports", "-c", code], env, tmp_path)
    assert shown.stdout.strip() == str((tmp_path / "var").resolve()), shown.stderr


@pytest.mark.django_db
def test_the_first_account_can_be_made_unattended(monkeypatch: Any) -> None:
    """The documented non-interactive createsuperuser (the full name is a required field)."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long enough passphrase 42")
    call_command("createsuperuser", interactive=False, email="ada@example.com", full_name="Ada A")
    ada = User.objects.get(email="ada@example.com")
    assert ada.is_superuser and ada.full_name == "Ada A" and ada.check_password("a long enough passphrase 42")


@pytest.mark.django_db
def test_a_request_for_a_foreign_host_is_one_log_line(client: Any) -> None:
    import logging

    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(self.format(record))

    logger = logging.getLogger("django.security.DisallowedHost")
    keep = Keep()
    logger.addHandler(keep)
    try:
        response = client.get("/", HTTP_HOST="scanner.example")
    finally:
        logger.removeHandler(keep)
    assert response.status_code == 400
    assert len(seen) == 1 and "scanner.example" in seen[0] and "Traceback" not in seen[0]


def test_starting_a_process_does_not_load_the_heavy_libraries(tmp_path: Path) -> None:
    """Every command, worker and server process loads the URLs (and so every view and API module);
    the chart, PDF, spreadsheet, Word and calendar libraries load where they are used, so start-up
    stays fast (docs/testing.md)."""
    heavy = ["altair", "vl_convert", "fpdf", "openpyxl", "docx", "icalendar", "pypdf"]
    code = (
        "import sys, django; django.setup(); from django.urls import get_resolver; "
        "get_resolver().url_patterns; "
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    env = _clean_env(tmp_path, DJANGO_SETTINGS_MODULE="concord.config.settings")
    shown = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert shown.stdout.strip() == "[]", shown.stdout + shown.stderr
