"""Scoped by default: a model's `objects` can only be read after it is narrowed to a person.

Every model of Concord that belongs to a partnership, an organisation or a person derives from
`Scoped` and declares its `access_rule` (see rules.py). It then has two managers:

- `Model.objects` — for entry points and selectors. `Model.objects.restrict(user, action)` narrows
  it to what `user` may do `action` on (NetBox's RestrictedQuerySet is the model); reading it in
  any way before that (iterating, `get`, `count`, `exists`, as a subquery, in a prefetch) raises
  `UnscopedQuery`, and it never writes. Forgetting the scope is an error, never a leak.
- `Model.unscoped` — for services, jobs and `access` only (a test keeps it out of views, API
  modules, template tags and tasks). It is also Django's default and base manager, so model
  validation, deletion and the audit trail work as usual.

The scope follows the objects: an object read through `restrict(user)` remembers `user`, and its
reverse relations and prefetches (`meeting.actions.all()`, `prefetch_related("items")`), objects
fetched with it (`select_related`) and its foreign keys read later carry the same scope, so a
template that walks from a visible meeting to its actions shows only the actions `user` may see.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models

from concord.access.roles import Action

if TYPE_CHECKING:
    from concord.access.rules import Rule

_SCOPE = "_concord_scope"  # the person an object was read for, set on each object read
_SYSTEM = object()  # a queryset of the unscoped manager: services, jobs, access


class UnscopedQuery(RuntimeError):
    """A scoped queryset was read (or written through) before it was narrowed to a person."""


def scope_of(obj: Any) -> Any:
    """The person `obj` was read for, or None when a service or job read it."""
    return getattr(obj, _SCOPE, None)


def _tag(obj: Any, user: Any, depth: int = 0) -> None:
    """Mark `obj` and the objects fetched with it (select_related) as read for `user`."""
    if not isinstance(obj, models.Model) or depth > 6:
        return
    setattr(obj, _SCOPE, user)
    for related in obj._state.fields_cache.values():
        _tag(related, user, depth + 1)


class ScopedQuerySet[M: models.Model](models.QuerySet[M]):
    """A queryset that knows for whom it reads: a person (after `restrict`), the system (the
    `unscoped` manager) or nobody yet (`objects` before `restrict`: unreadable)."""

    _for: Any = None  # the person, _SYSTEM, or None (not yet narrowed)
    _tag_with: Any = None  # a person whose scope objects read here inherit (foreign keys)
    _pending: Any = None  # the person whose scope is still to be added (restrict_when_read)

    def restrict(self, user: Any, action: Action = Action.VIEW) -> Self:
        """Only the rows `user` may do `action` on (one filter, built by the model's rule)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        rule: Rule = self.model.access_rule  # type: ignore[attr-defined]
        narrowed = self.filter(rule.q(user, action))
        narrowed._for = user
        return narrowed

    def restrict_when_read(self, user: Any) -> Self:
        """`restrict(user)` whose filter is built only when the query is first needed. Related
        managers start here: a prefetch makes one per object and fills it with rows already
        read, so most are never queried, and building the rule's filter (its subqueries) for
        each was most of a page's time. Whatever reads the rows reads `query` first (Django
        itself defers related-manager filters this way), and that adds the filter."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        self._pending = user
        self._for = user
        return self

    @property
    def query(self) -> Any:
        if self._pending is not None:
            user, self._pending = self._pending, None
            rule: Rule = self.model.access_rule  # type: ignore[attr-defined]
            self._filter_or_exclude_inplace(False, (rule.q(user, Action.VIEW),), {})  # type: ignore[attr-defined]
        return models.QuerySet.query.fget(self)  # type: ignore[attr-defined]

    @query.setter
    def query(self, value: Any) -> None:
        models.QuerySet.query.fset(self, value)  # type: ignore[attr-defined]

    def filter(self, *args: Any, **kwargs: Any) -> Self:
        return self._keeping_pending(super().filter, *args, **kwargs)

    def exclude(self, *args: Any, **kwargs: Any) -> Self:
        return self._keeping_pending(super().exclude, *args, **kwargs)

    def _keeping_pending(self, method: Any, *args: Any, **kwargs: Any) -> Self:
        """Run `method` (filter, exclude) without building a pending scope: Django reads the
        query's shape (sliced? combined?) there, which the scope does not change. The result
        carries the scope, still to be built."""
        pending = self._pending
        if pending is None:
            found: Self = method(*args, **kwargs)
            return found
        self._pending = None
        try:
            found = method(*args, **kwargs)
        finally:
            self._pending = pending
        found._pending = pending
        return found

    def none(self) -> Self:
        empty = super().none()
        empty._for = empty._for or _SYSTEM  # reading nothing reveals nothing
        return empty

    def _clone(self) -> Self:
        # A pending scope goes to the clone unbuilt (filters the clone adds meanwhile are ANDed
        # with it all the same); the original stays pending too.
        pending, self._pending = self._pending, None
        try:
            clone: Self = super()._clone()  # type: ignore[misc]
        finally:
            self._pending = pending
        clone._for, clone._tag_with, clone._pending = self._for, self._tag_with, pending
        return clone

    def _check_read(self) -> None:
        if self._for is None:
            raise UnscopedQuery(
                f"{self.model.__name__}.objects must be narrowed with .restrict(user) before it is "
                f"read; services and jobs use {self.model.__name__}.unscoped."
            )

    def _person(self) -> Any:
        return self._tag_with if self._for is _SYSTEM else self._for

    def _fetch_all(self) -> None:
        # Django's own _fetch_all, with the objects marked before their relations are prefetched,
        # so that the prefetches are read in the same scope.
        if self._result_cache is None:
            self._check_read()
            self._result_cache = list(self._iterable_class(self))  # type: ignore[call-overload]
            person = self._person()
            if person is not None:
                for obj in self._result_cache:
                    _tag(obj, person)
        if self._prefetch_related_lookups and not self._prefetch_done:  # type: ignore[attr-defined]
            self._prefetch_related_objects()  # type: ignore[attr-defined]

    def iterator(self, chunk_size: int | None = None) -> Iterator[M]:
        self._check_read()
        person = self._person()
        for obj in super().iterator(chunk_size):
            if person is not None:
                _tag(obj, person)
            yield obj

    def count(self) -> int:
        self._check_read()
        return super().count()

    def exists(self) -> bool:
        self._check_read()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._check_read()
        return super().aggregate(*args, **kwargs)

    def contains(self, obj: models.Model) -> bool:
        self._check_read()
        return super().contains(obj)

    def explain(self, *, format: Any = None, **options: Any) -> str:
        self._check_read()
        return super().explain(format=format, **options)

    def resolve_expression(self, *args: Any, **kwargs: Any) -> Any:
        self._check_read()  # used as a subquery inside another query
        return super().resolve_expression(*args, **kwargs)

    def _check_write(self) -> None:
        if self._for is not _SYSTEM:
            raise UnscopedQuery(
                f"Writes go through services, with {self.model.__name__}.unscoped; "
                f"{self.model.__name__}.objects only reads."
            )

    def update(self, **kwargs: Any) -> int:
        self._check_write()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._check_write()
        return super().delete()

    def create(self, **kwargs: Any) -> M:
        self._check_write()
        return super().create(**kwargs)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[M]:
        self._check_write()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        self._check_write()
        return super().bulk_update(objs, fields, *args, **kwargs)

    def get_or_create(self, defaults: Any = None, **kwargs: Any) -> tuple[M, bool]:
        self._check_write()
        return super().get_or_create(defaults, **kwargs)

    def update_or_create(
        self, defaults: Any = None, create_defaults: Any = None, **kwargs: Any
    ) -> tuple[M, bool]:
        self._check_write()
        return super().update_or_create(defaults, create_defaults, **kwargs)


class ScopedManager[M: models.Model](models.Manager[M]):
    """`Model.objects`: unreadable until `.restrict(user, action)`."""

    def get_queryset(self) -> ScopedQuerySet[M]:
        return ScopedQuerySet(model=self.model, using=self._db, hints=self._hints)  # type: ignore[attr-defined]

    def restrict(self, user: Any, action: Action = Action.VIEW) -> ScopedQuerySet[M]:
        return self.get_queryset().restrict(user, action)


class UnscopedManager[M: models.Model](models.Manager[M]):
    """`Model.unscoped`: every row, for services, jobs and access.

    Django also builds related managers from this class (`meeting.actions`) and reads foreign keys
    through it: there the scope of the object the relation starts from is applied or inherited."""

    def get_queryset(self) -> ScopedQuerySet[M]:
        hints: dict[str, Any] = self._hints  # type: ignore[attr-defined]
        queryset: ScopedQuerySet[M] = ScopedQuerySet(model=self.model, using=self._db, hints=hints)
        queryset._for = _SYSTEM
        start = getattr(self, "instance", None)  # set on related managers: meeting.actions
        if start is not None and scope_of(start) is not None:
            return queryset.restrict_when_read(scope_of(start))
        hinted = hints.get("instance")  # a foreign key read from an object (commitment.plan)
        if hinted is not None and scope_of(hinted) is not None:
            queryset._tag_with = scope_of(hinted)
        return queryset


class Scoped(models.Model):
    """Base of every model whose rows belong to someone: declares `access_rule` (rules.py)."""

    access_rule: ClassVar["Rule"]

    unscoped = UnscopedManager()  # declared first: Django's default manager
    objects = ScopedManager()

    class Meta:
        abstract = True
        base_manager_name = "unscoped"
