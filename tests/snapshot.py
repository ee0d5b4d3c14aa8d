"""Put the committed persona world back after a transactional test, row for row.

A transactional test (live server, browser, `on_commit`) ends by emptying every table. Building
the world again through the services took seconds each time and grew with every capability;
copying its rows back takes a fraction of that. The rows are read once, right after the world is
built, and written back with the same primary keys, so the world's Python objects (the template
every test deep-copies) stay true. Foreign keys are deferred to the commit on both databases, so
the tables may be filled in any order.
"""

from typing import Any

from django.db import connection, transaction

Rows = dict[str, Any]


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def take() -> Rows:
    """Every row of every Concord and Django table, as the database's own text (PostgreSQL's
    COPY keeps JSON, arrays and times exact) or as Python values (SQLite)."""
    saved: Rows = {}
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _tables():
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {qn(table)} TO STDOUT") as copy:
                    saved[table] = b"".join(bytes(chunk) for chunk in copy)
            else:
                cursor.execute(f"SELECT * FROM {qn(table)}")
                columns = [c[0] for c in cursor.description]
                saved[table] = (columns, cursor.fetchall())
    return saved


def restore(saved: Rows) -> None:
    """Write the saved rows back. Tables the flush's post-migrate step refilled (content types,
    permissions) are emptied first, so their ids are the saved ones again."""
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, rows in saved.items():
            cursor.execute(f"SELECT 1 FROM {qn(table)} LIMIT 1")
            if cursor.fetchone():
                cursor.execute(f"DELETE FROM {qn(table)}")
            if connection.vendor == "postgresql":
                if rows:
                    with cursor.copy(f"COPY {qn(table)} FROM STDIN") as copy:
                        copy.write(rows)
            elif rows[1]:
                columns, values = rows
                names = ", ".join(qn(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {qn(table)} ({names}) VALUES ({marks})", values)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
