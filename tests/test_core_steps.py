"""The guided Strategy steps: what each step still misses, marking complete, progress."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core.model import SocialActivity
from socialplan.core.plan_data import PlanData
from socialplan.core.steps import (
    STEP_KEYS,
    STRATEGY_STEPS,
    StepState,
    step_gap,
    strategy_progress,
    toggle_step,
)
from socialplan.core.validation import InvalidInputError
from socialplan.data.demo import build_demo
from socialplan.data.store import starter_plan


def test_the_steps_follow_the_model_in_order() -> None:
    assert STEP_KEYS == (
        "inputs",
        "problem",
        "personas",
        "goals",
        "behaviour",
        "channels",
        "content",
        "frameworks",
        "integration",
        "media",
    )
    assert all(step.asks.endswith((".", "?")) for step in STRATEGY_STEPS)


def test_a_new_plan_misses_something_in_every_step() -> None:
    empty = starter_plan("New")
    gaps = {key: step_gap(key, empty) for key in STEP_KEYS}
    assert all(gaps.values()), gaps
    assert gaps["media"] == "choose channels first (Channel selection)"
    assert strategy_progress(empty).describe() == (
        "0 of 10 steps complete · next: 1. Business and marketing strategy"
    )


def test_the_demo_is_ready_everywhere_but_its_island(demo_data: PlanData) -> None:
    gaps = {key: step_gap(key, demo_data) for key in STEP_KEYS}
    assert gaps == dict.fromkeys(STEP_KEYS) | {"integration": "connect Reels from the workshop"}


@pytest.mark.parametrize(
    ("change", "key", "gap"),
    [
        (
            lambda d: replace(d, plan=replace(d.plan, marketing_strategy=" ")),
            "inputs",
            "write both the business and the marketing strategy",
        ),
        (
            lambda d: replace(d, plan=replace(d.plan, problem_statement="")),
            "problem",
            "write the problem statement",
        ),
        (
            lambda d: replace(d, personas=(), behaviour=()),
            "personas",
            "describe at least one persona",
        ),
        (lambda d: replace(d, goals=()), "goals", "set at least one SMART objective"),
        (
            lambda d: replace(d, behaviour=()),
            "behaviour",
            "record where at least one persona is online",
        ),
        (
            lambda d: replace(d, channels=(replace(d.channels[0], reason=""), *d.channels[1:])),
            "channels",
            "give a reason for LinkedIn",
        ),
        (
            lambda d: replace(d, pillars=d.pillars[:1]),
            "content",
            "give a content pillar to stage Do, Care",
        ),
        (lambda d: replace(d, pillars=()), "content", "name at least one content pillar"),
        (
            lambda d: replace(d, plan=replace(d.plan, tone="")),
            "frameworks",
            "describe the tone of voice",
        ),
        (
            lambda d: replace(d, activities=()),
            "integration",
            "list the social activities and what they connect to",
        ),
        (
            lambda d: replace(d, channels=tuple(replace(c, owner="") for c in d.channels)),
            "media",
            "give a role, audience and owner to LinkedIn, Instagram, YouTube, Newsletter",
        ),
    ],
)
def test_each_gap_names_what_is_missing(demo_data: PlanData, change, key, gap) -> None:
    assert step_gap(key, change(demo_data)) == gap


def test_a_step_with_a_gap_cannot_be_marked_complete(demo_data: PlanData) -> None:
    with pytest.raises(InvalidInputError, match="not complete yet: connect Reels") as refused:
        toggle_step("integration", demo_data)
    assert refused.value.problem.field == "integration"


def test_marking_keeps_the_model_order_and_unmarking_reopens(demo_data: PlanData) -> None:
    connected = replace(
        demo_data,
        activities=tuple(replace(a, connects_to=("Open day",)) for a in demo_data.activities),
    )
    plan = toggle_step("integration", connected)
    assert plan.completed_steps[-1] == "integration"
    assert list(plan.completed_steps) == sorted(plan.completed_steps, key=STEP_KEYS.index)
    progress = strategy_progress(replace(connected, plan=plan))
    assert progress.complete == 9
    assert progress.next_step is not None and progress.next_step.step.key == "media"
    assert "inputs" not in toggle_step("inputs", connected).completed_steps


def test_a_marked_step_that_loses_what_it_needs_is_reopened(demo_data: PlanData) -> None:
    without_tone = replace(demo_data, plan=replace(demo_data.plan, tone=""))
    status = strategy_progress(without_tone).steps[STEP_KEYS.index("frameworks")]
    assert status.state is StepState.REOPENED
    assert status.state.mark == "⚠"
    assert strategy_progress(without_tone).complete == 7
    assert strategy_progress(without_tone).next_step.step.key == "frameworks"


def test_unknown_step_keys_in_a_file_are_dropped_on_the_next_toggle(
    demo_data: PlanData,
) -> None:
    odd = replace(demo_data, plan=replace(demo_data.plan, completed_steps=("inputs", "old")))
    assert toggle_step("problem", odd).completed_steps == ("inputs", "problem")
    assert strategy_progress(odd).complete == 1


@given(st.lists(st.sampled_from(STEP_KEYS), max_size=30))
def test_toggling_twice_changes_nothing_on_a_ready_plan(keys: list[str]) -> None:
    data = READY
    for key in keys:
        twice = toggle_step(key, replace(data, plan=toggle_step(key, data)))
        assert twice.completed_steps == data.plan.completed_steps
        data = replace(data, plan=toggle_step(key, data))
    assert strategy_progress(data).complete == len(data.plan.completed_steps)


def _ready_plan() -> PlanData:
    from tests.conftest import FROZEN_NOW

    demo = build_demo(FROZEN_NOW)
    return replace(
        demo,
        plan=replace(demo.plan, completed_steps=()),
        activities=(SocialActivity("Webinar", connects_to=("Sales",)),),
        channels=tuple(
            replace(c, role=c.role or "r", audience="a", owner="o") for c in demo.channels
        ),
    )


READY = _ready_plan()
