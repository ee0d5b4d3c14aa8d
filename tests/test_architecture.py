"""House rules checked on the source: writes only in services, access decisions only in access/."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "concord"
WRITES = {"save", "delete", "create", "update", "bulk_create", "bulk_update", "get_or_create"}
# invitations.py is the organisations' invitation service; timetravel.py backdates the demo's history.
WRITE_OK = {"services.py", "invitations.py", "timetravel.py"}


def _sources() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts and "management" not in p.parts]


def test_database_writes_happen_only_in_services() -> None:
    offenders = []
    for path in _sources():
        if path.name in WRITE_OK or path.parent.name == "services":  # services.py or a services/ package
            continue
        if path.name in ("models.py", "forms.py"):  # managers and ModelForms define, not call
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITES
            ):
                target = ast.unparse(node.func.value)
                if "objects" in target or target.endswith(("_set", "queryset")):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node.func)}")
    assert not offenders, offenders


def test_only_access_reads_roles_and_memberships() -> None:
    offenders = []
    for path in _sources():
        if "access" in path.parts or path.name == "models.py":
            continue
        if path.relative_to(ROOT).as_posix() == "organisations/services.py":
            continue  # owns memberships: keeps the last-admin invariant, decides no access
        text = path.read_text()
        # Sides may be read to pair or label parties (the alignment report); rights never.
        for needle in ("Membership.objects", "_concord_memberships", ".role =="):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert not offenders, offenders
