"""Inserting many rows of one model: PostgreSQL's COPY where there is one, bulk_create elsewhere.

bulk_create builds one INSERT with a placeholder and a parameter for every value; at millions of
rows Django's assembling of those statements is most of the generator's time. COPY streams the
rows instead: the ids are drawn from the table's sequence first (as INSERT would draw them), so
the instances know their pks for their children and their audit events, exactly as after
bulk_create. Values go through each field's own database preparation (get_db_prep_save), the
same conversion bulk_create applies.
"""

from typing import Any

from django.db import connection, models

BATCH_SIZE = 2000  # rows per INSERT on SQLite: large enough to be fast, small enough for its limits


def insert(model: type[models.Model], objs: list[Any]) -> None:
    if connection.vendor == "postgresql":
        _copy(model, objs)
    else:
        model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)


def _copy(model: type[models.Model], objs: list[Any]) -> None:
    meta = model._meta
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # parents' new ids
    fields = list(meta.concrete_fields)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        columns = ", ".join(quote(str(f.column)) for f in fields)  # concrete: every one has a column
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields])
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
