"""The pure rules of governance: the RACI matrix's checks, the escalation arithmetic, decision
rights and their value limits, and reading guiding principles out of the vision."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from concord.governance import escalation, raci, rights
from concord.governance.principles import parse
from concord.vision.models import DEFAULT_PRINCIPLES

NAMES = {1: "Ann", 2: "Bo", 3: "Cy"}


def _texts(cells: list[raci.Cell]) -> list[str]:
    return [p.text for p in raci.activity_problems(7, cells, NAMES)]


def test_a_sound_row_has_no_problem() -> None:
    assert _texts([raci.Cell(1, "A"), raci.Cell(2, "R"), raci.Cell(3, "I")]) == []
    assert _texts([raci.Cell(1, "A"), raci.Cell(1, "R")]) == []  # one person may hold both


def test_nobody_or_two_accountable_and_nobody_responsible_are_named() -> None:
    assert _texts([raci.Cell(2, "R")]) == ["Nobody is accountable: name exactly one person."]
    two = _texts([raci.Cell(1, "A"), raci.Cell(2, "A"), raci.Cell(3, "R")])
    assert two == ["2 people are accountable (Ann, Bo): name exactly one."]
    assert _texts([raci.Cell(1, "A"), raci.Cell(2, "C")]) == [
        "Nobody is responsible: name at least one person."
    ]
    assert len(_texts([])) == 2


def test_people_who_left_are_flagged_wherever_they_hold_a_role() -> None:
    found = _texts([raci.Cell(1, "A"), raci.Cell(2, "R", left=True)])
    assert found == ["Bo has left their organisation but is still R."]


@given(st.lists(st.tuples(st.integers(1, 3), st.sampled_from("RACI")), max_size=8))
def test_a_row_is_sound_exactly_when_one_accountable_and_some_responsible(
    cells: list[tuple[int, str]],
) -> None:
    row = [raci.Cell(p, r) for p, r in cells]
    sound = sum(r == "A" for _, r in cells) == 1 and any(r == "R" for _, r in cells)
    assert (raci.activity_problems(1, row, NAMES) == []) == sound


def test_matrix_problems_leave_sound_rows_out() -> None:
    found = raci.matrix_problems({1: [raci.Cell(1, "A"), raci.Cell(1, "R")], 2: []}, NAMES)
    assert list(found) == [2]


LEVELS = [
    escalation.Level(10, 1, "Leads", 3),
    escalation.Level(11, 2, "Managers", 5),
    escalation.Level(12, 3, "Steering", 10),
]
DAY = datetime.date(2026, 3, 2)


def test_an_issue_moves_up_the_day_after_its_response_time() -> None:
    leads = LEVELS[0]
    assert escalation.respond_by(DAY, 3) == datetime.date(2026, 3, 5)
    on_the_last_day = escalation.due_to_escalate(
        reached=DAY, level=leads, levels=LEVELS, today=DAY + datetime.timedelta(days=3)
    )
    assert on_the_last_day is None
    after = escalation.due_to_escalate(
        reached=DAY, level=leads, levels=LEVELS, today=DAY + datetime.timedelta(days=4)
    )
    assert after == LEVELS[1]


def test_the_top_level_has_nowhere_to_go_and_order_is_by_rank() -> None:
    late = DAY + datetime.timedelta(days=100)
    assert escalation.due_to_escalate(reached=DAY, level=LEVELS[2], levels=LEVELS, today=late) is None
    assert escalation.next_level(list(reversed(LEVELS)), None) == LEVELS[0]
    assert escalation.next_level(LEVELS, 11) == LEVELS[2]
    assert escalation.next_level([], None) is None


def test_a_committee_decides_within_its_own_right_and_limit() -> None:
    def check(**kw: object) -> dict[str, str]:
        base: dict[str, object] = {
            "decided_by": "committee",
            "committee_id": 1,
            "right_committee_id": 1,
            "has_right": True,
            "limit": Decimal("50000"),
            "value": Decimal("50000"),
        }
        return rights.right_problems(**{**base, **kw})  # type: ignore[arg-type]

    assert check() == {}  # exactly at the limit is within it
    assert check(value=Decimal("50000.01")) == {"value": rights.over_limit(Decimal("50000"))}
    assert check(value=None) == {"value": rights.VALUE_NEEDED}
    assert check(limit=None, value=None) == {}
    assert check(committee_id=None) == {"committee": rights.COMMITTEE_NEEDED}
    assert check(has_right=False) == {"right": rights.RIGHT_NEEDED}
    assert check(right_committee_id=2) == {"right": rights.NOT_ITS_RIGHT}
    assert check(decided_by="managers", committee_id=None, has_right=False) == {}
    assert check(decided_by="managers") == {"committee": rights.NO_COMMITTEE}


def test_the_default_principles_are_read_by_name() -> None:
    found = parse(DEFAULT_PRINCIPLES)
    assert [p.name for p in found] == ["Reciprocity", "Autonomy", "Honesty", "Loyalty", "Equity", "Integrity"]
    assert found[2].text == "Honesty — we tell each other the truth, early, including bad news."


def test_principles_without_bold_names_and_duplicates() -> None:
    found = parse("Intro\n* Share data openly\n- **Honesty**: tell\n- **honesty** again\n\nnot a bullet")
    assert [p.name for p in found] == ["Share data openly", "Honesty"]
    assert parse("") == []


@given(st.text(max_size=300))
def test_parsing_any_text_never_fails(text: str) -> None:
    for principle in parse(text):
        assert principle.name and len(principle.name) <= 120
