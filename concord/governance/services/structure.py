"""The joint structure of a partnership's governance: the escalation path, the key personnel
directory, the RACI matrix and the committees with their decision rights.

All of it is joint (access rule Joint): contributors of either party shape it. Each side names
only its own people in the directory (the partner's staff list is not browsable); the RACI and
the committees choose among the directory's people, so they span both sides.
"""

from decimal import Decimal

from django.db import transaction

from concord.access.members import belongs_to
from concord.access.policy import require, require_contributor_in, writer_org
from concord.access.roles import Action
from concord.accounts.models import User
from concord.audit.models import AuditAction
from concord.audit.services import record, tracked_create, tracked_delete, tracked_update
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.governance.escalation import DEFAULT_LEVELS
from concord.governance.models import (
    Activity,
    Assignment,
    Committee,
    DecisionRight,
    EscalationLevel,
    GovernanceDecision,
    KeyPerson,
)
from concord.governance.raci import DEFAULT_ACTIVITIES
from concord.governance.services import audit_links
from concord.partnerships.models import Partnership

OWN_PEOPLE = "Choose a person of your own organisation: each side names its own people."
ALREADY_LISTED = "This person is already in the directory."
LEVEL = "Choose a level of this partnership's escalation path."
KEY_PERSON = "Choose a person from this partnership's directory."


def ensure_levels(*, actor: User | None, partnership: Partnership) -> list[EscalationLevel]:
    """The partnership's escalation path, started with the default levels the first time it is
    needed (an issue cannot be raised onto no path)."""
    levels = list(EscalationLevel.unscoped.filter(partnership=partnership).order_by("rank", "pk"))
    if levels:
        return levels
    for rank, (name, days) in enumerate(DEFAULT_LEVELS, start=1):
        level = EscalationLevel(partnership=partnership, rank=rank, name=name, response_days=days)
        levels.append(tracked_create(actor=actor, instance=level))
    return levels


def defaults_start(*, actor: User, partnership: Partnership) -> int:
    """Start the governance of a partnership with the default escalation path and the default
    activities of a strategic partnership (only what is missing); returns how many were made."""
    require(actor, Action.CONTRIBUTE, partnership)
    made = 0
    if not EscalationLevel.unscoped.filter(partnership=partnership).exists():
        made += len(ensure_levels(actor=actor, partnership=partnership))
    if not Activity.unscoped.filter(partnership=partnership).exists():
        for position, title in enumerate(DEFAULT_ACTIVITIES, start=1):
            tracked_create(
                actor=actor, instance=Activity(partnership=partnership, title=title, position=position)
            )
            made += 1
    return made


def level_update(
    *, actor: User, level: EscalationLevel, version: int, name: str, response_days: int
) -> EscalationLevel:
    require(actor, Action.CHANGE, level)
    return tracked_update(
        actor=actor,
        instance=level,
        version=version,
        changes={"name": name, "response_days": response_days},
    )


def _level_of(partnership: Partnership, level_id: int | None) -> EscalationLevel | None:
    if level_id is None:
        return None
    level = EscalationLevel.unscoped.filter(partnership=partnership, pk=level_id).first()
    if level is None:
        raise ValidationFailed.single("level", LEVEL)
    return level


def key_person_add(
    *, actor: User, partnership: Partnership, person: int, role_title: str, level: int | None = None
) -> KeyPerson:
    """Name one of the actor's own colleagues in the directory."""
    organisation_id = writer_org(actor, partnership)
    if not belongs_to(person, organisation_id):
        raise ValidationFailed.single("person", OWN_PEOPLE)
    if KeyPerson.unscoped.filter(partnership=partnership, person_id=person).exists():
        raise ValidationFailed.single("person", ALREADY_LISTED)
    entry = KeyPerson(
        partnership=partnership,
        organisation_id=organisation_id,
        person_id=person,
        role_title=role_title,
        level=_level_of(partnership, level),
    )
    return tracked_create(actor=actor, instance=entry)


def activity_add(*, actor: User, partnership: Partnership, title: str) -> Activity:
    require(actor, Action.CONTRIBUTE, partnership)
    last = Activity.unscoped.filter(partnership=partnership).order_by("-position").first()
    position = (last.position + 1) if last else 1
    return tracked_create(
        actor=actor, instance=Activity(partnership=partnership, title=title, position=position)
    )


def assignment_set(*, actor: User, activity: Activity, key_person: int, role: str) -> Assignment | None:
    """Set a person's letter in an activity's row (an empty role clears the cell). The matrix is
    saved even when it breaks a rule: raci.py shows what is wrong on the page."""
    require(actor, Action.CHANGE, activity)
    entry = KeyPerson.unscoped.filter(partnership_id=activity.partnership_id, pk=key_person).first()
    if entry is None:
        raise ValidationFailed.single("key_person", KEY_PERSON)
    current = Assignment.unscoped.filter(activity=activity, key_person=entry).first()
    if not role:
        if current is not None:
            tracked_delete(actor=actor, instance=current)
        return None
    if current is None:
        return tracked_create(
            actor=actor, instance=Assignment(activity=activity, key_person=entry, role=role)
        )
    return tracked_update(actor=actor, instance=current, version=None, changes={"role": role})


def _members(partnership: Partnership, member_ids: list[int]) -> list[KeyPerson]:
    wanted = set(member_ids)
    found = list(KeyPerson.unscoped.filter(partnership=partnership, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationFailed.single("members", KEY_PERSON)
    return found


def committee_create(
    *,
    actor: User,
    partnership: Partnership,
    name: str,
    purpose: str = "",
    cadence_days: int = 91,
    members: list[int] | None = None,
) -> Committee:
    """A joint committee; its members come from the directory (both sides)."""
    require(actor, Action.CONTRIBUTE, partnership)
    people = _members(partnership, members or [])
    with transaction.atomic():
        committee = tracked_create(
            actor=actor,
            instance=Committee(
                partnership=partnership, name=name, purpose=purpose, cadence_days=cadence_days
            ),
        )
        committee.members.set(people)
        audit_links(actor=actor, instance=committee, members=people)
    return committee


def right_add(
    *, actor: User, committee: Committee, scope: str, value_limit: Decimal | None = None
) -> DecisionRight:
    require(actor, Action.CHANGE, committee)
    return tracked_create(
        actor=actor, instance=DecisionRight(committee=committee, scope=scope, value_limit=value_limit)
    )


# ---- corrections: the structure changes as the partnership does -------------------------------------

IN_THE_LOG = "Decisions in the log were taken under it: it stays (the log is append-only)."


def key_person_update(
    *,
    actor: User,
    key_person: KeyPerson,
    version: int,
    role_title: str | Unset = UNSET,
    level: int | Unset | None = UNSET,
) -> KeyPerson:
    """Change a directory entry's role or level: each side keeps its own people's entries."""
    require(actor, Action.CHANGE, key_person)
    require_contributor_in(actor, key_person.partnership, key_person.organisation_id)
    changes = given(role_title=role_title)
    if not isinstance(level, Unset):
        changes["level"] = _level_of(key_person.partnership, level)
    return tracked_update(actor=actor, instance=key_person, version=version, changes=changes)


def key_person_delete(*, actor: User, key_person: KeyPerson, version: int) -> None:
    """Take a person out of the directory: their RACI letters and committee seats go with them
    (audited as the entry's deletion; the RACI page then shows any row left without an A or R).
    Each side takes out only its own people."""
    require(actor, Action.CHANGE, key_person)
    require_contributor_in(actor, key_person.partnership, key_person.organisation_id)
    tracked_delete(actor=actor, instance=key_person, version=version)


def committee_update(
    *,
    actor: User,
    committee: Committee,
    version: int,
    name: str | Unset = UNSET,
    purpose: str | Unset = UNSET,
    cadence_days: int | Unset = UNSET,
    members: list[int] | Unset = UNSET,
) -> Committee:
    """Change a committee; new members come from the directory, and the change of members is
    audited with the committee's own fields."""
    require(actor, Action.CHANGE, committee)
    changes = given(name=name, purpose=purpose, cadence_days=cadence_days)
    with transaction.atomic():
        updated = tracked_update(actor=actor, instance=committee, version=version, changes=changes)
        if not isinstance(members, Unset):
            people = _members(committee.partnership, members)
            before = sorted(committee.members.values_list("pk", flat=True))
            after = sorted(p.pk for p in people)
            if before != after:
                committee.members.set(people)
                record(
                    actor=actor,
                    action=AuditAction.UPDATE,
                    instance=updated,
                    changes={"members": [before, after]},
                )
    return updated


def committee_delete(*, actor: User, committee: Committee, version: int) -> None:
    """Dissolve a committee that has not decided anything in the log (its decisions keep it)."""
    require(actor, Action.CHANGE, committee)
    if GovernanceDecision.unscoped.filter(committee=committee).exists():
        raise InvalidState(IN_THE_LOG)
    tracked_delete(actor=actor, instance=committee, version=version)


def right_update(
    *,
    actor: User,
    right: DecisionRight,
    version: int,
    scope: str | Unset = UNSET,
    value_limit: Decimal | Unset | None = UNSET,
) -> DecisionRight:
    """Change what a committee may decide; decisions already taken keep the right they cite (the
    log shows the right as it is now, its history as it was)."""
    require(actor, Action.CHANGE, right)
    changes = given(scope=scope, value_limit=value_limit)
    return tracked_update(actor=actor, instance=right, version=version, changes=changes)


def right_delete(*, actor: User, right: DecisionRight, version: int) -> None:
    require(actor, Action.CHANGE, right)
    if GovernanceDecision.unscoped.filter(right=right).exists():
        raise InvalidState(IN_THE_LOG)
    tracked_delete(actor=actor, instance=right, version=version)
