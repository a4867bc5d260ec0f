"""The Strategy phase as a guided plan: the SocialStrategyModel's steps in order, what each
one asks, what is still missing before it can be called complete, and the progress.

A step counts as complete when the team has marked it so and nothing it needs has gone
missing since (a marked step whose last persona was deleted shows as reopened).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from .checks import bare_stages, island_activities
from .model import Plan, PlanData
from .validation import InvalidInputError


@dataclass(frozen=True, slots=True)
class StrategyStep:
    key: str
    title: str
    asks: str
    """The method's question for this step, shown at the top of its section."""


STRATEGY_STEPS: tuple[StrategyStep, ...] = (
    StrategyStep(
        "inputs",
        "Business and marketing strategy",
        "Social media serve the business and marketing strategy: start from both.",
    ),
    StrategyStep(
        "problem",
        "Problem statement and points of attention",
        "What problem should social media help solve, and what needs watching?",
    ),
    StrategyStep(
        "personas",
        "Target groups and personas",
        "Who are we talking to: role, goals, pain points, triggers, formats, habits.",
    ),
    StrategyStep(
        "goals",
        "SMART objectives",
        "What do we want to reach: a KPI, a target value, a deadline, the channels.",
    ),
    StrategyStep(
        "behaviour",
        "Online behaviour",
        "Where is each target group online, how active, and when?",
    ),
    StrategyStep(
        "channels",
        "Channel selection",
        "Which channels do we use, why, and how many posts a week?",
    ),
    StrategyStep(
        "content",
        "Content per journey stage",
        "Which content pillars and formats serve each stage of the customer journey?",
    ),
    StrategyStep(
        "frameworks",
        "Strategic frameworks",
        "Tone of voice, do's and don'ts, budget and the hours the team can give.",
    ),
    StrategyStep(
        "integration",
        "Integration with the marketing approach",
        "What does each social activity connect to? One connected to nothing is an island.",
    ),
    StrategyStep(
        "media",
        "Media plan",
        "Per channel: its role, audience, formats, frequency and owner.",
    ),
)
STEP_KEYS = tuple(step.key for step in STRATEGY_STEPS)


def step_named(key: str) -> StrategyStep:
    return next(step for step in STRATEGY_STEPS if step.key == key)


def _inputs(data: PlanData) -> str | None:
    plan = data.plan
    if not plan.business_strategy.strip() or not plan.marketing_strategy.strip():
        return "write both the business and the marketing strategy"
    return None


def _problem(data: PlanData) -> str | None:
    return None if data.plan.problem_statement.strip() else "write the problem statement"


def _personas(data: PlanData) -> str | None:
    return None if data.personas else "describe at least one persona"


def _goals(data: PlanData) -> str | None:
    return None if data.goals else "set at least one SMART objective"


def _behaviour(data: PlanData) -> str | None:
    return None if data.behaviour else "record where at least one persona is online"


def _channels(data: PlanData) -> str | None:
    if not data.channels:
        return "choose at least one channel"
    return _missing("give a reason for", [c.name for c in data.channels if not c.reason.strip()])


def _content(data: PlanData) -> str | None:
    if not data.pillars:
        return "name at least one content pillar"
    return _missing("give a content pillar to stage", [s.name for s in bare_stages(data)])


def _frameworks(data: PlanData) -> str | None:
    return None if data.plan.tone.strip() else "describe the tone of voice"


def _integration(data: PlanData) -> str | None:
    if not data.activities:
        return "list the social activities and what they connect to"
    return _missing("connect", [a.name for a in island_activities(data)])


def _media(data: PlanData) -> str | None:
    if not data.channels:
        return "choose channels first (Channel selection)"
    incomplete = [
        c.name
        for c in data.channels
        if not (c.role.strip() and c.audience.strip() and c.owner.strip())
    ]
    return _missing("give a role, audience and owner to", incomplete)


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


def step_gap(key: str, data: PlanData) -> str | None:
    return GAPS[key](data)


class StepState(StrEnum):
    OPEN = "open"
    COMPLETE = "complete"
    REOPENED = "reopened"
    """Marked complete, but something it needs has gone missing since."""

    @property
    def mark(self) -> str:
        return {"open": "○", "complete": "✓", "reopened": "⚠"}[self.value]


@dataclass(frozen=True, slots=True)
class StepStatus:
    step: StrategyStep
    number: int
    state: StepState
    gap: str | None


@dataclass(frozen=True, slots=True)
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
        then = f" · next: {following.number}. {following.step.title}" if following else ""
        return f"{self.complete} of {self.total} steps complete{then}"


def strategy_progress(data: PlanData) -> StrategyProgress:
    marked = set(data.plan.completed_steps)
    statuses = []
    for number, step in enumerate(STRATEGY_STEPS, start=1):
        gap = step_gap(step.key, data)
        if step.key not in marked:
            state = StepState.OPEN
        else:
            state = StepState.REOPENED if gap else StepState.COMPLETE
        statuses.append(StepStatus(step, number, state, gap))
    return StrategyProgress(tuple(statuses))


def toggle_step(key: str, data: PlanData) -> Plan:
    """The plan with step ``key`` marked complete, or unmarked when it was marked.

    A step with something missing is refused, with what is missing.
    """
    plan = data.plan
    marked = [k for k in plan.completed_steps if k in STEP_KEYS]
    if key in marked:
        return replace(plan, completed_steps=tuple(k for k in marked if k != key))
    gap = step_gap(key, data)
    if gap is not None:
        raise InvalidInputError(key, f"not complete yet: {gap}")
    done = set(marked) | {key}
    return replace(plan, completed_steps=tuple(k for k in STEP_KEYS if k in done))
