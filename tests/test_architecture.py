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


def _fields_only(schema: object) -> object:
    """A JSON schema without its words (titles, descriptions): what a client can send or get."""
    if isinstance(schema, dict):
        return {k: _fields_only(v) for k, v in schema.items() if k not in ("title", "description")}
    if isinstance(schema, list):
        return [_fields_only(v) for v in schema]
    return schema


def test_every_api_schema_has_its_own_name() -> None:
    """The OpenAPI document keys its schemas by class name: two different schemas of one name (two
    apps' `WeightsOut`) would leave one of them described by the other's fields, and the fuzzing
    would find answers that "violate" a schema they never had."""
    from ninja import Schema

    import concord.config.api  # noqa: F401  (every router and its schemas loaded)

    def every(cls: type) -> list[type]:
        return [cls, *(s for sub in cls.__subclasses__() for s in every(sub))]

    by_name: dict[str, dict[str, object]] = {}
    for cls in every(Schema):
        if not cls.__module__.startswith("concord.") or cls.__module__ == "concord.core.inputs":
            continue  # core.inputs makes the base each app's named input schema derives from
        shape = _fields_only(cls.model_json_schema())
        by_name.setdefault(cls.__name__, {})[f"{cls.__module__}.{cls.__qualname__}"] = shape
    clashes = {
        name: sorted(found)
        for name, found in by_name.items()
        if len({repr(shape) for shape in found.values()}) > 1
    }
    assert not clashes, clashes
