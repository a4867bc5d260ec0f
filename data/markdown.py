"""The complete strategy as a Markdown document, in the SocialStrategyModel's order.

The foundation (internal support) comes first, then the plan from problem statement to
integration, then the posting slots and the consistency checks. Lists become tables; user
text is escaped so a ``|`` or a leading ``#`` cannot break the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from socialplan.core.checks import consistency_checks
from socialplan.core.model import PlanData
from socialplan.core.recurrence import describe_rules, stored_rules
from socialplan.core.schedule import local_time
from socialplan.core.steps import STRATEGY_STEPS, strategy_progress
from socialplan.core.summaries import support_summary
from socialplan.core.validation import clean_text

from .files import atomic_replace

SECTIONS = (
    "Internal organisation",
    *(step.title for step in STRATEGY_STEPS),
    "Consistency checks",
)
"""The document's second-level headings, in order: the foundation, the Strategy steps."""


def plan_markdown(data: PlanData, now: datetime) -> str:
    plan = data.plan
    iteration = data.current_iteration()
    lines = [f"# {inline(plan.name)}", ""]
    named = f" ({inline(iteration.name)})" if iteration else ""
    lines += [f"Social media plan, iteration {plan.current_iteration}{named}.", ""]
    lines += [f"Strategy: {strategy_progress(data).describe()}.", ""]
    lines += [f"Exported {now:%Y-%m-%d %H:%M} UTC by socialplan.", ""]
    for title, body in zip(SECTIONS, _bodies(data, now), strict=True):
        lines += [f"## {title}", "", *body, ""]
    return "\n".join(lines).rstrip() + "\n"


def write_plan_markdown(data: PlanData, path: Path, now: datetime) -> None:
    """Write the document to ``path`` atomically (a reader never sees half of it)."""
    atomic_replace(path, plan_markdown(data, now).encode())


def _bodies(data: PlanData, now: datetime) -> Iterable[list[str]]:
    yield _organisation(data, local_time(now, data.plan.timezone).date())
    yield _strategy(data)
    yield _problem(data)
    yield _personas(data)
    yield _goals(data)
    yield _behaviour(data)
    yield _channels(data)
    yield _stages(data)
    yield _frameworks(data)
    yield _integration(data)
    yield _media_plan(data)
    yield _checks(data)


def inline(text: object) -> str:
    """User text on one line, safe inside a paragraph, a heading or a table cell."""
    flat = " ".join(clean_text(str(text), multiline=True).split())
    flat = flat.replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"^([#>*+-]|\d+\.)", r"\\\1", flat)


def paragraphs(text: str, empty: str) -> list[str]:
    """Multi-line user text as paragraphs, each escaped like ``inline``."""
    blocks = [inline(block) for block in clean_text(text, multiline=True).split("\n\n")]
    return [block for block in blocks if block] or [f"_{empty}_"]


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], empty: str) -> list[str]:
    rendered = [[inline(cell) for cell in row] for row in rows]
    if not rendered:
        return [f"_{empty}_"]
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join(" --- " for _ in headers) + "|",
        *("| " + " | ".join(row) + " |" for row in rendered),
    ]


def _organisation(data: PlanData, today: date) -> list[str]:
    return [
        "### Support base",
        "",
        f"Stakeholders per support level: {support_summary(data, today).describe()}.",
        "",
        *table(
            ("Name", "Role", "Department", "Support", "Influence", "Next action"),
            (
                (s.name, s.role, s.department, s.support.value, s.influence.value, s.next_action)
                for s in data.stakeholders
            ),
            "No stakeholders yet.",
        ),
        "",
        "### Change management",
        "",
        *table(
            ("Action", "Owner", "Due", "Done"),
            (
                (a.title, a.owner, a.due or "", "yes" if a.done else "no")
                for a in data.change_actions
            ),
            "No change actions yet.",
        ),
        "",
        "### Culture",
        "",
        *paragraphs(data.plan.culture_notes, "No culture notes yet."),
        "",
        "### Project team",
        "",
        *table(("Name", "Role"), ((m.name, m.role) for m in data.team), "No team yet."),
    ]


def _strategy(data: PlanData) -> list[str]:
    plan = data.plan
    return [
        "### Business strategy",
        "",
        *paragraphs(plan.business_strategy, "Not written yet."),
        "",
        "### Marketing strategy",
        "",
        *paragraphs(plan.marketing_strategy, "Not written yet."),
    ]


def _problem(data: PlanData) -> list[str]:
    return [
        *paragraphs(data.plan.problem_statement, "No problem statement yet."),
        "",
        "Points of attention:",
        "",
        *_bullets(data.plan.points_of_attention),
    ]


def _personas(data: PlanData) -> list[str]:
    lines: list[str] = []
    for persona in data.personas:
        lines += [f"### {inline(persona.name)}", ""]
        for label, value in (
            ("Role", persona.role),
            ("Goals", persona.goals),
            ("Pain points", persona.pain_points),
            ("Objections", persona.objections),
            ("Triggers", persona.triggers),
            ("Preferred formats", persona.preferred_formats),
            ("Content habits", persona.content_habits),
        ):
            if value.strip():
                lines.append(f"- **{label}:** {inline(value)}")
        lines.append("")
    return lines[:-1] if lines else ["_No personas yet._"]


def _goals(data: PlanData) -> list[str]:
    return table(
        ("Objective", "KPI", "Target", "Deadline", "Channels"),
        (
            (
                g.title,
                g.kpi,
                f"{g.target:g} {g.unit}".strip() if g.target is not None else "",
                g.deadline or "",
                ", ".join(data.channel_name(c) for c in g.channels),
            )
            for g in data.goals
        ),
        "No objectives yet.",
    )


def _behaviour(data: PlanData) -> list[str]:
    personas = {p.id: p.name for p in data.personas}
    return table(
        ("Persona", "Channel", "Present", "Activity", "When"),
        (
            (
                personas.get(b.persona, "?"),
                data.channel_name(b.channel),
                "yes" if b.present else "no",
                b.activity.value,
                b.when,
            )
            for b in data.behaviour
        ),
        "No online behaviour recorded.",
    )


def _channels(data: PlanData) -> list[str]:
    return table(
        ("Channel", "Posts per week", "Posting slots", "Why"),
        (
            (c.name, c.planned_per_week, describe_rules(stored_rules(c.slots)), c.reason)
            for c in data.channels
        ),
        "No channels chosen.",
    )


def _stages(data: PlanData) -> list[str]:
    return table(
        ("Stage", "Formats", "Content pillars", "About"),
        (
            (
                s.name,
                s.formats,
                ", ".join(p.name for p in data.pillars if s.id in p.stages),
                s.description,
            )
            for s in data.ordered_stages()
        ),
        "No journey stages.",
    )


def _frameworks(data: PlanData) -> list[str]:
    plan = data.plan
    budget = f"{plan.budget:,.2f} per iteration" if plan.budget is not None else "not set"
    hours = f"{plan.hours_per_week:g} a week" if plan.hours_per_week is not None else "not set"
    return [
        "### Tone of voice",
        "",
        *paragraphs(plan.tone, "Not described yet."),
        "",
        "### Do's",
        "",
        *_bullets(plan.dos),
        "",
        "### Don'ts",
        "",
        *_bullets(plan.donts),
        "",
        f"Budget: {budget}. Team time: {hours}.",
    ]


def _bullets(lines: Sequence[str]) -> list[str]:
    return [f"- {inline(line)}" for line in lines] or ["_None yet._"]


def _integration(data: PlanData) -> list[str]:
    return table(
        ("Social activity", "Connects to", "Channels"),
        (
            (
                a.name,
                ", ".join(t for t in a.connects_to if t.strip()) or "nothing (an island)",
                ", ".join(data.channel_name(c) for c in a.channels),
            )
            for a in data.activities
        ),
        "No social activities recorded.",
    )


def _media_plan(data: PlanData) -> list[str]:
    return table(
        ("Channel", "Role", "Audience", "Formats", "Posts per week", "Owner"),
        (
            (c.name, c.role, c.audience, c.formats, c.planned_per_week, c.owner)
            for c in data.channels
        ),
        "No channels chosen.",
    )


def _checks(data: PlanData) -> list[str]:
    lines = []
    for check in consistency_checks(data):
        lines.append(f"- {'✓' if check.ok else '⚠'} {check.title}")
        lines += [f"  - {inline(problem)}" for problem in check.problems]
    return lines
