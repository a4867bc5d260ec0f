"""The phases of the 3-S cycle, on the SocialStrategyModel's foundation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from .frozen import frozen
from .i18n import N_, _
from .model import Iteration, Plan
from .plan_data import PlanData


@frozen
class Phase:
    """A phase of the method, as the app shows it: a screen of its own."""

    key: str
    """The keyboard key that opens the phase from anywhere in the app."""
    name: str
    english_title: str
    english_summary: str

    @property
    def title(self) -> str:
        return _(self.english_title)

    @property
    def summary(self) -> str:
        return _(self.english_summary)


PHASES: tuple[Phase, ...] = (
    Phase(
        "1",
        "foundation",
        N_("Foundation"),
        N_("Internal support: stakeholders, change management, culture, project team"),
    ),
    Phase(
        "2",
        "strategy",
        N_("Strategy"),
        N_("Problem, target groups, SMART goals, online behaviour, channels, pillars"),
    ),
    Phase(
        "3",
        "setup",
        N_("Set up"),
        N_("Accounts, personal presence, following, conversations, partners, sources"),
    ),
    Phase(
        "4",
        "schedule",
        N_("Schedule"),
        N_("Posts per channel and journey stage, 10:1 content to promotion, calls to action"),
    ),
    Phase(
        "5",
        "measure",
        N_("Measure"),
        N_("Results, KPIs and ROI that feed the next iteration's strategy"),
    ),
)


def phase_named(name: str) -> Phase:
    return next(p for p in PHASES if p.name == name)


def is_blank(plan_data: PlanData) -> bool:
    """Nothing entered yet: no people, channels, personas, goals, posts or results."""
    return not (
        plan_data.stakeholders
        or plan_data.change_actions
        or plan_data.team
        or plan_data.channels
        or plan_data.personas
        or plan_data.goals
        or plan_data.items
        or plan_data.results
    )


def opening_phase(plan_data: PlanData) -> str:
    """Where a plan opens: a blank plan at the Foundation, where the cycle starts (the
    people behind the plan come first); any other on the Schedule."""
    return "foundation" if is_blank(plan_data) else "schedule"


def first_iteration(plan: Plan, today: date) -> Iteration:
    """Iteration 1 of a new plan: it starts today and runs the plan's iteration length."""
    return Iteration(number=1, name="Iteration 1", start=today, end=last_day(plan, today), id=1)


def with_first_iteration(plan_data: PlanData, today: date) -> PlanData:
    """A plan without iterations (new, or imported from elsewhere) in its first one."""
    if plan_data.iterations:
        return plan_data
    return replace(
        plan_data,
        iterations=(first_iteration(plan_data.plan, today),),
        plan=replace(plan_data.plan, current_iteration=1),
    )


def last_day(plan: Plan, start: date) -> date:
    """The last day of an iteration that starts on ``start`` and runs the plan's length."""
    return start + timedelta(days=plan.iteration_days - 1)
