"""Comments on the sections of the vision: shared with the partner, or internal to one's own team."""

from typing import Any

from concord.access.policy import require, writer_org
from concord.access.roles import Action, Visibility
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.partnerships.models import Partnership
from concord.partnerships.services import clean_note
from concord.vision.models import COMMENT_SECTIONS, VisionComment, VisionDocument


def comment_add(
    *, actor: Any, partnership: Partnership, section: str, body: str, visibility: str = Visibility.SHARED
) -> VisionComment:
    owner_id = writer_org(actor, partnership)
    if section not in dict(COMMENT_SECTIONS):
        raise ValidationFailed.single("section", "Choose a section of the vision.")
    cleaned = clean_note({"body": body, "visibility": visibility})
    current = (
        VisionDocument.unscoped.filter(partnership=partnership)
        .values_list("revisions__number", flat=True)
        .order_by("-revisions__number")
        .first()
    )
    return tracked_create(
        actor=actor,
        instance=VisionComment(
            partnership=partnership,
            owner_id=owner_id,
            created_by=actor,
            section=section,
            revision_number=current,
            **cleaned,
        ),
    )


def comment_resolve(
    *, actor: Any, comment: VisionComment, version: int | None, resolved: bool = True
) -> VisionComment:
    """Any contributor who can read the comment may fold it away (or reopen it); history keeps who."""
    require(actor, Action.VIEW, comment)
    require(actor, Action.CONTRIBUTE, comment.partnership)
    return tracked_update(actor=actor, instance=comment, version=version, changes={"resolved": resolved})
