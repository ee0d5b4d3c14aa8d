"""Pages of the Demands tab: demands with their answers, the commitment ledger with both sides'
reliability, and the wins feed. Thin: parse, call, render."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.policy import contributes_for
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.commitments import exports as sheets
from concord.commitments import selectors
from concord.commitments.filters import CommitmentFilter, DemandFilter, PlanFilter, PlanItemFilter, WinFilter
from concord.commitments.forms import (
    AnswerForm,
    CommitmentForm,
    DeliverForm,
    DemandForm,
    GiveUpForm,
    KudosForm,
    PlanForm,
    PlanItemForm,
    RenegotiateForm,
    ReviewForm,
)
from concord.commitments.services import demands, ledger, plans
from concord.commitments.services.wins import kudos_give
from concord.commitments.status import WINDOW_DAYS, Status, status
from concord.core import exports
from concord.core.errors import ValidationFailed
from concord.core.filtering import cleaned
from concord.core.forms import VersionForm, apply_errors, create_from, run_action
from concord.core.paging import html_page
from concord.goals.selectors import visible_goals
from concord.lessons.forms import LessonForm
from concord.partnerships.selectors import colleagues
from concord.partnerships.views import workspace_context

TAB = "demands"
OPEN_STATES = (Status.OPEN, Status.RENEGOTIATED, Status.BROKEN)


@login_required
@per_reader
def demand_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    recipients = selectors.recipients(actor=request.user, partnership=partnership)
    form = DemandForm(request.POST or None, recipients=recipients)
    raised = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: demands.demand_raise(actor=request.user, partnership=partnership, **d),
        done=lambda r: f"Demand “{r.title}” raised with {r.to_org.name}.",
    )
    if raised is not None:
        return redirect("demand", pk=raised.pk)
    found = DemandFilter(
        request.GET or None, queryset=selectors.demand_list(actor=request.user, partnership=partnership)
    )
    shown = html_page(request, found.qs)
    parties = {p.organisation_id: p.organisation for p in partnership.parties.select_related("organisation")}
    times = selectors.response_times(actor=request.user, partnership=partnership)
    context.update(
        filter=found,
        demands=shown,
        rows=selectors.described(shown),
        waiting=selectors.waiting(actor=request.user, partnership=partnership),
        response=[(parties.get(org), hours) for org, hours in times.items()],
        form=form,
    )
    return render(request, "commitments/demands.html", context)


def _demand_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    demand, may = selectors.demand_get(actor=request.user, pk=pk)
    context = workspace_context(request, demand.partnership_id, TAB)
    view = selectors.describe(demand)
    open_for_answers = demand.status not in demands.SETTLED
    context.update(
        demand=demand,
        view=view,
        can_answer=open_for_answers and contributes_for(request.user, demand.to_org_id),
        can_withdraw=open_for_answers and may.change,
    )
    return context


@login_required
def demand_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _demand_context(request, pk)
    context["form"] = AnswerForm(initial={"version": context["demand"].version})
    return render(request, "commitments/demand.html", context)


@login_required
@require_POST
def demand_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _demand_context(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = demands.demand_answer(actor=request.user, demand=context["demand"], **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Answered {answer.get_kind_display().lower()}.")
            return redirect("demand", pk=pk)
    context["form"] = form
    return render(request, "commitments/demand.html", context, status=422)


@login_required
@require_POST
def demand_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    demand = selectors.demand_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        VersionForm(request.POST),
        lambda d: demands.demand_withdraw(actor=request.user, demand=demand, version=d["version"]),
        "Demand withdrawn.",
    )
    return redirect("demand", pk=pk)


@login_required
def demand_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _demand_context(request, pk)
    return history_page(request, context["demand"], context)


@login_required
@per_reader
def commitment_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    people = colleagues(actor=request.user, partnership=partnership)
    form = CommitmentForm(request.POST or None, people=people, initial={"owner_person_id": request.user.pk})
    given = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: ledger.commitment_give(actor=request.user, partnership=partnership, **d),
        done=lambda c: f"Commitment “{c.title}” recorded.",
    )
    if given is not None:
        return redirect("commitments", pk=pk)
    today = timezone.localdate()
    summary = selectors.ledger(actor=request.user, partnership=partnership, today=today)
    found = CommitmentFilter(
        request.GET or None, queryset=selectors.commitment_list(actor=request.user, partnership=partnership)
    )
    found.offer("owner", [(org, o.name) for org, o in summary.organisations.items()])
    rows = selectors.narrowed(
        found.qs, state=cleaned(found, "state"), counted=cleaned(found, "counted"), today=today
    )
    commitments = html_page(request, rows)
    context.update(
        filter=found,
        ledger=summary,
        commitments=commitments,
        rows=selectors.with_status(commitments),
        form=form,
        window_days=WINDOW_DAYS,
    )
    return render(request, "commitments/ledger.html", context)


def _commitment_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    commitment = selectors.commitment_detail(actor=request.user, pk=pk).obj
    context = workspace_context(request, commitment.partnership_id, TAB)
    current = status(commitment, timezone.localdate())
    mine = contributes_for(request.user, commitment.owner_id)
    context.update(
        commitment=commitment,
        status=current,
        can_update=mine
        and current in (Status.OPEN, Status.RENEGOTIATED, Status.BROKEN)
        and not commitment.given_up_on,
        can_learn=mine and current in (Status.BROKEN, Status.KEPT_LATE),
        version_initial={"version": commitment.version},
    )
    return context


@login_required
def commitment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _commitment_context(request, pk)
    initial = context["version_initial"]
    context.update(
        deliver=DeliverForm(initial=initial),
        renegotiate=RenegotiateForm(initial=initial),
        give_up=GiveUpForm(initial=initial),
        lesson_form=LessonForm(initial={"visibility": context["commitment"].visibility}),
    )
    return render(request, "commitments/commitment.html", context)


def _commitment_action(name: str, done: str) -> Callable[[AuthedRequest, int], HttpResponse]:
    forms_by_action: dict[str, type[forms.Form]] = {
        "deliver": DeliverForm,
        "renegotiate": RenegotiateForm,
        "give_up": GiveUpForm,
        "lesson": LessonForm,
    }
    services_by_action: dict[str, Callable[..., Any]] = {
        "deliver": ledger.commitment_deliver,
        "renegotiate": ledger.commitment_renegotiate,
        "give_up": ledger.commitment_give_up,
        "lesson": ledger.lesson_add,
    }

    @login_required
    @require_POST
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        commitment = selectors.commitment_get(actor=request.user, pk=pk).obj

        def run(data: dict[str, Any]) -> Any:
            return services_by_action[name](actor=request.user, commitment=commitment, **data)

        run_action(request, forms_by_action[name](request.POST), run, done)
        return redirect("commitment", pk=pk)

    view.__name__ = f"commitment_{name}"
    return view


commitment_deliver = _commitment_action("deliver", "Marked delivered.")
commitment_renegotiate = _commitment_action(
    "renegotiate", "New date recorded; the promised date stays on record."
)
commitment_give_up = _commitment_action("give_up", "Recorded that it cannot be delivered.")
commitment_lesson = _commitment_action("lesson", "Lesson recorded: it is in the library.")


@login_required
def commitment_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _commitment_context(request, pk)
    return history_page(request, context["commitment"], context)


@login_required
def wins(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    form = KudosForm(request.POST or None)
    posted = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: kudos_give(actor=request.user, partnership=partnership, **d),
        done=lambda _: "Kudos posted.",
    )
    if posted is not None:
        return redirect("wins", pk=pk)
    found = WinFilter(
        request.GET or None, queryset=selectors.wins(actor=request.user, partnership=partnership)
    )
    context.update(filter=found, wins=html_page(request, found.qs), form=form)
    return render(request, "commitments/wins.html", context)


@login_required
def plan_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    goals = list(visible_goals(actor=request.user, partnership=partnership))
    form = PlanForm(request.POST or None, goals=goals)
    created = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: plans.plan_create(actor=request.user, partnership=partnership, **d),
        done=lambda p: f"Plan “{p.title}” started; add its items.",
    )
    if created is not None:
        return redirect("plan", pk=created.pk)
    found = PlanFilter(
        request.GET or None, queryset=selectors.plan_list(actor=request.user, partnership=partnership)
    )
    plans_page = html_page(request, selectors.stale_only(found.qs, cleaned(found, "stale")))
    context.update(filter=found, plans=plans_page, rows=selectors.plan_views(plans_page), form=form)
    return render(request, "commitments/plans.html", context)


def _plan_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    view = selectors.plan_get(actor=request.user, pk=pk, items=False)
    context = workspace_context(request, view.plan.partnership_id, TAB)
    context.update(view=view, plan=view.plan)
    return context


@login_required
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _plan_context(request, pk)
    plan = context["plan"]
    found = PlanItemFilter(request.GET or None, queryset=selectors.plan_items(actor=request.user, plan=plan))
    items = html_page(request, selectors.narrowed(found.qs, state=cleaned(found, "state")))
    context.update(
        filter=found,
        items=items,
        rows=selectors.with_status(items),
        item_form=PlanItemForm(people=selectors.plan_people(actor=request.user, plan=plan)),
        review_form=ReviewForm(initial={"version": plan.version}),
    )
    return render(request, "commitments/plan.html", context)


@login_required
@require_POST
def plan_item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.user, pk=pk, items=False).plan
    form = PlanItemForm(request.POST, people=selectors.plan_people(actor=request.user, plan=plan))
    run_action(request, form, lambda d: plans.item_add(actor=request.user, plan=plan, **d), "Item added.")
    return redirect("plan", pk=pk)


@login_required
@require_POST
def plan_review(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.user, pk=pk).plan
    run_action(
        request,
        ReviewForm(request.POST),
        lambda d: plans.plan_review(actor=request.user, plan=plan, **d),
        "Review recorded.",
    )
    return redirect("plan", pk=pk)


@login_required
def plan_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _plan_context(request, pk)
    return history_page(request, context["plan"], context)


@login_required
def demands_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The whole filtered list of demands (not only the page) as a spreadsheet."""
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = DemandFilter(
        request.GET or None, queryset=selectors.demand_list(actor=request.user, partnership=partnership)
    )
    return exports.download(fmt, f"demands-{pk}", exports.table(sheets.DEMAND_COLUMNS, found.qs), "Demands")


@login_required
def commitments_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The whole filtered ledger as a spreadsheet, each commitment's status as of today."""
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    today = timezone.localdate()
    found = CommitmentFilter(
        request.GET or None, queryset=selectors.commitment_list(actor=request.user, partnership=partnership)
    )
    ledger_rows = selectors.narrowed(
        found.qs, state=cleaned(found, "state"), counted=cleaned(found, "counted"), today=today
    )
    table = exports.table(sheets.commitment_columns(today), ledger_rows)
    return exports.download(fmt, f"commitments-{pk}", table, "Commitments")


@login_required
def plans_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The whole filtered list of action plans as a spreadsheet."""
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = PlanFilter(
        request.GET or None, queryset=selectors.plan_list(actor=request.user, partnership=partnership)
    )
    table = exports.table(sheets.plan_columns(), selectors.stale_only(found.qs, cleaned(found, "stale")))
    return exports.download(fmt, f"plans-{pk}", table, "Action plans")
