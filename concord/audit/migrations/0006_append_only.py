"""Every event now has its place in a chain (0005): make it required and unique, and — on
PostgreSQL — let the database itself refuse to change or remove an event.

The trigger refuses DELETE, and any UPDATE except the one erasure makes (docs/audit.md): it may
replace `changes` (personal values out), `erased` (their leaf hashes in) and `object_repr` (the
page label), nothing that the hash commits to otherwise. TRUNCATE (a test database being emptied,
`flush`) is a table operation, not a row's, and is not refused. SQLite has no such trigger here:
there the ORM refuses (audit.models.AppendOnlyQuerySet), and the verifier finds what it lets by.
"""

from typing import Any

from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit events are append-only: event % cannot be deleted', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.chain IS DISTINCT FROM OLD.chain
        OR NEW.sequence IS DISTINCT FROM OLD.sequence OR NEW.hash IS DISTINCT FROM OLD.hash
        OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.action IS DISTINCT FROM OLD.action
        OR NEW.content_type_id IS DISTINCT FROM OLD.content_type_id
        OR NEW.object_id IS DISTINCT FROM OLD.object_id OR NEW.reason IS DISTINCT FROM OLD.reason
        OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR (NEW.changes IS DISTINCT FROM OLD.changes AND NEW.erased IS NOT DISTINCT FROM OLD.erased)
    THEN
        RAISE EXCEPTION 'audit events are append-only: event % cannot be changed', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


def guard(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)


def unguard(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [("audit", "0005_assign_chains")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("chain", "sequence"), name="one_event_per_link"),
        ),
        migrations.RunPython(guard, unguard),
    ]
