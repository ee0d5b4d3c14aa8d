"""The generator's lifecycle step: every generated partnership has its stage, the buyer's
assessments and due diligence, written with the audit events the services would write, valid by
the models' rules, and nothing of the buyer's reaches the supplier."""

from typing import Any

from django.test import Client

from concord.accounts.models import User
from concord.audit import chain
from concord.audit.models import AuditEvent
from concord.lifecycle.models import DiligenceItem, ExitPlan, Lifecycle, Segmentation, StageChange
from tests.demo.test_generate import generate, partnerships
from tests.world import World


def test_each_partnership_has_its_lifecycle_and_the_buyers_assessments(world: World) -> None:
    generate()
    made = partnerships()
    assert Lifecycle.unscoped.filter(partnership__in=made).count() == len(made)
    assert Segmentation.unscoped.filter(partnership__in=made).count() == 2 * len(made)
    buyer = User.objects.get(email="buyer.lead@generated.example")
    items = DiligenceItem.unscoped.filter(created_by=buyer)
    assert items.count() == 7 * len(made)
    rows: list[Any] = [
        *Lifecycle.unscoped.filter(partnership__in=made),
        *Segmentation.unscoped.filter(partnership__in=made),
        *StageChange.unscoped.filter(partnership__in=made),
        *ExitPlan.unscoped.filter(partnership__in=made),
        *items[:7],
    ]
    for row in rows:
        row.full_clean()
        event = AuditEvent.unscoped.get(content_type__model=row._meta.model_name, object_id=row.pk)
        assert event.chain == chain.chain_of(row)


def test_the_supplier_reads_the_stage_and_none_of_the_buyers_assessments(world: World) -> None:
    generate()
    first = partnerships()[0]
    supplier = User.objects.get(email="supplier1.lead@generated.example")
    assert Segmentation.objects.restrict(supplier).filter(partnership=first).count() == 0
    assert DiligenceItem.objects.restrict(supplier).count() == 0
    assert Lifecycle.objects.restrict(supplier).filter(partnership=first).count() == 1
    client = Client()
    client.force_login(supplier)
    page = client.get(f"/partnerships/{first.pk}/lifecycle/")
    assert page.status_code == 200 and "Kraljic" not in page.content.decode()
