"""KPI formulas. Aggregate by summing the counts first, then divide: never average ratios.

Every rate returns ``None`` when its denominator is zero, so "no data" is never shown as 0%.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

from .frozen import frozen
from .i18n import N_, _
from .model import Result


@frozen
class Totals:
    """The results of a period added up: the inputs of every KPI formula."""

    reach: int = 0
    impressions: int = 0
    engagements: int = 0
    clicks: int = 0
    conversions: int = 0
    followers_start: int = 0
    followers_end: int = 0
    cost: float = 0.0
    value: float = 0.0


FOLLOWERS = ("followers_start", "followers_end")
COUNTS = tuple(f.name for f in fields(Totals) if f.name not in FOLLOWERS)


def totals(results: Iterable[Result]) -> Totals:
    """Counts and money summed. Followers are a level, not a flow: per channel the count at
    the start of its earliest period and at the end of its latest, then summed."""
    sums: dict[str, float] = dict.fromkeys(COUNTS, 0)
    first: dict[int | None, Result] = {}
    last: dict[int | None, Result] = {}
    for result in results:
        for name in COUNTS:
            sums[name] += getattr(result, name)
        if result.followers_start or result.followers_end:
            key = result.channel
            if key not in first or result.period_start < first[key].period_start:
                first[key] = result
            if key not in last or result.period_end > last[key].period_end:
                last[key] = result
    return Totals(
        **sums,  # type: ignore[arg-type]
        followers_start=sum(r.followers_start for r in first.values()),
        followers_end=sum(r.followers_end for r in last.values()),
    )


def percent(part: float, whole: float) -> float | None:
    return 100 * part / whole if whole else None


def engagement_rate_by_reach(t: Totals) -> float | None:
    return percent(t.engagements, t.reach)


def engagement_rate_by_impressions(t: Totals) -> float | None:
    return percent(t.engagements, t.impressions)


def click_through_rate(t: Totals) -> float | None:
    return percent(t.clicks, t.impressions)


def conversion_rate(t: Totals) -> float | None:
    return percent(t.conversions, t.clicks)


def follower_growth(t: Totals) -> float | None:
    return percent(t.followers_end - t.followers_start, t.followers_start)


def cost_per_click(t: Totals) -> float | None:
    return t.cost / t.clicks if t.clicks else None


def cost_per_acquisition(t: Totals) -> float | None:
    return t.cost / t.conversions if t.conversions else None


def social_roi(t: Totals) -> float | None:
    """(value − cost) ÷ cost × 100; cost includes ad spend, tools and staff time."""
    return percent(t.value - t.cost, t.cost)


def share_of_voice(own_mentions: int, competitor_mentions: int) -> float | None:
    return percent(own_mentions, own_mentions + competitor_mentions)


KPI_FORMULAS = {
    "engagement rate (reach)": engagement_rate_by_reach,
    "engagement rate (impressions)": engagement_rate_by_impressions,
    "click-through rate": click_through_rate,
    "conversion rate": conversion_rate,
    "follower growth": follower_growth,
    "cost per click": cost_per_click,
    "cost per acquisition": cost_per_acquisition,
    "social ROI": social_roi,
}
"""The KPIs computed from result totals, by the name a goal's ``kpi`` field uses."""

KPI_NAMES = (
    *(N_("reach"), N_("impressions"), N_("engagements"), N_("clicks"), N_("conversions")),
    *(N_("cost"), N_("value"), N_("followers_start"), N_("followers_end")),
    *(N_("engagement rate (reach)"), N_("engagement rate (impressions)")),
    *(N_("click-through rate"), N_("conversion rate"), N_("follower growth")),
    *(N_("cost per click"), N_("cost per acquisition"), N_("social ROI")),
)
"""Every KPI name the formulas and totals know, marked for the catalog."""


def kpi_label(name: str) -> str:
    """A KPI's name in the interface's language; a name we do not know, as typed."""
    return _(name) if name in KPI_NAMES else name


@frozen
class MeasuredKpi:
    """A KPI socialplan computes from results, with what it is counted over."""

    key: str
    """As a goal stores it: a name of ``KPI_FORMULAS`` or of a ``Totals`` count."""
    english_basis: str

    @property
    def label(self) -> str:
        return _("{name} ({basis})").format(name=kpi_label(self.key), basis=_(self.english_basis))


MEASURED_KPIS = (
    MeasuredKpi("reach", N_("people reached, summed")),
    MeasuredKpi("impressions", N_("times shown, summed")),
    MeasuredKpi("engagements", N_("reactions, comments, shares, summed")),
    MeasuredKpi("engagement rate (reach)", N_("engagements ÷ reach")),
    MeasuredKpi("engagement rate (impressions)", N_("engagements ÷ impressions")),
    MeasuredKpi("clicks", N_("clicks, summed")),
    MeasuredKpi("click-through rate", N_("clicks ÷ impressions")),
    MeasuredKpi("followers_end", N_("followers at the end of the latest period")),
    MeasuredKpi("follower growth", N_("growth ÷ followers at the start")),
    MeasuredKpi("conversions", N_("leads and sales, summed")),
    MeasuredKpi("conversion rate", N_("conversions ÷ clicks")),
    MeasuredKpi("value", N_("what leads and sales are worth, summed")),
    MeasuredKpi("cost per acquisition", N_("cost ÷ conversions")),
    MeasuredKpi("cost per click", N_("cost ÷ clicks")),
    MeasuredKpi("social ROI", N_("(value − cost) ÷ cost")),
)
"""The KPIs a goal can choose, each computed over its own denominator: engagement by reach
and by impressions are two KPIs, never one figure mixed from both."""
MEASURED_KEYS = frozenset(k.key for k in MEASURED_KPIS)


def is_measured(kpi: str) -> bool:
    return kpi in MEASURED_KEYS


def is_custom(kpi: str) -> bool:
    """A KPI a goal names but Measure cannot compute: its values are typed in per period."""
    return bool(kpi.strip()) and not is_measured(kpi)
