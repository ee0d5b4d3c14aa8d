"""An organisation's export: everything it may see — its own internal records and the shared ones
— and nothing internal to another organisation; parsed back with json and csv; flat query counts."""

import csv
import io
import json
import zipfile
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from concord.access.querysets import Scoped
from concord.access.roles import Visibility
from concord.goals import services as goals
from concord.partnerships import services as partnerships
from concord.privacy.export import SCHEMA_VERSION, organisation_export
from concord.privacy.parts import NOT_EXPORTED, PARTS
from tests.guards import assert_flat_queries
from tests.world import World

BUYER_ONLY = [
    "Walk-away price 4 %",
    "Our fallback: 2-year term",
    "Push for resilience here",
    "Dual-source the film",
    "Supplier strategy (internal)",
]
SUPPLIER_ONLY = ["Upsell filtration", "Account plan"]
NOBODYS = ["Not for you", "Unrelated"]  # the outsider's organisation


def _zip(content: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    return archive


def _export(world: World, persona: str, organisation: Any) -> zipfile.ZipFile:
    out = io.BytesIO()
    organisation_export(actor=world.user(persona), organisation=organisation, out=out)
    return _zip(out.getvalue())


def _json(archive: zipfile.ZipFile, name: str) -> Any:
    return json.loads(archive.read(name).decode("utf-8"))


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


def _everything(archive: zipfile.ZipFile) -> str:
    return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def test_the_buyers_export_holds_its_internal_records_and_none_of_the_suppliers(
    world: World, client_for: Any
) -> None:
    response = client_for("buyer_lead").get(f"/api/v1/organisations/{world.buyer.pk}/export")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = _zip(b"".join(response.streaming_content))
    notes = {n["id"]: n for n in _json(archive, "notes.json")}
    assert world.buyer_internal.pk in notes and world.buyer_shared.pk in notes
    assert world.supplier_internal.pk not in notes
    assert notes[world.buyer_internal.pk]["visibility"] == Visibility.INTERNAL
    assert {g["id"] for g in _json(archive, "goals.json")} == {world.goal_shared.pk, world.goal_internal.pk}
    assert world.measurement_internal.pk in {m["id"] for m in _json(archive, "measurements.json")}
    assert world.meeting.pk in {m["id"] for m in _json(archive, "meetings.json")}
    assert world.clause_internal.pk in {n["id"] for n in _json(archive, "clause_notes.json")}
    assert world.buyer_submission.pk in {s["id"] for s in _json(archive, "vision_submissions.json")}
    text = _everything(archive)
    for secret in BUYER_ONLY:
        assert secret in text
    for secret in SUPPLIER_ONLY + NOBODYS:
        assert secret not in text, secret


def test_the_suppliers_export_holds_none_of_the_buyers_internal_records(world: World, tmp_path: Any) -> None:
    path = tmp_path / "supplier.zip"
    call_command("export-org", str(world.supplier.pk), str(path), stdout=io.StringIO())
    archive = _zip(path.read_bytes())
    assert {n["id"] for n in _json(archive, "notes.json")} == {
        world.buyer_shared.pk,
        world.supplier_internal.pk,
    }
    assert _json(archive, "vision_submissions.json") == []  # the buyer's, in a round not yet revealed
    assert [m["id"] for m in _json(archive, "measurements.json")] == [world.goal_shared.measurements.get().pk]
    text = _everything(archive)
    for secret in SUPPLIER_ONLY:
        assert secret in text
    for secret in BUYER_ONLY + NOBODYS:
        assert secret not in text, secret
    # its audit chains: the shared one and its own, never the buyer's
    chains = [json.loads(line)["chain"] for line in text.splitlines() if line.startswith('{"chain"')]
    shared = f"partnership:{world.partnership.pk}"
    assert chains == [shared, f"{shared}:org:{world.supplier.pk}"]


def test_people_are_named_and_only_the_organisations_own_members_have_addresses(world: World) -> None:
    archive = _export(world, "supplier_lead", world.supplier)
    people = {p["id"]: p for p in _json(archive, "people.json")}
    assert people[world.user("supplier_member").pk]["email"] == "member@supplier.test"
    buyer_lead = people[world.user("buyer_lead").pk]  # author of shared records
    assert buyer_lead["name"] == "Bea Buyer" and buyer_lead["email"] is None
    assert world.user("buyer_viewer").pk not in people  # attends the buyer's internal meeting only
    assert "lead@buyer.test" not in _everything(archive)


def test_manifest_readme_json_and_csv_agree(world: World) -> None:
    archive = _export(world, "buyer_lead", world.buyer)
    manifest = _json(archive, "manifest.json")
    assert (
        manifest["schema_version"] == SCHEMA_VERSION and manifest["format"] == "concord-organisation-export"
    )
    assert manifest["organisation"] == {"id": world.buyer.pk, "name": "Buyer Co"}
    assert manifest["created_by"]["id"] == world.user("buyer_lead").pk
    readme = archive.read("README.txt").decode()
    for part in PARTS:
        rows = _json(archive, f"{part.name}.json")
        assert manifest["counts"][part.name] == len(rows), part.name
        assert f"{part.name}.json" in readme
        if part.csv:
            table = _csv(archive, f"{part.name}.csv")
            assert [int(r["id"]) for r in table] == [r["id"] for r in rows]
    listed = {n.rsplit(".", 1)[0] for n in archive.namelist()} - {"manifest", "README"}
    assert listed == set(manifest["counts"])
    links = _csv(archive, "links/actionplan_goals.csv")
    assert links == [] or set(links[0]) == {"actionplan_id", "goal_id"}


def test_text_a_spreadsheet_would_run_is_escaped_in_the_csv(world: World) -> None:
    partnerships.note_create(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        body='=HYPERLINK("http://x")',
        title="f",
    )
    archive = _export(world, "buyer_lead", world.buyer)
    bodies = {r["body"] for r in _csv(archive, "notes.csv")}
    assert '\'=HYPERLINK("http://x")' in bodies
    assert '=HYPERLINK("http://x")' in {n["body"] for n in _json(archive, "notes.json")}  # JSON as stored


def test_every_model_with_an_owner_is_exported_or_left_out_with_a_reason() -> None:
    scoped = {m for m in apps.get_models() if issubclass(m, Scoped)}
    exported = {p.model for p in PARTS}
    assert not exported & set(NOT_EXPORTED)
    assert scoped == exported | set(NOT_EXPORTED), sorted(
        m.__name__ for m in scoped ^ (exported | set(NOT_EXPORTED))
    )


def test_admins_only(world: World) -> None:
    from concord.core.errors import Forbidden, NotFound

    with pytest.raises(Forbidden):
        _export(world, "buyer_viewer", world.buyer)
    with pytest.raises(NotFound):
        _export(world, "supplier_lead", world.buyer)
    with pytest.raises(NotFound):
        _export(world, "outsider", world.buyer)


def test_the_command_names_the_organisation_by_id_or_name(world: World, tmp_path: Any) -> None:
    out = io.StringIO()
    call_command("export-org", "buyer co", str(tmp_path / "b.zip"), stdout=out)
    assert "Exported Buyer Co" in out.getvalue() and (tmp_path / "b.zip").exists()
    assert not (tmp_path / "b.zip.partial").exists()
    with pytest.raises(CommandError, match="no organisation"):
        call_command("export-org", "Nobody Ltd", str(tmp_path / "n.zip"))


def test_query_count_is_flat_as_the_organisation_grows(world: World) -> None:
    lead, supplier = world.user("buyer_lead"), world.user("supplier_lead")
    made = iter(range(1000))

    def grow(n: int) -> None:
        for _, i in zip(range(n), made, strict=False):
            partnerships.note_create(
                actor=lead, partnership=world.partnership, body=f"n{i}", visibility=Visibility.INTERNAL
            )
            partnerships.note_create(actor=supplier, partnership=world.partnership, body=f"s{i}")
            goals.measurement_add(actor=lead, goal=world.goal_internal, measured_on=_day(i), value=i)

    # About two queries per part (63 parts since governance, risks, lifecycle, insight, selection,
    # lessons, health and reviews)
    assert_flat_queries(lambda: _export(world, "buyer_lead", world.buyer), grow, budget=150)


def _day(i: int) -> Any:
    import datetime

    return datetime.date(2025, 1, 1) + datetime.timedelta(days=i)


def test_an_admin_in_both_organisations_exports_only_the_one_asked_for(world: World) -> None:
    """The export reads as a member of that organisation alone, not as the admin asking (who may
    also belong to the other side)."""
    from concord.access.roles import Role
    from tests.world import join

    join(world.user("supplier_lead"), world.supplier, world.user("buyer_lead"), Role.MEMBER)
    text = _everything(_export(world, "buyer_lead", world.buyer))
    for secret in SUPPLIER_ONLY:
        assert secret not in text, secret
    assert "laptop" not in text  # the admin's own API token is personal, not the organisation's
