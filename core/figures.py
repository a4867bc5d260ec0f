"""The live figures of the ratio/KPI panel and of ``socialplan status``.

One function, ``panel_figures``, computes everything both show, so the app and the
command line can never disagree.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from .channel_setup import incomplete_setup
from .checks import consistency_checks
from .frozen import frozen
from .i18n import _, ngettext
from .model import Kind
from .numbers import format_number
from .plan_data import PlanData
from .schedule import week_bounds, window_bounds
from .slots import ChannelWeek, week_paces


@frozen
class Ratio:
    """Content posts to promotional posts, and the plan's target for that ratio."""

    content: int
    promotion: int
    target_content: int
    target_promotion: int

    @property
    def on_target(self) -> bool:
        """At least target_content content posts for every target_promotion promotions."""
        return self.content * self.target_promotion >= self.target_content * self.promotion

    @property
    def per_promotion(self) -> float | None:
        """Content posts per promotional post; None when there is no promotion at all."""
        return self.content / self.promotion if self.promotion else None

    def describe(self) -> str:
        per = self.per_promotion
        actual = _("no promotion") if per is None else f"{format_number(per, 1)}:1"
        return f"{self.content} : {self.promotion} ({actual})"


@frozen
class PanelFigures:
    """The live panel's figures: the content ratio, calls to action, each channel's pace."""

    window_start: datetime
    window_end: datetime
    ratio: Ratio
    window_items: int
    cta_items: int
    min_cta_percent: int
    week_start: datetime
    channel_weeks: tuple[ChannelWeek, ...]
    empty_stages: tuple[str, ...] = ()
    """Journey stages with nothing in the upcoming window."""
    checks_failing: int = 0
    checks_total: int = 0
    setup_incomplete: tuple[str, ...] = ()
    """Channels whose set-up checklist is not done."""
    """Consistency checks of the strategy (see ``checks``)."""

    @property
    def cta_percent(self) -> float | None:
        return 100 * self.cta_items / self.window_items if self.window_items else None

    @property
    def cta_on_target(self) -> bool:
        percent = self.cta_percent
        return percent is not None and percent >= self.min_cta_percent

    def warnings(self) -> list[str]:
        """Plain-language warnings, in the order a planner should act on them."""
        found: list[str] = []
        if not self.window_items:
            found.append(_("Nothing is scheduled in the upcoming window."))
        elif not self.ratio.on_target:
            found.append(
                _(
                    "Too much promotion: {describe} is below the target "
                    "{target_content}:{target_promotion}."
                ).format(
                    describe=self.ratio.describe(),
                    target_content=self.ratio.target_content,
                    target_promotion=self.ratio.target_promotion,
                )
            )
        if self.window_items and not self.cta_items:
            found.append(_("No post in the upcoming window has a call to action."))
        elif self.window_items and not self.cta_on_target:
            found.append(
                _("Calls to action below {min_cta_percent}% of posts.").format(
                    min_cta_percent=self.min_cta_percent
                )
            )
        if self.window_items and self.empty_stages:
            found.append(
                _("No content for {join} in the window.").format(join=", ".join(self.empty_stages))
            )
        if self.setup_incomplete:
            found.append(
                _("Set-up incomplete: {join}: see Set up (3).").format(
                    join=", ".join(self.setup_incomplete)
                )
            )
        if self.checks_failing:
            found.append(
                ngettext(
                    "{count} plan check fails: see Strategy (2).",
                    "{count} plan checks fail: see Strategy (2).",
                    self.checks_failing,
                ).format(count=self.checks_failing)
            )
        for week in self.channel_weeks:
            if week.off_plan:
                found.append(
                    (
                        ngettext(
                            "{channel}: {scheduled} post this month, planned {planned} ({value}).",
                            "{channel}: {scheduled} posts this month, planned {planned} ({value}).",
                            week.scheduled,
                        )
                        if week.by_month
                        else ngettext(
                            "{channel}: {scheduled} post this week, planned {planned} ({value}).",
                            "{channel}: {scheduled} posts this week, planned {planned} ({value}).",
                            week.scheduled,
                        )
                    ).format(
                        channel=week.channel,
                        scheduled=week.scheduled,
                        planned=week.planned,
                        value=week.pace.label,
                    )
                )
        return found


def panel_figures(plan_data: PlanData, now: datetime) -> PanelFigures:
    plan = plan_data.plan
    start, end = window_bounds(now, plan.window_days)
    in_window = plan_data.scheduled_between(start, end)
    kinds = Counter(item.kind for item in in_window)
    ratio = Ratio(
        kinds[Kind.CONTENT], kinds[Kind.PROMOTION], plan.ratio_content, plan.ratio_promotion
    )
    week_start, _week_end = week_bounds(now, plan.timezone)
    checks = consistency_checks(plan_data)
    return PanelFigures(
        window_start=start,
        window_end=end,
        ratio=ratio,
        window_items=len(in_window),
        cta_items=sum(1 for i in in_window if i.cta),
        min_cta_percent=plan.min_cta_percent,
        week_start=week_start,
        channel_weeks=week_paces(plan_data, week_start),
        empty_stages=tuple(
            s.name for s in plan_data.ordered_stages() if s.id not in {i.stage for i in in_window}
        ),
        checks_failing=sum(1 for check in checks if not check.ok),
        checks_total=len(checks),
        setup_incomplete=incomplete_setup(plan_data),
    )
