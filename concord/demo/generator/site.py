"""One generated partnership while it is being built: its parties, people, random and share."""

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from concord.access.roles import Visibility


@dataclass
class Buyer:
    """The one buying organisation and its two people (made once per run)."""

    organisation: Any
    lead: Any
    viewer: Any


@dataclass
class Site:
    """Partnership `index` (1-based, in pk order) and what the steps have made of it so far.
    `rng` is seeded by the run's seed and the index alone, so a partnership comes out the same
    whatever the chunk it is built in. `counts` says how many records of each kind it holds;
    `first_goal` is the portfolio-wide number of its first goal (measurements spread over goals)."""

    index: int
    rng: random.Random
    today: datetime.date
    buyer: Buyer
    counts: dict[str, int]
    first_goal: int
    password_hash: str
    supplier: Any = None
    supplier_lead: Any = None
    supplier_member: Any = None
    partnership: Any = None
    meetings: list[Any] = field(default_factory=list)

    def days(self, n: int) -> datetime.date:
        """`n` days from the run's today (negative: ago)."""
        return self.today + datetime.timedelta(days=n)

    def owner(self, j: int) -> tuple[Any, Any, str]:
        """Who owns record `j` of a kind, and its visibility: three in five are shared, owned by
        each side in turn; one in five is internal to the buyer and one to the supplier, so every
        list holds both sides' records and both sides' private ones."""
        slot = j % 5
        if slot == 3:
            return self.buyer.organisation, self.buyer.lead, Visibility.INTERNAL
        if slot == 4:
            return self.supplier, self.supplier_person(j), Visibility.INTERNAL
        if j % 2 == 0:
            return self.buyer.organisation, self.buyer.lead, Visibility.SHARED
        return self.supplier, self.supplier_person(j), Visibility.SHARED

    def record(self, owner: Any, person: Any, visibility: str) -> dict[str, Any]:
        """The fields every partnership record of this partnership starts with."""
        return dict(partnership=self.partnership, owner=owner, visibility=visibility, created_by=person)

    def supplier_person(self, j: int) -> Any:
        return self.supplier_lead if j % 3 else self.supplier_member

    def person_of(self, organisation: Any, j: int) -> Any:
        return self.buyer.lead if organisation is self.buyer.organisation else self.supplier_person(j)

    def other(self, organisation: Any) -> tuple[Any, Any]:
        """The other side's organisation and its partnership manager."""
        if organisation is self.buyer.organisation:
            return self.supplier, self.supplier_lead
        return self.buyer.organisation, self.buyer.lead
