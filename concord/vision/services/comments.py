"""Comments on the sections of the vision: shared with the partner, or internal to one's own team."""

from concord.access.policy import require, writer_org
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.partnerships.models import Partnership
from concord.vision.models import VisionComment, VisionDocument


def comment_add(
    *, actor: User, partnership: Partnership, section: str, body: str, visibility: str = Visibility.SHARED
) -> VisionComment:
    """Comment for the actor's own organisation on the current revision of a section. The model
    checks the section, the body and the visibility."""
    owner_id = writer_org(actor, partnership)
    current = (
        VisionDocument.unscoped.filter(partnership=partnership)
        .values_list("revisions__number", flat=True)
        .order_by("-revisions__number")
        .first()
    )
    comment = VisionComment(
        partnership=partnership,
        owner_id=owner_id,
        created_by=actor,
        section=section,
        revision_number=current,
        body=body,
        visibility=visibility,
    )
    return tracked_create(actor=actor, instance=comment)


def comment_resolve(
    *, actor: User, comment: VisionComment, version: int | None, resolved: bool = True
) -> VisionComment:
    """Any contributor who can read the comment may fold it away (or reopen it); history keeps who."""
    require(actor, Action.VIEW, comment)
    require(actor, Action.CONTRIBUTE, comment.partnership)
    return tracked_update(actor=actor, instance=comment, version=version, changes={"resolved": resolved})
