"""The buying side's segmentation and due diligence never reach the supplier side by any path:
pages, API (lists, details, counts), exports, the organisation export, notifications, history."""

import datetime
import io
import json
import zipfile
from typing import Any

from django.utils import timezone

from concord.lifecycle.models import Segmentation
from concord.lifecycle.services import reminders
from concord.notifications.models import Notification
from concord.privacy.export import organisation_export
from tests.world import World

SECRET_NOTE = "Single qualified film source"
SUPPLIER_SIDE = ("supplier_lead", "supplier_member")


def test_no_supplier_page_or_api_answer_mentions_the_buyers_assessments(
    world: World, client_for: Any
) -> None:
    p, org, item = world.partnership.pk, world.buyer.pk, world.diligence_item.pk
    urls = [
        f"/partnerships/{p}/",
        f"/partnerships/{p}/lifecycle/",
        f"/partnerships/{p}/history/",
        "/",
        "/home/",
        f"/api/v1/partnerships/{p}/lifecycle",
        f"/api/v1/partnerships/{p}/lifecycle/history",
        f"/api/v1/partnerships/{p}",
        f"/api/v1/partnerships/{p}/history",
    ]
    for persona in SUPPLIER_SIDE:
        client = client_for(persona)
        for url in urls:
            answer = client.get(url)
            assert answer.status_code == 200, url
            text = answer.content.decode()
            for secret in (SECRET_NOTE, "ISO 9001", "Kraljic", "strategic quadrant", "iso9001.pdf"):
                assert secret not in text, f"{persona} saw {secret!r} on {url}"
        hidden = [
            f"/api/v1/partnerships/{p}/segmentations",
            f"/api/v1/partnerships/{p}/segmentations/export?format=csv",
            f"/api/v1/organisations/{org}/diligence",
            f"/api/v1/organisations/{org}/diligence/suppliers",
            f"/api/v1/organisations/{org}/kraljic/portfolio",
            f"/api/v1/organisations/{org}/kraljic/weights",
            f"/api/v1/diligence/{item}",
            f"/api/v1/diligence/{item}/history",
            f"/api/v1/diligence/{item}/files",
            f"/partnerships/{p}/lifecycle/segmentations/export.csv",
            f"/organisations/{org}/due-diligence/",
            f"/organisations/{org}/kraljic/",
            f"/diligence/{item}/",
        ]
        for url in hidden:
            assert client.get(url).status_code == 404, f"{persona} reached {url}"


def test_the_supplier_sees_the_joint_lifecycle_the_same_as_the_buyer(world: World, client_for: Any) -> None:
    url = f"/api/v1/partnerships/{world.partnership.pk}/lifecycle"
    buyer, supplier = client_for("buyer_lead").get(url).json(), client_for("supplier_member").get(url).json()
    assert buyer == supplier
    assert supplier["exit_plan"]["triggers"] == "Change of control"


def test_the_suppliers_export_holds_none_of_it_and_the_buyers_all(world: World) -> None:
    def parts(org: Any, admin: str) -> dict[str, Any]:
        out = io.BytesIO()
        organisation_export(actor=world.user(admin), organisation=org, out=out)
        archive = zipfile.ZipFile(out)
        return {n: archive.read(n) for n in archive.namelist()}

    supplier = parts(world.supplier, "supplier_lead")
    assert json.loads(supplier["segmentations.json"]) == []
    assert json.loads(supplier["diligence_items.json"]) == []
    assert json.loads(supplier["diligence_files.json"]) == []
    assert all(SECRET_NOTE.encode() not in body for body in supplier.values())
    buyer = parts(world.buyer, "buyer_lead")
    assert len(json.loads(buyer["segmentations.json"])) == 1
    assert len(json.loads(buyer["diligence_items.json"])) == 1
    assert len(json.loads(buyer["exit_plans.json"])) == 1 == len(json.loads(supplier["exit_plans.json"]))


def test_reminders_go_to_the_buying_side_only_and_once(world: World) -> None:
    today = timezone.localdate()
    Segmentation.unscoped.filter(pk=world.segmentation.pk).update(
        assessed_on=today - datetime.timedelta(days=400)
    )
    made = reminders.remind(today)
    assert made >= 2
    assert reminders.remind(today) == 0  # idempotent
    notes = Notification.unscoped.filter(kind__in=["diligence_expiry", "segmentation_review"])
    assert {n.user_id for n in notes} == {world.user("buyer_lead").pk}
    kinds = {n.kind for n in notes}
    assert kinds == {"diligence_expiry", "segmentation_review"}
    expiring = notes.get(kind="diligence_expiry")
    assert (
        "ISO 9001" in expiring.text
        and expiring.url == f"/organisations/{world.buyer.pk}/due-diligence/{world.supplier.pk}/"
    )


def test_a_buyer_who_left_the_organisation_is_not_reminded(world: World) -> None:
    from concord.access.models import Membership

    lead = world.user("buyer_lead")
    Membership.unscoped.filter(user=lead, organisation=world.buyer).delete()
    reminders.remind(timezone.localdate())
    assert not Notification.unscoped.filter(user=lead, kind="diligence_expiry").exists()


def test_the_buyers_home_and_overview_flag_what_is_due_and_the_suppliers_do_not(
    world: World, client_for: Any
) -> None:
    Segmentation.unscoped.filter(pk=world.segmentation.pk).update(
        assessed_on=timezone.localdate() - datetime.timedelta(days=366)
    )
    home = client_for("buyer_lead").get("/home/").content.decode()
    checks = home.split('id="checks"')[1]
    assert "ISO 9001 certificate (quality)" in checks and "Kraljic re-segmentation review" in checks
    overview = client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/").content.decode()
    card = overview.split('data-card="lifecycle"')[1].split("</article>")[0]
    assert "Kraljic: Strategic" in card and "review due" in card and "1 expiring" in card
    for persona in SUPPLIER_SIDE:
        home = client_for(persona).get("/home/").content.decode()
        assert "ISO 9001" not in home and "Kraljic" not in home
        overview = client_for(persona).get(f"/partnerships/{world.partnership.pk}/").content.decode()
        card = overview.split('data-card="lifecycle"')[1].split("</article>")[0]
        assert "Stage 1 of 8" in card and "Exit plan incomplete" in card
        assert "Kraljic" not in card and "Due diligence" not in card and "buying side only" not in card
