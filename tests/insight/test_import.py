"""The installed base from a spreadsheet: a dry run writes nothing, every bad row is named by
line and column, an import adds every row or none, and an export re-imports as it is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from concord.core.errors import ValidationFailed
from concord.insight import transfer
from concord.insight.models import InstalledItem
from concord.insight.services import imports
from tests.world import World

pytestmark = pytest.mark.django_db
GOOD = (
    "technology,make,model,version,quantity,site,installed_on,status,end_of_support_on,notes\n"
    "Analyser,Acme,AX-200,3.1,14,Leiden,2019-05-01,ageing,2027-03-31,Touch screens fail\n"
    "LIMS,Labco,7,,1,,,current,,\n"
)


def _count(world: World) -> int:
    return InstalledItem.unscoped.filter(partnership=world.partnership).count()


def test_a_dry_run_checks_and_writes_nothing(world: World) -> None:
    before = _count(world)
    plan = imports.items_plan(
        actor=world.user("supplier_member"),
        partnership=world.partnership,
        rows=transfer.read("base.csv", GOOD.encode()),
    )
    assert plan.count == 2 and not plan.problems and _count(world) == before


def test_every_bad_row_is_named_and_nothing_is_written(world: World) -> None:
    bad = GOOD + "Pump,,,,-3,,yesterday,broken,,\n,,,,1,,,,,\n"
    before = _count(world)
    with pytest.raises(imports.ImportRefused) as refused:
        imports.items_import(
            actor=world.user("supplier_lead"),
            partnership=world.partnership,
            rows=transfer.read("base.csv", bad.encode()),
        )
    found = {(p.line, p.column) for p in refused.value.plan.problems}
    assert {(4, "status"), (4, "installed_on"), (4, "quantity"), (5, "technology")} <= found
    assert _count(world) == before


def test_an_import_adds_all_rows_and_an_export_reimports(world: World) -> None:
    client = Client()
    client.force_login(world.user("supplier_lead"))
    url = reverse("installed-base-import", args=[world.partnership.pk])
    before = _count(world)
    preview = client.post(url, {"file": SimpleUploadedFile("base.csv", GOOD.encode()), "dry_run": "on"})
    assert preview.status_code == 200 and "2 items would be added" in preview.content.decode()
    assert _count(world) == before
    done = client.post(url, {"file": SimpleUploadedFile("base.csv", GOOD.encode())})
    assert done.status_code == 302 and _count(world) == before + 2
    sheet = client.get(reverse("installed-base-export", args=[world.partnership.pk, "xlsx"]))
    again = imports.items_plan(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        rows=transfer.read("again.xlsx", sheet.content),
    )
    assert not again.problems and again.count == before + 2


def test_whole_file_problems_are_field_errors(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        transfer.read("base.csv", b"make,model\nAcme,AX\n")
    assert "file" in caught.value.errors
    with pytest.raises(ValidationFailed):
        transfer.read("base.pdf", b"%PDF-1.4")


def test_the_customer_cannot_import(world: World) -> None:
    client = Client()
    client.force_login(world.user("buyer_lead"))
    response = client.post(
        reverse("installed-base-import", args=[world.partnership.pk]),
        {"file": SimpleUploadedFile("base.csv", GOOD.encode())},
    )
    assert response.status_code == 403
