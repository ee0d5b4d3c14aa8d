"""The demo's customer insight: the supplier's short list explains itself, shows the proposal the
customer declined and why, and none of it reaches the customer."""

import pytest
from django.core.management import call_command

from concord.accounts.models import User
from concord.core.errors import Forbidden
from concord.insight import selectors
from concord.insight.models import Offering
from concord.partnerships.models import Partnership


@pytest.mark.django_db
def test_the_demo_recommends_what_fits_with_reasons(capsys: object) -> None:
    call_command("demo")
    sam = User.objects.get(email="sam@aurora.example")
    clara = User.objects.get(email="clara@helix.example")
    bioprocess = Partnership.unscoped.get(name="Single-use bioprocessing")
    assert Offering.unscoped.count() >= 300
    found = selectors.recommendations(actor=sam, partnership=bioprocess)
    names = [r.offering.name for r in found.items]
    assert len(names) == selectors.SHORT_LIST
    assert "Aurora Mix-200 single-use mixer" in names[:3]
    mixer = found.items[names.index("Aurora Mix-200 single-use mixer")]
    assert mixer.reasons.startswith("Replaces 14 × Mixer reached end of support in ")
    assert "fits the April budget cycle" in mixer.reasons
    assert "TW-2 tube welder" not in names and found.excluded  # end of sale, and more, left out
    skid = Offering.unscoped.get(name="FS-60 filtration skid")
    verdict = selectors.fit_of(actor=sam, partnership=bioprocess, offering_pk=skid.pk)
    assert not verdict.assessment.excluded
    earlier = selectors.proposal_list(actor=sam, partnership=bioprocess).get()
    assert earlier.demand.status == "no" and "April budget" in earlier.demand.answers.all()[0].rationale
    with pytest.raises(Forbidden):
        selectors.recommendations(actor=clara, partnership=bioprocess)
    shared = selectors.item_list(actor=clara, partnership=bioprocess)
    assert [i.model for i in shared] == ["FS-50"]  # the one item Aurora shared
