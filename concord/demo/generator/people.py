"""Organisations, people, memberships, partnerships and parties, as the services make them.

organisation_create makes its creator the first admin; an accepted partner invitation makes the
supplier organisation (its accepting person its admin), adds it as a party with that person as
its partnership manager; user_register records a person's creation in their own chain with the
address alone. The password is hashed once and the hash shared: PBKDF2 for each of 20,000
people would take hours."""

from typing import Any

from concord.access.models import Membership, Party
from concord.access.roles import Role, Side
from concord.accounts.models import User
from concord.demo.generator import words
from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.site import Buyer, Site
from concord.organisations.models import Organisation, OrganisationKind
from concord.partnerships.models import Partnership, PartnershipStatus, RelationshipType

DOMAIN = "generated.example"
BUYER_NAME = "Generated Buying Organisation"
BUYER_LEAD = f"buyer.lead@{DOMAIN}"
BUYER_VIEWER = f"buyer.viewer@{DOMAIN}"
MODELS: list[type[Any]] = [Organisation, User, Membership, Partnership, Party]
STATUSES = [PartnershipStatus.ACTIVE] * 14 + [
    PartnershipStatus.ONBOARDING,
    PartnershipStatus.UNDER_REVIEW,
    PartnershipStatus.UNDER_REVIEW,
    PartnershipStatus.EXITING,
]


def supplier_email(index: int, role: str) -> str:
    return f"supplier{index}.{role}@{DOMAIN}"


def _person(batch: Batch, email: str, name: str, password_hash: str) -> User:
    user = User(email=email, full_name=name, password=password_hash)
    return batch.add(user, actor=user, changes={"email": [None, email]})  # as user_register


def _organisation(batch: Batch, creator: User, **fields: Any) -> Organisation:
    org = batch.add(Organisation(**fields), actor=creator)
    batch.add(Membership(organisation=org, user=creator, role=Role.ADMIN), actor=creator)
    return org


def buyer(batch: Batch, password_hash: str) -> Buyer:
    """The buying organisation: its lead (admin, manager of every partnership) and a viewer."""
    lead = _person(batch, BUYER_LEAD, "Bea Buyer", password_hash)
    viewer = _person(batch, BUYER_VIEWER, "Vic Viewer", password_hash)
    org = _organisation(batch, lead, name=BUYER_NAME, kind=OrganisationKind.BUYER, country="DE")
    batch.add(Membership(organisation=org, user=viewer, role=Role.VIEWER), actor=viewer)
    return Buyer(organisation=org, lead=lead, viewer=viewer)


def _name(site: Site) -> str:
    return f"{site.rng.choice(words.PEOPLE)} {site.rng.choice(words.SURNAMES)}"


def partnership_step(site: Site, batch: Batch) -> None:
    """The supplier organisation with its lead (admin) and a member, the partnership, both parties."""
    rng, i = site.rng, site.index
    site.supplier_lead = _person(batch, supplier_email(i, "lead"), _name(site), site.password_hash)
    site.supplier_member = _person(batch, supplier_email(i, "member"), _name(site), site.password_hash)
    site.supplier = _organisation(
        batch,
        site.supplier_lead,
        name=f"{rng.choice(words.SUPPLIER_WORDS)} {rng.choice(words.SUPPLIER_KINDS)} {i:05d}",
        kind=OrganisationKind.SUPPLIER,
        country=rng.choice(words.COUNTRIES),
    )
    batch.add(
        Membership(organisation=site.supplier, user=site.supplier_member, role=Role.MEMBER),
        actor=site.supplier_member,
    )
    category = rng.choice(words.CATEGORIES)
    started = site.days(-rng.randint(120, 1500))
    site.partnership = batch.add(
        Partnership(
            name=f"Generated {i:05d} – {category}",
            category=category,
            relationship_type=rng.choice(list(RelationshipType)),
            status=rng.choice(STATUSES),
            start_date=started,
            description=f"Generated partnership {i} with {site.supplier.name}.",
            check_in_every_days=rng.choice([14, 14, 30]),
            created_at=moment(started),
            updated_at=moment(started),
        ),
        actor=site.buyer.lead,
    )
    parties = [
        (site.buyer.organisation, Side.BUYER, site.buyer.lead),
        (site.supplier, Side.SUPPLIER, site.supplier_lead),
    ]
    for org, side, manager in parties:
        batch.add(
            Party(partnership=site.partnership, organisation=org, side=side, manager=manager),
            actor=manager,
        )
