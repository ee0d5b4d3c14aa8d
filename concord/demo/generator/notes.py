"""Notes of both sides in the partnership workspace, shared and internal."""

from typing import Any

from concord.demo.generator import words
from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.site import Site
from concord.partnerships.models import Note

MODELS: list[type[Any]] = [Note]


def note_step(site: Site, batch: Batch) -> None:
    rng = site.rng
    for j in range(site.counts["notes"]):
        org, person, visibility = site.owner(j)
        written = moment(site.days(-rng.randint(0, 365)), hour=rng.randint(8, 17), minute=rng.randint(0, 59))
        body = rng.choice(words.NOTES)
        batch.add(
            Note(
                **site.record(org, person, visibility),
                title=body.split(";")[0].rstrip(".")[:60],
                body=body,
                created_at=written,
                updated_at=written,
            ),
            actor=person,
        )
