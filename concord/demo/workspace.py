"""The demo workspace: a biotech manufacturer and three suppliers at different stages.

Built only through services, so it obeys every rule a real user meets (invitations, roles,
visibility, audit). Later capabilities extend `build` with their own demo records.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from concord.access.roles import Role, Visibility
from concord.accounts.models import User
from concord.accounts.services import user_register
from concord.demo import agreements as agreements_demo
from concord.demo import commitments as commitments_demo
from concord.demo import goals as goals_demo
from concord.demo import governance as governance_demo
from concord.demo import health as health_demo
from concord.demo import insight as insight_demo
from concord.demo import lifecycle as lifecycle_demo
from concord.demo import meetings as meetings_demo
from concord.demo import reviews as reviews_demo
from concord.demo import risks as risks_demo
from concord.demo import selection as selection_demo
from concord.demo import vision as vision_demo
from concord.invitations import services as invitations
from concord.lifecycle.services import reminders as lifecycle_reminders
from concord.notifications.services import remind
from concord.organisations.models import Invitation, Organisation, OrganisationKind
from concord.organisations.services import organisation_create
from concord.partnerships import services as partnerships
from concord.partnerships.models import Partnership, PartnershipStatus, RelationshipType

PASSWORD = "concord-demo-2026"
BUYER = "Helix Biologics"


@dataclass(frozen=True)
class Login:
    side: str
    email: str
    name: str
    role: str


LOGINS = [
    Login("buyer", "clara@helix.example", "Clara Jensen", "admin · category manager (buyer lead)"),
    Login("buyer", "viktor@helix.example", "Viktor Almeida", "viewer (buyer viewer)"),
    Login(
        "supplier",
        "sam@aurora.example",
        "Sam Okafor",
        "admin · key account manager (supplier lead)",
    ),
    Login("supplier", "mia@aurora.example", "Mia Lindqvist", "member (supplier member)"),
    Login("supplier", "nils@nordkyl.example", "Nils Berg", "admin of a second supplier"),
]


def exists() -> bool:
    return Organisation.unscoped.filter(name=BUYER).exists()


def _person(email: str) -> User:
    login = next(item for item in LOGINS if item.email == email)
    found = User.objects.filter(email=email).first()
    return found or user_register(email=email, full_name=login.name, password=PASSWORD)


def _join(actor: User, org: Organisation, person: User, role: str) -> None:
    invitation = invitations.invite_member(actor=actor, organisation=org, email=person.email, role=role)
    invitations.invitation_accept(actor=person, invitation=invitation)


def _partner(
    clara: User, helix: Organisation, *, name: str, supplier: str, kam: User | None, **fields: Any
) -> tuple[Partnership, Invitation]:
    partnership = partnerships.partnership_create(actor=clara, buyer=helix, name=name, **fields)
    email = kam.email if kam else "orders@labsource.example"
    invitation = invitations.invite_partner(
        actor=clara, partnership=partnership, email=email, supplier_name=supplier
    )
    if kam is not None:
        invitations.invitation_accept(actor=kam, invitation=invitation)
    return partnership, invitation


@override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}})
def build() -> None:
    """Create the demo workspace. Call only when `exists()` is false."""
    with transaction.atomic():
        clara, viktor, sam, mia, nils = (_person(login.email) for login in LOGINS)
        helix = organisation_create(
            actor=clara,
            name=BUYER,
            kind=OrganisationKind.BUYER,
            country="DE",
            vat_number="DE811234567",
            duns="313456789",
        )
        _join(clara, helix, viktor, Role.VIEWER)
        bioprocess, _ = _partner(
            clara,
            helix,
            name="Single-use bioprocessing",
            supplier="Aurora Bioprocess",
            kam=sam,
            category="Single-use bioreactor bags and filtration",
            relationship_type=RelationshipType.STRATEGIC,
            start_date=datetime.date(2024, 3, 1),
            relationship_rationale="Sole validated source for our 2,000 L bags; high supply risk "
            "and high profit impact.",
        )
        aurora = Organisation.unscoped.get(name="Aurora Bioprocess")
        _join(sam, aurora, mia, Role.MEMBER)
        partnerships.partnership_update(
            actor=clara, partnership=bioprocess, version=None, status=PartnershipStatus.ACTIVE
        )
        cold_chain, _ = _partner(
            clara,
            helix,
            name="Cold-chain logistics",
            supplier="Nordkyl Cold Chain",
            kam=nils,
            category="GDP-compliant 2–8 °C distribution",
            relationship_type=RelationshipType.TACTICAL,
            start_date=datetime.date(2026, 9, 1),
        )
        lab, _ = _partner(
            clara,
            helix,
            name="Lab consumables",
            supplier="LabSource Consumables",
            kam=None,
            category="Pipette tips, tubes, gloves",
            relationship_type=RelationshipType.TRANSACTIONAL,
        )
        _notes(bioprocess, clara, sam)
        vision_demo.build(clara=clara, sam=sam, bioprocess=bioprocess, cold_chain=cold_chain)
        vision_demo.agree_vision(clara=clara, sam=sam, partnership=bioprocess)
        agreements_demo.build(clara=clara, sam=sam, partnership=bioprocess)
        goals_demo.build(clara=clara, sam=sam, partnership=bioprocess)
        commitments_demo.build(clara=clara, sam=sam, partnership=bioprocess)
        commitments_demo.cold_chain(clara=clara, partnership=cold_chain)
        health_demo.last_month(partnerships=[bioprocess, cold_chain, lab])
        meetings_demo.build(clara=clara, sam=sam, viktor=viktor, mia=mia, partnership=bioprocess)
        risks_demo.build(clara=clara, sam=sam, mia=mia, partnership=bioprocess)
        governance_demo.build(clara=clara, sam=sam, viktor=viktor, mia=mia, partnership=bioprocess)
        lifecycle_demo.build(
            clara=clara,
            sam=sam,
            helix=helix,
            aurora=aurora,
            nordkyl=Organisation.unscoped.get(name="Nordkyl Cold Chain"),
            bioprocess=bioprocess,
            cold_chain=cold_chain,
            lab=lab,
        )
        insight_demo.build(clara=clara, sam=sam, partnership=bioprocess, aurora=aurora)
        selection_demo.build(clara=clara, helix=helix)
        health_demo.build(clara=clara, helix=helix, partnerships=[bioprocess, cold_chain, lab])
        reviews_demo.build(clara=clara, viktor=viktor, sam=sam, mia=mia, partnership=bioprocess)
        remind(timezone.localdate())  # today's reminders, as the daily job would create them
        lifecycle_reminders.remind(timezone.localdate())


def _notes(partnership: Partnership, clara: User, sam: User) -> None:
    partnerships.note_create(
        actor=clara,
        partnership=partnership,
        title="Kick-off agreed",
        body="We agreed to run **monthly check-ins** and a quarterly business review.",
        visibility=Visibility.SHARED,
    )
    partnerships.note_create(
        actor=clara,
        partnership=partnership,
        title="Negotiation stance",
        body="Our walk-away price for 2027 volumes is 4 % below list. Do not share.",
        visibility=Visibility.INTERNAL,
    )
    partnerships.note_create(
        actor=sam,
        partnership=partnership,
        title="Capacity",
        body="Our second bag-film line in Göttingen starts in Q2; lead times should drop to 6 weeks.",
        visibility=Visibility.SHARED,
    )
    partnerships.note_create(
        actor=sam,
        partnership=partnership,
        title="Account plan",
        body="Helix could move its filtration spend to us next year; raise it at the QBR.",
        visibility=Visibility.INTERNAL,
    )
