"""House rules checked on the source. The import rules (layers, no cycles between apps, core and
access below everything) are import-linter contracts in pyproject.toml, run here and by `make lint`.
What imports cannot say is checked here: entry points never reach past the scope."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "concord"
ENTRY_POINT_MODULES = {
    "views",
    "api",
    "api_plans",
    "api_portfolio",
    "api_auth",
    "urls",
    "tasks",
    "context_processors",
}
PAST_THE_SCOPE = {"unscoped", "_default_manager", "_base_manager"}
WRITES = {"save", "delete", "create", "update", "bulk_create", "bulk_update", "get_or_create"}


def _entry_points() -> list[Path]:
    """Views (a module, or every module of a `views` package), API modules, URL confs, tasks,
    template tags, context processors, CLI commands."""
    found = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        inside = set(parts[:-1])
        if path.stem in ENTRY_POINT_MODULES or inside & {"views", "templatetags", "commands"}:
            found.append(path)
    return found


def _attribute_uses(path: Path, names: set[str]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr in names
    ]


def test_entry_points_never_read_past_the_scope() -> None:
    """`Model.unscoped` (and Django's default and base managers) read every row; only services,
    jobs' services and access may. Entry points read through selectors or `objects.restrict()`."""
    offenders = [use for path in _entry_points() for use in _attribute_uses(path, PAST_THE_SCOPE)]
    assert not offenders, offenders


def test_entry_points_and_selectors_never_write() -> None:
    """Writes go through services (which audit them); `objects` refuses writes at run time, and
    here no entry point or selector calls save(), delete() or a queryset write."""
    paths = _entry_points() + [p for p in ROOT.rglob("selectors.py")]
    offenders = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITES
            ):
                target = ast.unparse(node.func.value)
                if target not in ("router", "page", "context", "form", "messages", "changes", "data"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node.func)}")
    assert not offenders, offenders


def test_import_contracts_are_kept() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter)], cwd=ROOT.parent, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
