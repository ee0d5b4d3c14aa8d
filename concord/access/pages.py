"""What a reader's cached pages depend on, and which of those a committed write changes
(core.pagecache has the mechanism and the reasoning; docs/benchmarks.md the figures).

A reader's pages show records of the partnerships of their organisations, their organisations
themselves and their own account, so their scope is one name per organisation (`org:<id>`), their
person (`person:<id>`) and `all`. A write in a partnership's chain (shared or one side's) changes
what the people of every party may see: it bumps every party's organisation. A write in an
organisation's chain (memberships, invitations, settings) bumps that organisation; a person's
chain (account, tokens, preferences) that person; anything else `all`.

Left to the cache's short life (core.pagecache.TTL) on purpose: another organisation's or
person's own profile (a renamed partner, a colleague's new name) shown on a reader's pages; bumping
every partner of an organisation on such a write would touch thousands of names for a large buyer.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.db import transaction
from django.http import HttpRequest

from concord.access import members
from concord.core import pagecache

ALL = "all"


def scope(request: HttpRequest) -> pagecache.Scope:
    user: Any = request.user
    roles = members.memberships(user)
    names = [ALL, f"person:{user.pk}", *(f"org:{org}" for org in sorted(roles))]
    facts = [
        repr(sorted(roles.items())),
        str(getattr(user, "time_zone", "")),
        str(getattr(user, "locale", "")),
    ]
    return pagecache.Scope(names=names, facts=facts)


def changed(chains: Iterable[str]) -> set[str]:
    """The names whose pages a committed write in `chains` retires (one query for partnerships)."""
    names: set[str] = set()
    partnerships: set[int] = set()
    for key in chains:
        kind, _, rest = key.partition(":")
        ident = rest.partition(":")[0]
        if kind == "partnership" and ident.isdigit():
            partnerships.add(int(ident))
        elif kind == "organisation" and ident.isdigit():
            names.add(f"org:{ident}")
        elif kind == "person" and ident.isdigit():
            names.add(f"person:{ident}")
        else:
            names.add(ALL)
    if partnerships:
        party = apps.get_model("access", "Party")
        rows = party.unscoped.filter(partnership_id__in=partnerships)
        names.update(f"org:{org}" for org in rows.values_list("organisation_id", flat=True))
    return names


def announce(chains: Iterable[str]) -> None:
    """Called after a write commits: retire the pages it may have changed."""
    if pagecache.enabled():
        pagecache.bump(changed(chains))


def person_changed(user_ids: Iterable[int]) -> None:
    """Something only these people see changed without an audit event (their notifications): their
    pages are retired once it is committed (before, a reader could store the old state anew)."""
    if pagecache.enabled():
        names = [f"person:{uid}" for uid in user_ids]
        transaction.on_commit(lambda: pagecache.bump(names), robust=True)


per_reader = pagecache.per_reader(scope)
per_reader_api = pagecache.per_reader_api(scope)


def kept[T](request: HttpRequest, name: str, compute: Callable[[], T]) -> T:
    """A value every page shows the reader, kept under their scope (pagecache.kept)."""
    return pagecache.kept(request, scope(request), name, compute)
