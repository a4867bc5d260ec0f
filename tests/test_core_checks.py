"""A unit test per consistency check, on the demo plan with one gap made at a time."""

from __future__ import annotations

from dataclasses import replace

from socialplan.core.checks import (
    channels_no_persona_uses,
    consistency_checks,
    goals_without_kpi,
    islands,
    personas_reached_by_no_channel,
    stages_without_pillar,
)
from socialplan.core.model import Activity, Stage
from socialplan.core.plan_data import PlanData


def test_the_demo_fails_only_on_its_island(demo_data: PlanData) -> None:
    failing = [c for c in consistency_checks(demo_data) if not c.ok]
    assert [c.title for c in failing] == ["No social activity is an island"]
    assert failing[0].problems == (
        "'Reels from the workshop' connects to nothing else in the marketing approach (an island).",
    )


def test_a_goal_without_kpi(demo_data: PlanData) -> None:
    goals = (replace(demo_data.goals[0], kpi="  "), *demo_data.goals[1:])
    result = goals_without_kpi(replace(demo_data, goals=goals))
    assert result.problems == (f"Goal '{demo_data.goals[0].title}' has no KPI.",)


def test_a_channel_no_persona_uses(demo_data: PlanData) -> None:
    behaviour = tuple(
        replace(b, activity=Activity.NONE) if b.channel == 3 else b for b in demo_data.behaviour
    )
    result = channels_no_persona_uses(replace(demo_data, behaviour=behaviour))
    assert result.problems == (
        "No persona is active on YouTube: record their online behaviour, or drop it.",
    )


def test_a_persona_reached_by_no_channel(demo_data: PlanData) -> None:
    frank = demo_data.personas[0]
    behaviour = tuple(
        replace(b, present=False) if b.persona == frank.id else b for b in demo_data.behaviour
    )
    result = personas_reached_by_no_channel(replace(demo_data, behaviour=behaviour))
    assert result.problems == (f"Persona '{frank.name}' is active on none of the chosen channels.",)


def test_behaviour_on_a_channel_that_was_not_chosen_reaches_no_one(demo_data) -> None:
    chosen = tuple(c for c in demo_data.channels if c.id != 1)
    result = personas_reached_by_no_channel(replace(demo_data, channels=chosen))
    assert result.ok == all(
        any(b.channel != 1 and b.present for b in demo_data.behaviour if b.persona == p.id)
        for p in demo_data.personas
    )


def test_a_stage_without_pillar(demo_data: PlanData) -> None:
    stages = (*demo_data.stages, Stage("Advocate", 5, id=99))
    result = stages_without_pillar(replace(demo_data, stages=stages))
    assert result.problems == ("Journey stage 'Advocate' has no content pillar.",)


def test_an_activity_with_only_blank_connections_is_an_island(demo_data) -> None:
    activities = tuple(replace(a, connects_to=(" ",)) for a in demo_data.activities)
    assert len(islands(replace(demo_data, activities=activities)).problems) == 3
