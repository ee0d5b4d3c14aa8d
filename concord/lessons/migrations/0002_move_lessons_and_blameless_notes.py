"""One kind of lessons record: the governance app's lessons and the commitments app's blameless
notes become lessons of this app, keeping their author, dates, version, visibility and text.

- A governance lesson keeps every field; its issue or commitment becomes its carrier.
- A blameless note had no title, no contributing factors and no visibility of its own (it was
  as visible as its commitment, and written by the committing side): it becomes a lesson of the
  commitment's owner and visibility, titled after the commitment, with the contributing factors
  left empty, carried by the commitment.

The audit trail is not rewritten: an event's hash commits to the name of the model it was about
(`governance.lesson`, `commitments.blamelessnote`), so the past events stay as they were, under
their old content types, and every chain still verifies; the moved records' own trail starts
with their next change. (governance.0002 and commitments.0008 then drop the old tables.)"""

from django.db import migrations

TITLE = 200


def forwards(apps, schema_editor):
    Lesson = apps.get_model("lessons", "Lesson")
    Old = apps.get_model("governance", "Lesson")
    Note = apps.get_model("commitments", "BlamelessNote")
    moved, stamps = [], []
    for old in Old._base_manager.order_by("id").iterator():
        kind, carrier = ("issue", old.issue_id) if old.issue_id else ("", None)
        if carrier is None and old.commitment_id:
            kind, carrier = "commitment", old.commitment_id
        moved.append(
            Lesson(
                partnership_id=old.partnership_id,
                owner_id=old.owner_id,
                visibility=old.visibility,
                created_by_id=old.created_by_id,
                version=old.version,
                title=old.title,
                what_happened=old.what_happened,
                contributing_factors=old.contributing_factors,
                what_we_change=old.what_we_change,
                carrier_kind=kind,
                carrier_id=carrier,
            )
        )
        stamps.append((old.created_at, old.updated_at))
    for note in Note._base_manager.select_related("commitment").order_by("id").iterator():
        commitment = note.commitment
        moved.append(
            Lesson(
                partnership_id=commitment.partnership_id,
                owner_id=commitment.owner_id,
                visibility=commitment.visibility,
                created_by_id=note.written_by_id,
                version=note.version,
                title=f"What we learned: {commitment.title}"[:TITLE],
                what_happened=note.what_happened,
                contributing_factors="",
                what_we_change=note.what_we_change,
                carrier_kind="commitment",
                carrier_id=commitment.pk,
            )
        )
        stamps.append((note.created_at, note.updated_at))
    created = Lesson._base_manager.bulk_create(moved, batch_size=500)
    # bulk_create stamps "now" (auto_now_add); the dates written are put back without it.
    for lesson, (created_at, updated_at) in zip(created, stamps, strict=True):
        lesson.created_at, lesson.updated_at = created_at, updated_at
    Lesson._base_manager.bulk_update(created, ["created_at", "updated_at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0001_initial"),
        ("governance", "0001_initial"),
        ("commitments", "0007_alter_answer_rationale_and_more"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
