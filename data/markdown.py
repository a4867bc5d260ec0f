"""The complete strategy as a Markdown document, in the SocialStrategyModel's order.

The foundation (internal support) comes first, then the plan from problem statement to
integration, then the posting slots and the consistency checks. Lists become tables; user
text is escaped so a ``|`` or a leading ``#`` cannot break the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from socialplan.core.checks import consistency_checks
from socialplan.core.i18n import N_, _
from socialplan.core.kpi import kpi_label
from socialplan.core.model import Channel
from socialplan.core.numbers import format_number
from socialplan.core.plan_data import PlanData
from socialplan.core.recurrence import describe_rules, stored_rules
from socialplan.core.schedule import local_time
from socialplan.core.steps import STRATEGY_STEPS, strategy_progress
from socialplan.core.summaries import support_summary
from socialplan.core.validation import clean_text

from .files import atomic_replace

SECTIONS = (
    N_("Internal organisation"),
    *(step.english_title for step in STRATEGY_STEPS),
    N_("Consistency checks"),
)
"""The document's second-level headings, in order: the foundation, the Strategy steps."""


def plan_markdown(plan_data: PlanData, now: datetime) -> str:
    plan = plan_data.plan
    iteration = plan_data.current_iteration()
    lines = [f"# {inline(plan.name)}", ""]
    named = f" ({inline(iteration.name)})" if iteration else ""
    lines += [
        _("Social media plan, iteration {current_iteration}{named}.").format(
            current_iteration=plan.current_iteration, named=named
        ),
        "",
    ]
    lines += [
        _("Strategy: {describe}.").format(describe=strategy_progress(plan_data).describe()),
        "",
    ]
    lines += [_("Exported {now:%Y-%m-%d %H:%M} UTC by socialplan.").format(now=now), ""]
    for english, body in zip(SECTIONS, _bodies(plan_data, now), strict=True):
        title = _(english)
        lines += [f"## {title}", "", *body, ""]
    return "\n".join(lines).rstrip() + "\n"


def write_plan_markdown(plan_data: PlanData, path: Path, now: datetime) -> None:
    """Write the document to ``path`` atomically (a reader never sees half of it)."""
    atomic_replace(path, plan_markdown(plan_data, now).encode())


def _bodies(plan_data: PlanData, now: datetime) -> Iterable[list[str]]:
    yield _organisation(plan_data, local_time(now, plan_data.plan.timezone).date())
    yield _strategy(plan_data)
    yield _problem(plan_data)
    yield _personas(plan_data)
    yield _goals(plan_data)
    yield _behaviour(plan_data)
    yield _channels(plan_data)
    yield _stages(plan_data)
    yield _frameworks(plan_data)
    yield _integration(plan_data)
    yield _media_plan(plan_data)
    yield _checks(plan_data)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]!|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def inline(text: object) -> str:
    """User text on one line, safe inside a paragraph, a heading or a table cell: no
    HTML (a ``<script>`` is shown, not run), no link or image (``[x](javascript:…)`` and
    ``![](https://tracker…)`` are shown as typed), no emphasis, no block syntax."""
    flat = " ".join(clean_text(str(text), multiline=True).split())
    flat = _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat)
    flat = re.sub("[&<>]", lambda match: _HTML[match[0]], flat)
    return re.sub(r"^([#>+-]|\d+\.)", r"\\\1", flat)


def paragraphs(text: str, empty: str) -> list[str]:
    """Multi-line user text as paragraphs, each escaped like ``inline``."""
    blocks = [inline(block) for block in clean_text(text, multiline=True).split("\n\n")]
    return [block for block in blocks if block] or [f"_{empty}_"]


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    empty: str,
    cell: Callable[[object], str] = inline,
) -> list[str]:
    """A Markdown table; each cell written by ``cell`` (by default: as user text)."""
    rendered = [[cell(value) for value in row] for row in rows]
    if not rendered:
        return [f"_{empty}_"]
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join(" --- " for _ in headers) + "|",
        *("| " + " | ".join(row) + " |" for row in rendered),
    ]


def _organisation(plan_data: PlanData, today: date) -> list[str]:
    return [
        "### " + _("Support base"),
        "",
        _("Stakeholders per support level: {describe}.").format(
            describe=support_summary(plan_data, today).describe()
        ),
        "",
        *table(
            (_("Name"), _("Role"), _("Department"), _("Support"), _("Influence"), _("Next action")),
            (
                (s.name, s.role, s.department, s.support.label, s.influence.label, s.next_action)
                for s in plan_data.stakeholders
            ),
            _("No stakeholders yet."),
        ),
        "",
        "### " + _("Change management"),
        "",
        *table(
            (_("Action"), _("Owner"), _("Due"), _("Done")),
            (
                (a.title, a.owner, a.due or "", _("yes") if a.done else _("no"))
                for a in plan_data.change_actions
            ),
            _("No change actions yet."),
        ),
        "",
        "### " + _("Culture"),
        "",
        *paragraphs(plan_data.plan.culture_notes, _("No culture notes yet.")),
        "",
        "### " + _("Project team"),
        "",
        *table(
            (_("Name"), _("Role")), ((m.name, m.role) for m in plan_data.team), _("No team yet.")
        ),
    ]


def _strategy(plan_data: PlanData) -> list[str]:
    plan = plan_data.plan
    return [
        "### " + _("Business strategy"),
        "",
        *paragraphs(plan.business_strategy, _("Not written yet.")),
        "",
        "### " + _("Marketing strategy"),
        "",
        *paragraphs(plan.marketing_strategy, _("Not written yet.")),
    ]


def _problem(plan_data: PlanData) -> list[str]:
    return [
        *paragraphs(plan_data.plan.problem_statement, _("No problem statement yet.")),
        "",
        _("Points of attention:"),
        "",
        *_bullets(plan_data.plan.points_of_attention),
    ]


def _personas(plan_data: PlanData) -> list[str]:
    lines: list[str] = []
    for persona in plan_data.personas:
        lines += [f"### {inline(persona.name)}", ""]
        for label, value in (
            (_("Role"), persona.role),
            (_("Goals"), persona.goals),
            (_("Pain points"), persona.pain_points),
            (_("Objections"), persona.objections),
            (_("Triggers"), persona.triggers),
            (_("Preferred formats"), persona.preferred_formats),
            (_("Content habits"), persona.content_habits),
        ):
            if value.strip():
                lines.append(f"- **{label}:** {inline(value)}")
        lines.append("")
    return lines[:-1] if lines else [_("_No personas yet._")]


def _goals(plan_data: PlanData) -> list[str]:
    return table(
        (_("Objective"), "KPI", _("Target"), _("Deadline"), _("Channels")),
        (
            (
                g.title,
                kpi_label(g.kpi),
                f"{g.target:g} {g.unit}".strip() if g.target is not None else "",
                g.deadline or "",
                ", ".join(plan_data.channel_name(c) for c in g.channels),
            )
            for g in plan_data.goals
        ),
        _("No objectives yet."),
    )


def _behaviour(plan_data: PlanData) -> list[str]:
    personas = {p.id: p.name for p in plan_data.personas}
    return table(
        (_("Persona"), _("Channel"), _("Present"), _("Activity"), _("When")),
        (
            (
                personas.get(b.persona, "?"),
                plan_data.channel_name(b.channel),
                _("yes") if b.present else _("no"),
                b.activity.label,
                b.when,
            )
            for b in plan_data.behaviour
        ),
        _("No online behaviour recorded."),
    )


def frequency(channel: Channel) -> str:
    """Posts per week, or for a channel planned by the month, '1 a month'."""
    if channel.planned_per_month:
        return _("{count} a month").format(count=channel.planned_per_month)
    return str(channel.planned_per_week)


def _channels(plan_data: PlanData) -> list[str]:
    return table(
        (_("Channel"), _("Posts per week"), _("Posting slots"), _("Why")),
        (
            (c.name, frequency(c), describe_rules(stored_rules(c.slots)), c.reason)
            for c in plan_data.channels
        ),
        _("No channels chosen."),
    )


def _stages(plan_data: PlanData) -> list[str]:
    return table(
        (_("Stage"), _("Formats"), _("Content pillars"), _("About")),
        (
            (
                s.name,
                s.formats,
                ", ".join(p.name for p in plan_data.pillars if s.id in p.stages),
                s.description,
            )
            for s in plan_data.ordered_stages()
        ),
        _("No journey stages."),
    )


def _frameworks(plan_data: PlanData) -> list[str]:
    plan = plan_data.plan
    budget = (
        _("{currency} {budget} per iteration").format(
            currency=plan.currency, budget=format_number(plan.budget, 2)
        )
        if plan.budget is not None
        else _("not set")
    )
    hours = (
        _("{hours_per_week:g} a week").format(hours_per_week=plan.hours_per_week)
        if plan.hours_per_week is not None
        else _("not set")
    )
    return [
        "### " + _("Tone of voice"),
        "",
        *paragraphs(plan.tone, _("Not described yet.")),
        "",
        "### " + _("Do's"),
        "",
        *_bullets(plan.dos),
        "",
        "### " + _("Don'ts"),
        "",
        *_bullets(plan.donts),
        "",
        _("Budget: {budget}. Team time: {hours}.").format(budget=budget, hours=hours),
    ]


def _bullets(lines: Sequence[str]) -> list[str]:
    return [f"- {inline(line)}" for line in lines] or [_("_None yet._")]


def _integration(plan_data: PlanData) -> list[str]:
    return table(
        (_("Social activity"), _("Connects to"), _("Channels")),
        (
            (
                a.name,
                ", ".join(t for t in a.connects_to if t.strip()) or _("nothing (an island)"),
                ", ".join(plan_data.channel_name(c) for c in a.channels),
            )
            for a in plan_data.activities
        ),
        _("No social activities recorded."),
    )


def _media_plan(plan_data: PlanData) -> list[str]:
    return table(
        (_("Channel"), _("Role"), _("Audience"), _("Formats"), _("Posts per week"), _("Owner")),
        (
            (c.name, c.role, c.audience, c.formats, frequency(c), c.owner)
            for c in plan_data.channels
        ),
        _("No channels chosen."),
    )


def _checks(plan_data: PlanData) -> list[str]:
    lines = []
    for check in consistency_checks(plan_data):
        lines.append(f"- {'✓' if check.ok else '⚠'} {check.title}")
        lines += [f"  - {inline(problem)}" for problem in check.problems]
    return lines
