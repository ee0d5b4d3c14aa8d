"""The lessons as a spreadsheet (core.exports does the writing, the chunks and the cap). The
carrier is named by its kind and id: the export reads only what the list selected."""

from concord.core.exports import Column, person
from concord.lessons.models import CarrierKind

KINDS = dict(CarrierKind.choices)

LESSON_COLUMNS = [
    Column("Id", lambda x: x.pk),
    Column("Lesson", lambda x: x.title),
    Column("Partnership", lambda x: x.partnership.name),
    Column("What happened", lambda x: x.what_happened),
    Column("Contributing factors", lambda x: x.contributing_factors),
    Column("What we change", lambda x: x.what_we_change),
    Column("Carried by", lambda x: KINDS.get(x.carrier_kind) if x.carrier_kind else None),
    Column("Carrier id", lambda x: x.carrier_id),
    Column("Written by", lambda x: x.owner.name),
    Column("Author", lambda x: person(x.created_by)),
    Column("Visibility", lambda x: x.visibility),
    Column("Written (UTC)", lambda x: x.created_at),
]
