"""The live ratio/KPI panel docked on every phase screen.

It is given ``PanelFigures`` (computed in ``core.figures``) and shows them as one block of
text styled with theme variables (``$warning`` marks anything off target). The block is
re-drawn only when what it shows has changed. One widget drawing its own lines, instead
of one per line or a container around a Static, keeps the panel cheap to start and to
update.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import Static

from socialplan.core.figures import PanelFigures
from socialplan.core.i18n import N_, _, ngettext
from socialplan.core.numbers import format_number
from socialplan.core.slots import Pace
from socialplan.core.validation import clean_text

HEADING = "bold $accent"
LABEL = "dim"
OFF = "bold $warning"
OK = "$success"
PANEL_WIDTH = 34
"""Columns the full panel takes (its CSS width)."""
CHANNEL_WIDTH = 12
PACE_MARK = {Pace.UNDER: N_("▼ under"), Pace.ON_PLAN: "✓", Pace.OVER: N_("▲ over")}
"""Shown beside each channel's posts this week against its planned frequency."""

Part = str | tuple[str, str]


class KpiPanel(ScrollView, can_focus=False):
    """Ratio of the upcoming window, calls to action, this week per channel, warnings.

    The text is drawn line by line: a scrolling container holding a Static cost the first
    paint 22 M instructions (1.5%). Its lines are wrapped again only when the text, the
    width (a scroll bar comes or goes) or the styles change.
    """

    figures: var[PanelFigures | None] = var(None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.content = Content()
        """The panel's text, as ``panel_content`` made it."""
        self._lines: list[Strip] = []
        self._wrapped_for: tuple[Content, int] | None = None
        """The text and width ``_lines`` were made for."""

    def on_mount(self) -> None:
        self.watch_figures(self.figures)

    def watch_figures(self, figures: PanelFigures | None) -> None:
        if figures is None or not self.is_mounted:
            return
        self.content = panel_content(figures)
        self._wrap()

    def on_resize(self) -> None:
        self._wrap()

    def watch_show_vertical_scrollbar(self) -> None:
        self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped_for = None
        self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if (self.content, width) == self._wrapped_for:
            return
        self._wrapped_for = (self.content, width)
        self._lines = (
            Visual.to_strips(self, self.content, width, None, self.visual_style, pad=True)
            if width > 0
            else []
        )
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        if index < len(self._lines):
            return self._lines[index]
        return Strip.blank(self.scrollable_content_region.width, self.visual_style.rich_style)


class PanelStrip(Static, can_focus=False):
    """The panel folded into one line, for a terminal too narrow for both the phase and
    the panel: the ratio, calls to action, plan checks and how many warnings."""

    DEFAULT_CSS = """
    PanelStrip {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text;
    }
    """

    figures: var[PanelFigures | None] = var(None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, **kwargs)

    def watch_figures(self, figures: PanelFigures | None) -> None:
        if figures is None:
            return
        content = strip_content(figures)
        if self.content != content:
            self.update(content)


def strip_content(figures: PanelFigures) -> Content:
    """One line: what the full panel says, each figure off target in the warning style."""
    parts: list[Part] = [(_("Panel (p)"), HEADING)]
    if figures.window_items:
        ratio = figures.ratio
        line = _("  {content}:{promotion} (target {target_content}:{target_promotion}) {mark}")
        parts.append(
            _flagged(
                line.format(
                    content=ratio.content,
                    promotion=ratio.promotion,
                    target_content=ratio.target_content,
                    target_promotion=ratio.target_promotion,
                    mark=_mark(ratio.on_target),
                ),
                ratio.on_target,
            )
        )
        percent = figures.cta_percent
        share = "–" if percent is None else f"{format_number(percent, 0)}%"
        cta = _("  CTA {share} {mark}").format(share=share, mark=_mark(figures.cta_on_target))
        parts.append(_flagged(cta, figures.cta_on_target))
    else:
        parts.append((_("  no posts yet"), LABEL))
    passing = figures.checks_total - figures.checks_failing
    checks = _("  checks {passing}/{total}").format(passing=passing, total=figures.checks_total)
    parts.append(_flagged(checks, not figures.checks_failing))
    if warnings := len(figures.warnings()):
        text = ngettext("  {count} warning", "  {count} warnings", warnings)
        parts.append((text.format(count=warnings), OFF))
    return Content.assemble(*parts)


def _flagged(text: str, on_target: bool) -> Part:
    return text if on_target else (text, OFF)


def _mark(on_target: bool) -> str:
    return "✓" if on_target else "⚠"


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
    target = _("target {target_content}:{target_promotion}").format(
        target_content=ratio.target_content, target_promotion=ratio.target_promotion
    )
    ratio_line = f" {ratio.describe()}  {target} {'✓' if ratio.on_target else '⚠'}\n"
    percent = figures.cta_percent
    share = "–" if percent is None else f"{format_number(percent, 0)}%"
    counts = _("{cta_items} of {window_items} ({share})").format(
        cta_items=figures.cta_items, window_items=figures.window_items, share=share
    )
    cta_line = _(" {counts}  min {min_cta_percent}% {value}\n").format(
        counts=counts,
        min_cta_percent=figures.min_cta_percent,
        value="✓" if figures.cta_on_target else "⚠",
    )
    if not figures.window_items:
        return [
            (_("Upcoming {days} days\n").format(days=days), HEADING),
            (_("No posts yet: plan them on the Schedule (4)\n"), LABEL),
        ]
    return [
        (_("Upcoming {days} days\n").format(days=days), HEADING),
        (_("Content : promotion\n"), LABEL),
        (ratio_line, "" if ratio.on_target else OFF),
        (_("Calls to action\n"), LABEL),
        (cta_line, "" if figures.cta_on_target else OFF),
    ]


def _channels(figures: PanelFigures) -> list[Part]:
    parts: list[Part] = [(_("\nThis week per channel\n"), HEADING)]
    if not figures.channel_weeks:
        parts.append((_("No channels chosen yet\n"), LABEL))
    for week in figures.channel_weeks:
        name = clean_text(week.channel)
        if len(name) > CHANNEL_WIDTH:
            name = name[: CHANNEL_WIDTH - 1] + "…"
        style = "" if week.pace is Pace.ON_PLAN else OFF
        parts.append(name.ljust(CHANNEL_WIDTH))
        per = _("/mo") if week.by_month else ""
        mark = _(PACE_MARK[week.pace])
        parts.append((f" {week.scheduled:>2}/{week.planned:<2}{per} {mark}\n", style))
    return parts


def _checks(figures: PanelFigures) -> list[Part]:
    passing = figures.checks_total - figures.checks_failing
    mark = "⚠" if figures.checks_failing else "✓"
    line = _(": {passing} of {checks_total} pass {mark}\n").format(
        passing=passing, checks_total=figures.checks_total, mark=mark
    )
    return [(_("\nPlan checks"), HEADING), (line, OFF if figures.checks_failing else "")]


def _warnings(figures: PanelFigures) -> list[Part]:
    warnings = figures.warnings()
    if not warnings:
        return [(_("\n✓ Everything on target"), OK)]
    return [("\n" + "\n".join(f"⚠ {clean_text(w)}" for w in warnings), "$warning")]
