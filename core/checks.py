"""Consistency checks of the strategy: the gaps the SocialStrategyModel warns about.

Each check names what it looks for and lists, in plain words, every place that fails it.
The Strategy screen shows them all; the panel and ``socialplan status`` count the failing.
"""

from __future__ import annotations

from .frozen import frozen
from .i18n import _
from .kpi import is_measured
from .model import Activity, Goal, SocialActivity, Stage
from .plan_data import PlanData


@frozen
class CheckResult:
    """One check of the plan and what fails it (nothing: it passes)."""

    title: str
    """What a plan that passes has, e.g. 'Every goal has a KPI'."""
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def consistency_checks(plan_data: PlanData) -> tuple[CheckResult, ...]:
    return (
        goals_without_kpi(plan_data),
        channels_no_persona_uses(plan_data),
        personas_reached_by_no_channel(plan_data),
        stages_without_pillar(plan_data),
        islands(plan_data),
    )


def goals_without_kpi(plan_data: PlanData) -> CheckResult:
    """A goal needs a KPI that is measured: one Measure computes, or a custom one with a
    value typed in. A custom KPI ('qualified leads') without values would pass a check
    for 'has a KPI' and never be measured."""
    typed_in = {v.goal for v in plan_data.kpi_values if v.figure is not None}
    return CheckResult(
        _("Every goal has a KPI that is measured"),
        tuple(
            _goal_kpi_problem(g)
            for g in plan_data.goals
            if not is_measured(g.kpi) and g.id not in typed_in
        ),
    )


def _goal_kpi_problem(goal: Goal) -> str:
    if not goal.kpi.strip():
        return _("Goal '{title}' has no KPI.").format(title=goal.title)
    return _(
        "Goal '{title}': the custom KPI '{kpi}' has no value yet; type one in on Measure "
        "(Custom KPIs, a)."
    ).format(title=goal.title, kpi=goal.kpi)


def _active(plan_data: PlanData) -> set[tuple[int, int]]:
    """(persona, channel) pairs where the persona is present and at least a little active."""
    return {
        (b.persona, b.channel)
        for b in plan_data.behaviour
        if b.present and b.activity is not Activity.NONE
    }


def channels_no_persona_uses(plan_data: PlanData) -> CheckResult:
    used = {channel for _, channel in _active(plan_data)}
    return CheckResult(
        _("Every chosen channel is used by a persona"),
        tuple(
            _("No persona is active on {name}: record their online behaviour, or drop it.").format(
                name=c.name
            )
            for c in plan_data.channels
            if c.id not in used
        ),
    )


def personas_reached_by_no_channel(plan_data: PlanData) -> CheckResult:
    chosen = {c.id for c in plan_data.channels}
    reached = {persona for persona, channel in _active(plan_data) if channel in chosen}
    return CheckResult(
        _("Every persona is reached on a chosen channel"),
        tuple(
            _("Persona '{name}' is active on none of the chosen channels.").format(name=p.name)
            for p in plan_data.personas
            if p.id not in reached
        ),
    )


def stages_without_pillar(plan_data: PlanData) -> CheckResult:
    return CheckResult(
        _("Every journey stage has a content pillar"),
        tuple(
            _("Journey stage '{name}' has no content pillar.").format(name=s.name)
            for s in bare_stages(plan_data)
        ),
    )


def bare_stages(plan_data: PlanData) -> list[Stage]:
    covered = {stage for pillar in plan_data.pillars for stage in pillar.stages}
    return [s for s in plan_data.ordered_stages() if s.id not in covered]


def islands(plan_data: PlanData) -> CheckResult:
    return CheckResult(
        _("No social activity is an island"),
        tuple(
            _("'{name}' connects to nothing else in the marketing approach (an island).").format(
                name=a.name
            )
            for a in island_activities(plan_data)
        ),
    )


def island_activities(plan_data: PlanData) -> list[SocialActivity]:
    return [a for a in plan_data.activities if not any(t.strip() for t in a.connects_to)]
