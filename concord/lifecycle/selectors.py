"""Reads of the lifecycle app, always starting from access scoping."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from concord.access.models import Party
from concord.access.policy import Found, contributes_for, get_for
from concord.access.roles import Action, Side
from concord.access.sides import buyer_org, reads_as_buyer
from concord.accounts.models import User
from concord.core.errors import NotFound
from concord.lifecycle import expiry, kraljic
from concord.lifecycle.models import (
    DiligenceDocument,
    DiligenceItem,
    ExitPlan,
    KraljicWeights,
    Lifecycle,
    Segmentation,
    StageChange,
)
from concord.lifecycle.services.stages import facts
from concord.lifecycle.stages import Item, Stage, entry_checklist
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership


def may_contribute(*, actor: User, organisation: Organisation) -> bool:
    """Whether the person writes the organisation's own records (not a viewer)."""
    return contributes_for(actor, organisation.pk)


# ---- due diligence --------------------------------------------------------------------------------


OPEN_STATES = ["open", "received", "rejected"]


@dataclass(frozen=True)
class SupplierRow:
    supplier: Organisation
    items: int
    open: int
    expired: int
    expiring: int


def supplier_list(*, actor: User, owner: Organisation) -> QuerySet[Any]:
    """The organisation's suppliers (from its partnerships): (id, name) by name, to be paged."""
    bought = Party.objects.restrict(actor).filter(organisation=owner, side=Side.BUYER).values("partnership")
    return (
        Party.objects.restrict(actor)
        .filter(partnership__in=bought, side=Side.SUPPLIER)
        .values_list("organisation_id", "organisation__name")
        .distinct()
        .order_by("organisation__name", "organisation_id")
    )


def supplier_rows(
    *, actor: User, owner: Organisation, suppliers: Any, today: datetime.date
) -> list[SupplierRow]:
    """One page of suppliers with their due diligence in figures (one query for the figures)."""
    shown = list(suppliers)
    rows = DiligenceItem.objects.restrict(actor).filter(owner=owner, supplier_id__in=[i for i, _ in shown])
    figures = {
        r["supplier_id"]: r
        for r in rows.values("supplier_id").annotate(
            items=Count("id"),
            open=Count("id", filter=Q(status__in=OPEN_STATES)),
            expired=Count("id", filter=Q(expires_on__lt=today)),
            expiring=Count("id", filter=Q(expires_on__gte=today, expires_on__lte=expiry.horizon(today))),
        )
    }
    found = []
    for org_id, name in shown:
        f: Any = figures.get(org_id, {})
        found.append(
            SupplierRow(
                Organisation(pk=org_id, name=name),
                f.get("items", 0),
                f.get("open", 0),
                f.get("expired", 0),
                f.get("expiring", 0),
            )
        )
    return found


def supplier_get(*, actor: User, owner: Organisation, pk: int) -> Organisation:
    """A supplier of `owner` as its members see it (name only): NotFound for any other."""
    bought = Party.objects.restrict(actor).filter(organisation=owner, side=Side.BUYER).values("partnership")
    party = (
        Party.objects.restrict(actor)
        .filter(partnership__in=bought, side=Side.SUPPLIER, organisation_id=pk)
        .select_related("organisation")
        .first()
    )
    if party is None:
        raise NotFound()
    return party.organisation


def item_list(
    *, actor: User, owner: Organisation, supplier: Organisation | None = None
) -> QuerySet[DiligenceItem]:
    """The organisation's due-diligence items (of one supplier, or all), by supplier and title."""
    items = DiligenceItem.objects.restrict(actor).filter(owner=owner)
    if supplier is not None:
        items = items.filter(supplier=supplier)
    return (
        items.select_related("supplier", "created_by")
        .annotate(files=Count("documents"))
        .order_by("supplier__name", "title", "pk")
    )


def item_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[DiligenceItem]:
    return get_for(actor, DiligenceItem.objects.all().select_related("owner", "supplier"), action, pk=pk)


def document_list(*, actor: User, item: DiligenceItem) -> QuerySet[DiligenceDocument]:
    return (
        DiligenceDocument.objects.restrict(actor)
        .filter(item=item)
        .select_related("uploaded_by")
        .order_by("-created_at", "-pk")
    )


def document_get(*, actor: User, pk: int) -> Found[DiligenceDocument]:
    return get_for(actor, DiligenceDocument.objects.all().select_related("item"), Action.VIEW, pk=pk)


def document_bytes(*, actor: User, document: DiligenceDocument) -> bytes:
    from concord.lifecycle.models import DocumentContent

    content = DocumentContent.objects.restrict(actor).filter(document=document).first()
    if content is None:
        raise NotFound()
    return bytes(content.data)


def attention_items(*, actor: User, today: datetime.date) -> QuerySet[DiligenceItem]:
    """Items of the person's organisations expired or expiring within the reminder window, the
    soonest first (the home page; the supplier never reads them: rule Member)."""
    return (
        DiligenceItem.objects.restrict(actor)
        .filter(expires_on__isnull=False, expires_on__lte=expiry.horizon(today))
        .exclude(status="not_applicable")
        .select_related("supplier")
        .order_by("expires_on", "pk")
    )


def partnership_diligence(
    *, actor: User, partnership: Partnership, today: datetime.date
) -> list[DiligenceItem]:
    """For the buying side of a partnership: its due diligence on the partnership's suppliers that
    is expired or expiring. Nothing for anyone else (not a query)."""
    if not reads_as_buyer(actor, partnership):
        return []
    owner = buyer_org(actor, partnership)
    supplier_ids = [p.organisation_id for p in partnership.parties.all() if p.side == Side.SUPPLIER]
    return list(
        attention_items(actor=actor, today=today).filter(owner_id=owner, supplier_id__in=supplier_ids)[:20]
    )


# ---- segmentation ---------------------------------------------------------------------------------


def weights_get(*, actor: User, organisation: Organisation) -> tuple[dict[str, int], int]:
    """The organisation's factor weights and their version (1: the defaults, never changed)."""
    found = KraljicWeights.objects.restrict(actor).filter(organisation=organisation).first()
    if found is None:
        return dict(kraljic.DEFAULT_WEIGHTS), 1
    return found.as_dict(), found.version


def segmentation_list(*, actor: User, partnership: Partnership) -> QuerySet[Segmentation]:
    """The buying side's assessments of a partnership, newest first (its history). The supplier
    side reads none (the records are internal)."""
    return (
        Segmentation.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("created_by", "owner")
        .order_by("-assessed_on", "-pk")
    )


def segmentation_get(*, actor: User, pk: int) -> Found[Segmentation]:
    return get_for(
        actor, Segmentation.objects.all().select_related("partnership", "owner"), Action.VIEW, pk=pk
    )


def portfolio(*, actor: User, owner: Organisation) -> QuerySet[Segmentation]:
    """The latest assessment of each partnership of the organisation (one query): the scatter."""
    newest = (
        Segmentation.objects.restrict(actor)
        .filter(owner=owner, partnership=OuterRef("partnership"))
        .order_by("-assessed_on", "-pk")
        .values("pk")[:1]
    )
    return (
        Segmentation.objects.restrict(actor)
        .filter(owner=owner, pk=Subquery(newest))
        .select_related("partnership")
        .order_by("partnership__name", "pk")
    )


def reviews_due(*, actor: User, today: datetime.date) -> list[tuple[Partnership, datetime.date]]:
    """(partnership, the day its review fell due) for every review due (reviews_due_query)."""
    return [
        (Partnership(pk=r["partnership_id"], name=r["partnership__name"]), expiry.review_due_on(r["last"]))
        for r in reviews_due_query(actor=actor, today=today)
    ]


# ---- the life cycle -------------------------------------------------------------------------------


@dataclass
class LifecycleView:
    stage: Stage
    entered_on: datetime.date | None
    version: int
    next_stage: Stage | None
    next_items: list[Item]
    checklists: list[tuple[Stage, list[Item]]] = field(default_factory=list)
    exit_plan: ExitPlan | None = None


def lifecycle_view(*, actor: User, partnership: Partnership) -> LifecycleView:
    """Where the partnership is, what entering each stage asks for (computed from joint data), and
    its exit plan."""
    found = Lifecycle.objects.restrict(actor).filter(partnership=partnership).first()
    stage = Stage(found.stage) if found else Stage.OPERATIONAL_AWARENESS
    known = facts(partnership)
    following = Stage(stage + 1) if stage < Stage.EXIT_STRATEGY_ACTIVATION else None
    return LifecycleView(
        stage=stage,
        entered_on=found.entered_on if found else None,
        version=found.version if found else 1,
        next_stage=following,
        next_items=entry_checklist(following, known) if following else [],
        checklists=[(s, entry_checklist(s, known)) for s in Stage],
        exit_plan=ExitPlan.objects.restrict(actor).filter(partnership=partnership).first(),
    )


def stage_history(*, actor: User, partnership: Partnership) -> QuerySet[StageChange]:
    return (
        StageChange.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("changed_by")
        .order_by("-created_at", "-pk")
    )


def exit_plan_get(*, actor: User, partnership: Partnership) -> ExitPlan | None:
    return ExitPlan.objects.restrict(actor).filter(partnership=partnership).first()


# ---- the overview's card and the home page --------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """The Lifecycle card of the partnership overview: the joint stage and exit plan for both
    sides; the segmentation and due-diligence flags for the buying side only (None otherwise)."""

    stage: Stage
    exit_plan: str  # "complete", "incomplete" or "missing"
    buyer_view: bool
    quadrant: str | None = None
    review_due: datetime.date | None = None
    expired: int = 0
    expiring: int = 0

    review_late: bool = False


def card(*, actor: User, partnership: Partnership, today: datetime.date) -> Card:
    """A fixed number of queries: two for everyone, two more for the buying side."""
    found = Lifecycle.objects.restrict(actor).filter(partnership=partnership).first()
    plan = exit_plan_get(actor=actor, partnership=partnership)
    stage = Stage(found.stage) if found else Stage.OPERATIONAL_AWARENESS
    state = "missing" if plan is None else "complete" if plan.complete else "incomplete"
    if not reads_as_buyer(actor, partnership):
        return Card(stage, state, False)
    latest = segmentation_list(actor=actor, partnership=partnership).first()
    owner = buyer_org(actor, partnership)
    supplier_ids = [p.organisation_id for p in partnership.parties.all() if p.side == Side.SUPPLIER]
    flags = (
        DiligenceItem.objects.restrict(actor)
        .filter(owner_id=owner, supplier_id__in=supplier_ids)
        .exclude(status="not_applicable")
        .aggregate(
            expired=Count("id", filter=Q(expires_on__lt=today)),
            expiring=Count("id", filter=Q(expires_on__gte=today, expires_on__lte=expiry.horizon(today))),
        )
    )
    due = expiry.review_due_on(latest.assessed_on) if latest else None
    return Card(
        stage,
        state,
        True,
        latest.get_quadrant_display() if latest else None,
        due,
        flags["expired"],
        flags["expiring"],
        due is not None and due <= today,
    )


def reviews_due_query(*, actor: User, today: datetime.date) -> QuerySet[Any]:
    """Partnerships whose latest segmentation the person reads is a year old or more, the longest
    overdue first: rows of partnership_id, partnership__name, last (filtered in the database)."""
    return (
        Segmentation.objects.restrict(actor)
        .values("partnership_id", "partnership__name")
        .annotate(last=Max("assessed_on"))
        .filter(last__lte=expiry.review_cutoff(today))
        .order_by("last", "partnership_id")
    )
