"""The Strategy phase as a guided plan: the SocialStrategyModel's steps in order, what each
one asks, what is still missing before it can be called complete, and the progress.

A step counts as complete when the team has marked it so and nothing it needs has gone
missing since (a marked step whose last persona was deleted shows as reopened).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .checks import bare_stages, island_activities
from .frozen import frozen
from .i18n import N_, _
from .model import Labelled, Plan
from .plan_data import PlanData
from .validation import InvalidInputError


@frozen
class StrategyStep:
    key: str
    english_title: str
    english_asks: str
    """The method's question for this step, shown at the top of its section."""

    @property
    def title(self) -> str:
        return _(self.english_title)

    @property
    def asks(self) -> str:
        return _(self.english_asks)


STRATEGY_STEPS: tuple[StrategyStep, ...] = (
    StrategyStep(
        "inputs",
        N_("Business and marketing strategy"),
        N_("Social media serve the business and marketing strategy: start from both."),
    ),
    StrategyStep(
        "problem",
        N_("Problem statement and points of attention"),
        N_("What problem should social media help solve, and what needs watching?"),
    ),
    StrategyStep(
        "personas",
        N_("Target groups and personas"),
        N_("Who are we talking to: role, goals, pain points, triggers, formats, habits."),
    ),
    StrategyStep(
        "goals",
        N_("SMART objectives"),
        N_("What do we want to reach: a KPI, a target value, a deadline, the channels."),
    ),
    StrategyStep(
        "behaviour",
        N_("Online behaviour"),
        N_("Where is each target group online, how active, and when?"),
    ),
    StrategyStep(
        "channels",
        N_("Channel selection"),
        N_("Which channels do we use, why, and how many posts a week?"),
    ),
    StrategyStep(
        "content",
        N_("Content per journey stage"),
        N_("Which content pillars and formats serve each stage of the customer journey?"),
    ),
    StrategyStep(
        "frameworks",
        N_("Strategic frameworks"),
        N_("Tone of voice, do's and don'ts, budget and the hours the team can give."),
    ),
    StrategyStep(
        "integration",
        N_("Integration with the marketing approach"),
        N_("What does each social activity connect to? One connected to nothing is an island."),
    ),
    StrategyStep(
        "media",
        N_("Media plan"),
        N_("Per channel: its role, audience, formats, frequency and owner."),
    ),
)
STEP_KEYS = tuple(step.key for step in STRATEGY_STEPS)


def step_named(key: str) -> StrategyStep:
    return next(step for step in STRATEGY_STEPS if step.key == key)


def _inputs(plan_data: PlanData) -> str | None:
    plan = plan_data.plan
    if not plan.business_strategy.strip() or not plan.marketing_strategy.strip():
        return _("write both the business and the marketing strategy")
    return None


def _problem(plan_data: PlanData) -> str | None:
    return None if plan_data.plan.problem_statement.strip() else _("write the problem statement")


def _personas(plan_data: PlanData) -> str | None:
    return None if plan_data.personas else _("describe at least one persona")


def _goals(plan_data: PlanData) -> str | None:
    return None if plan_data.goals else _("set at least one SMART objective")


def _behaviour(plan_data: PlanData) -> str | None:
    return None if plan_data.behaviour else _("record where at least one persona is online")


def _channels(plan_data: PlanData) -> str | None:
    if not plan_data.channels:
        return _("choose at least one channel")
    return _missing(
        _("give a reason for"), [c.name for c in plan_data.channels if not c.reason.strip()]
    )


def _content(plan_data: PlanData) -> str | None:
    if not plan_data.pillars:
        return _("name at least one content pillar")
    return _missing(_("give a content pillar to stage"), [s.name for s in bare_stages(plan_data)])


def _frameworks(plan_data: PlanData) -> str | None:
    return None if plan_data.plan.tone.strip() else _("describe the tone of voice")


def _integration(plan_data: PlanData) -> str | None:
    if not plan_data.activities:
        return _("list the social activities and what they connect to")
    return _missing(_("connect"), [a.name for a in island_activities(plan_data)])


def _media(plan_data: PlanData) -> str | None:
    if not plan_data.channels:
        return _("choose channels first (Channel selection)")
    incomplete = [
        c.name
        for c in plan_data.channels
        if not (c.role.strip() and c.audience.strip() and c.owner.strip())
    ]
    return _missing(_("give a role, audience and owner to"), incomplete)


def _missing(what: str, names: list[str]) -> str | None:
    return f"{what} {', '.join(names)}" if names else None


GAPS: dict[str, Callable[[PlanData], str | None]] = {
    "inputs": _inputs,
    "problem": _problem,
    "personas": _personas,
    "goals": _goals,
    "behaviour": _behaviour,
    "channels": _channels,
    "content": _content,
    "frameworks": _frameworks,
    "integration": _integration,
    "media": _media,
}
"""Per step: what is still missing before it can be marked complete, or None."""


def step_gap(key: str, plan_data: PlanData) -> str | None:
    return GAPS[key](plan_data)


class StepState(Labelled):
    OPEN = "open"
    COMPLETE = "complete"
    REOPENED = "reopened"
    """Marked complete, but something it needs has gone missing since."""

    @property
    def mark(self) -> str:
        return {"open": "○", "complete": "✓", "reopened": "⚠"}[self.value]


@frozen
class StepStatus:
    step: StrategyStep
    number: int
    state: StepState
    gap: str | None


@frozen
class StrategyProgress:
    steps: tuple[StepStatus, ...]

    @property
    def complete(self) -> int:
        return sum(1 for s in self.steps if s.state is StepState.COMPLETE)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def next_step(self) -> StepStatus | None:
        """The first step that is not complete: where the team goes on."""
        return next((s for s in self.steps if s.state is not StepState.COMPLETE), None)

    def describe(self) -> str:
        following = self.next_step
        then = (
            _(" · next: {number}. {title}").format(
                number=following.number, title=following.step.title
            )
            if following
            else ""
        )
        return _("{complete} of {total} steps complete{then}").format(
            complete=self.complete, total=self.total, then=then
        )


def strategy_progress(plan_data: PlanData) -> StrategyProgress:
    marked = set(plan_data.plan.completed_steps)
    statuses = []
    for number, step in enumerate(STRATEGY_STEPS, start=1):
        gap = step_gap(step.key, plan_data)
        if step.key not in marked:
            state = StepState.OPEN
        else:
            state = StepState.REOPENED if gap else StepState.COMPLETE
        statuses.append(StepStatus(step, number, state, gap))
    return StrategyProgress(tuple(statuses))


def toggle_step(key: str, plan_data: PlanData) -> Plan:
    """The plan with step ``key`` marked complete, or unmarked when it was marked.

    A step with something missing is refused, with what is missing.
    """
    plan = plan_data.plan
    marked = [k for k in plan.completed_steps if k in STEP_KEYS]
    if key in marked:
        return replace(plan, completed_steps=tuple(k for k in marked if k != key))
    gap = step_gap(key, plan_data)
    if gap is not None:
        raise InvalidInputError(key, _("not complete yet: {gap}").format(gap=gap))
    done = set(marked) | {key}
    return replace(plan, completed_steps=tuple(k for k in STEP_KEYS if k in done))
