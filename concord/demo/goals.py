"""Demo goals and scorecards for the bioprocess partnership: a year of monthly measurements up to
last month, dated from the day the demo is loaded so the statuses stay true. On-time delivery is on
track, batch cost is off track, safety stock reached its target (a win), and both sides score each
other: Helix scores Aurora on delivery, quality and stock; Aurora scores Helix on paying on time
and forecast accuracy (reported quarterly, so two months in three re-weight to payment alone)."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.core import periods
from concord.goals import services
from concord.goals.models import Direction, Goal
from concord.partnerships.models import Partnership
from concord.scorecards import services as scorecards
from concord.vision.models import Objective

MONTHS = 12
# Month-end values, oldest first.
OTIF = [91.0, 91.8, 92.4, 92.9, 93.1, 93.8, 94.4, 94.9, 95.3, 95.8, 96.2, 96.9]
BATCH_COST = [12400, 12420, 12380, 12450, 12390, 12410, 12440, 12380, 12420, 12400, 12430, 12390]
SAFETY_WEEKS = [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.2]
COMPLAINT_PPM = [450, 430, 410, 380, 350, 320, 300, 260, 240, 210, 190, 170]
PAID_ON_TIME = [82.0, 84.0, 81.0, 86.0, 88.0, 87.0, 89.0, 91.0, 90.0, 92.0, 93.0, 94.0]
FORECAST_ACCURACY = {2: 71.0, 5: 74.0, 8: 78.0, 11: 81.0}  # quarter-end months only


def _month_ends(today: datetime.date) -> list[datetime.date]:
    starts = periods.last_periods(
        periods.PeriodKind.MONTH, periods.shift(periods.PeriodKind.MONTH, today, -1), MONTHS
    )
    return [periods.end_of(periods.PeriodKind.MONTH, s) for s in starts]


def _objectives(partnership: Partnership, codes: list[str]) -> list[int]:
    found = dict(Objective.unscoped.filter(partnership=partnership).values_list("code", "pk"))
    return [found[c] for c in codes if c in found]


def _measure(
    actor: User, goal: Goal, days: list[datetime.date], values: Sequence[float] | dict[int, float]
) -> None:
    pairs = values.items() if isinstance(values, dict) else enumerate(values)
    for index, value in pairs:
        services.measurement_add(actor=actor, goal=goal, measured_on=days[index], value=Decimal(str(value)))


def build(*, clara: User, sam: User, partnership: Partnership) -> None:
    today = timezone.localdate()
    days = _month_ends(today)
    start = days[0].replace(day=1)
    due = periods.shift(periods.PeriodKind.MONTH, today, 6)
    otif = services.goal_create(
        actor=sam,
        partnership=partnership,
        objective_ids=_objectives(partnership, ["O1"]),
        title="On-time in-full delivery at 98 %",
        metric="OTIF",
        unit="%",
        baseline=Decimal("91"),
        target=Decimal("98"),
        start_date=start,
        due_date=due,
    )
    cost = services.goal_create(
        actor=clara,
        partnership=partnership,
        objective_ids=_objectives(partnership, ["O2"]),
        title="Cost per batch down 8 %",
        metric="Total cost per 2,000 L batch",
        unit="EUR",
        baseline=Decimal("12400"),
        target=Decimal("11400"),
        direction=Direction.LOWER,
        start_date=start,
        due_date=due,
    )
    stock = services.goal_create(
        actor=sam,
        partnership=partnership,
        objective_ids=_objectives(partnership, ["O1"]),
        title="Eight weeks of consignment safety stock",
        metric="Safety stock",
        unit="weeks",
        baseline=Decimal("3"),
        target=Decimal("8"),
        start_date=start,
        due_date=due,
    )
    ppm = services.goal_create(
        actor=sam,
        partnership=partnership,
        objective_ids=_objectives(partnership, ["O1"]),
        title="Complaints below 150 ppm",
        metric="Complaints per million bags",
        unit="ppm",
        baseline=Decimal("450"),
        target=Decimal("150"),
        direction=Direction.LOWER,
        start_date=start,
        due_date=due,
    )
    paid = services.goal_create(
        actor=sam,
        partnership=partnership,
        objective_ids=_objectives(partnership, ["O2"]),
        title="Invoices paid within terms",
        metric="Invoices paid on time",
        unit="%",
        baseline=Decimal("82"),
        target=Decimal("95"),
        start_date=start,
        due_date=due,
    )
    forecast = services.goal_create(
        actor=clara,
        partnership=partnership,
        objective_ids=_objectives(partnership, ["O1"]),
        title="Forecast accuracy at 85 %",
        metric="Forecast accuracy (MAPE-based)",
        unit="%",
        baseline=Decimal("70"),
        target=Decimal("85"),
        frequency="quarterly",
        start_date=start,
        due_date=due,
    )
    internal = services.goal_create(
        actor=clara,
        partnership=partnership,
        objective_ids=_objectives(partnership, []),
        title="Qualify a second bag supplier",
        metric="Share of volume qualified elsewhere",
        unit="%",
        baseline=Decimal("0"),
        target=Decimal("20"),
        visibility=Visibility.INTERNAL,
        start_date=start,
        due_date=due,
    )
    _measure(sam, otif, days, OTIF)
    _measure(clara, cost, days, BATCH_COST)
    _measure(sam, stock, days, SAFETY_WEEKS)
    _measure(sam, ppm, days, COMPLAINT_PPM)
    _measure(sam, paid, days, PAID_ON_TIME)
    _measure(clara, forecast, days, FORECAST_ACCURACY)
    _measure(clara, internal, days, {9: 4.0, 10: 6.0})
    _scorecards(clara=clara, sam=sam, partnership=partnership, goals=(otif, ppm, stock, paid, forecast))


def _scorecards(*, clara: User, sam: User, partnership: Partnership, goals: tuple[Goal, ...]) -> None:
    otif, ppm, stock, paid, forecast = goals
    scorecards.scorecard_create(
        actor=clara,
        partnership=partnership,
        name="Helix scores Aurora",
        definition={
            "period": "month",
            "kpis": [
                {"name": "otif", "goal_id": otif.pk},
                {"name": "ppm", "goal_id": ppm.pk},
                {"name": "stock_weeks", "goal_id": stock.pk},
            ],
            "criteria": [
                {
                    "name": "On-time in-full",
                    "weight": 50,
                    "rule": "linear",
                    "kpi": "otif",
                    "worst": 85,
                    "best": 99,
                },
                {
                    "name": "Quality",
                    "weight": 30,
                    "rule": "bands",
                    "kpi": "ppm",
                    "bands": [
                        {"min": None, "max": 150, "points": 100},
                        {"min": 150, "max": 300, "points": 70},
                        {"min": 300, "max": 500, "points": 40},
                        {"min": 500, "max": None, "points": 0},
                    ],
                },
                {
                    "name": "Supply security",
                    "weight": 20,
                    "rule": "formula",
                    "formula": "100 if stock_weeks >= 8 else stock_weeks / 8 * 100",
                },
            ],
        },
    )
    scorecards.scorecard_create(
        actor=sam,
        partnership=partnership,
        name="Aurora scores Helix",
        definition={
            "period": "month",
            "kpis": [{"name": "paid", "goal_id": paid.pk}, {"name": "forecast", "goal_id": forecast.pk}],
            "criteria": [
                {
                    "name": "Pays on time",
                    "weight": 60,
                    "rule": "linear",
                    "kpi": "paid",
                    "worst": 70,
                    "best": 98,
                },
                {
                    "name": "Forecast accuracy",
                    "weight": 40,
                    "rule": "formula",
                    "formula": "min(100, max(0, (forecast - 60) * 4))",
                },
            ],
        },
    )
