"""The live ratio/KPI panel docked on every phase screen.

It is given ``PanelFigures`` (computed in ``core.figures``) and shows them as one block of
text styled with theme variables (``$warning`` marks anything off target). The block is
re-rendered only when what it shows has changed. One widget instead of one per line keeps
the panel cheap to start and to update.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from socialplan.core.figures import PanelFigures
from socialplan.core.slots import Pace
from socialplan.core.validation import clean_text

HEADING = "bold $accent"
LABEL = "dim"
OFF = "bold $warning"
OK = "$success"
CHANNEL_WIDTH = 12
PACE_MARK = {Pace.UNDER: "▼ under", Pace.ON_PLAN: "✓", Pace.OVER: "▲ over"}
"""Shown beside each channel's posts this week against its planned frequency."""

Part = str | tuple[str, str]


class KpiPanel(VerticalScroll, can_focus=False):
    """Ratio of the upcoming window, calls to action, this week per channel, warnings."""

    figures: reactive[PanelFigures | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Static(id="kpi-body")

    def on_mount(self) -> None:
        self.watch_figures(self.figures)

    def watch_figures(self, figures: PanelFigures | None) -> None:
        if figures is None or not self.is_mounted:
            return
        content = panel_content(figures)
        body = self.query_one("#kpi-body", Static)
        if body.content != content:
            body.update(content)


def panel_content(figures: PanelFigures) -> Content:
    """The panel's text: every figure, with what is off target in the warning style."""
    parts: list[Part] = []
    parts += _window(figures)
    parts += _channels(figures)
    parts += _checks(figures)
    parts += _warnings(figures)
    return Content.assemble(*parts)


def _window(figures: PanelFigures) -> list[Part]:
    days = (figures.window_end - figures.window_start).days
    ratio = figures.ratio
    target = f"target {ratio.target_content}:{ratio.target_promotion}"
    ratio_line = f" {ratio.describe()}  {target} {'✓' if ratio.on_target else '⚠'}\n"
    percent = figures.cta_percent
    share = "–" if percent is None else f"{percent:.0f}%"
    counts = f"{figures.cta_items} of {figures.window_items} ({share})"
    cta_line = (
        f" {counts}  min {figures.min_cta_percent}% {'✓' if figures.cta_on_target else '⚠'}\n"
    )
    return [
        (f"Upcoming {days} days\n", HEADING),
        ("Content : promotion\n", LABEL),
        (ratio_line, "" if ratio.on_target else OFF),
        ("Calls to action\n", LABEL),
        (cta_line, "" if figures.cta_on_target else OFF),
    ]


def _channels(figures: PanelFigures) -> list[Part]:
    parts: list[Part] = [("\nThis week per channel\n", HEADING)]
    if not figures.channel_weeks:
        parts.append(("No channels chosen yet\n", LABEL))
    for week in figures.channel_weeks:
        name = clean_text(week.channel)
        if len(name) > CHANNEL_WIDTH:
            name = name[: CHANNEL_WIDTH - 1] + "…"
        style = "" if week.pace is Pace.ON_PLAN else OFF
        parts.append(name.ljust(CHANNEL_WIDTH))
        parts.append((f" {week.scheduled:>2}/{week.planned:<2} {PACE_MARK[week.pace]}\n", style))
    return parts


def _checks(figures: PanelFigures) -> list[Part]:
    passing = figures.checks_total - figures.checks_failing
    mark = "⚠" if figures.checks_failing else "✓"
    line = f": {passing} of {figures.checks_total} pass {mark}\n"
    return [("\nPlan checks", HEADING), (line, OFF if figures.checks_failing else "")]


def _warnings(figures: PanelFigures) -> list[Part]:
    warnings = figures.warnings()
    if not warnings:
        return [("\n✓ Everything on target", OK)]
    return [("\n" + "\n".join(f"⚠ {clean_text(w)}" for w in warnings), "$warning")]
