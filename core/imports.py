"""Measured posts from a platform's analytics export, matched to the plan's items.

Reading the file is ``data``'s job; this module decides, for rows already read, which
planned item each row is about (by link, else by day and text), and what importing them
changes: a row imported before replaces its earlier result (same platform and post), so a
re-import never doubles; a row about a post whose figures were typed in for that day
replaces those (the platform's count is the better one), keeping the typed-in costs and
value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .i18n import _, ngettext
from .model import Channel, ContentItem, Result
from .plan_data import PlanData
from .schedule import local_time
from .validation import InvalidInputError

PLATFORM_NAMES = {
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
}
"""How each platform writes its own name."""


@dataclass(frozen=True, slots=True)
class MeasuredPost:
    """One row of an analytics export, in the plan's terms."""

    line: int
    """Where the row is in the file, for messages."""
    platform: str
    """'linkedin', 'facebook', 'instagram' or 'x': also the channel it belongs to."""
    post_ref: str
    posted: date
    text: str
    reach: int = 0
    impressions: int = 0
    engagements: int = 0
    clicks: int = 0
    conversions: int = 0


CHANNEL_NAMES = {
    "linkedin": ("linkedin",),
    "facebook": ("facebook",),
    "instagram": ("instagram",),
    "x": ("x", "twitter", "x (twitter)"),
}


def channel_for(platform: str, plan_data: PlanData) -> Channel:
    names = CHANNEL_NAMES[platform]
    found = next((c for c in plan_data.channels if c.name.strip().lower() in names), None)
    if found is None:
        raise InvalidInputError(
            "channel",
            _("the plan has no channel named {title}: add it first").format(title=names[0].title()),
        )
    return found


@dataclass(frozen=True, slots=True)
class RowMatch:
    post: MeasuredPost
    result: Result
    """The result the row becomes (its ``item`` set when matched, ``id`` when replacing)."""

    @property
    def matched(self) -> bool:
        return self.result.item is not None

    @property
    def replaces(self) -> bool:
        return bool(self.result.id)


@dataclass(frozen=True, slots=True)
class ImportPlan:
    platform: str
    channel: Channel
    rows: tuple[RowMatch, ...]

    @property
    def unmatched(self) -> tuple[RowMatch, ...]:
        return tuple(r for r in self.rows if not r.matched)

    @property
    def platform_name(self) -> str:
        return PLATFORM_NAMES.get(self.platform, self.platform)

    def describe(self, *, keep_unmatched: bool = True) -> str:
        """What the import holds and will do: '12 LinkedIn posts: 10 matched to planned
        posts, 2 unmatched, kept as LinkedIn totals; 12 new'."""
        matched = len(self.rows) - len(self.unmatched)
        unmatched = len(self.unmatched)
        saved = [r for r in self.rows if r.matched or keep_unmatched]
        replacing = sum(1 for r in saved if r.replaces)
        parts = [
            ngettext("{count} {platform} post", "{count} {platform} posts", len(self.rows)).format(
                count=len(self.rows), platform=self.platform_name
            ),
            ngettext(
                "{count} matched to a planned post", "{count} matched to planned posts", matched
            ).format(count=matched),
        ]
        if keep_unmatched:
            unmatched_part = ngettext(
                "{count} unmatched, kept as {name} totals unless matched",
                "{count} unmatched, kept as {name} totals unless matched",
                unmatched,
            ).format(count=unmatched, name=self.channel.name)
        else:
            unmatched_part = ngettext(
                "{count} unmatched, skipped", "{count} unmatched, skipped", unmatched
            ).format(count=unmatched)
        saving = ngettext("{count} new", "{count} new", len(saved) - replacing).format(
            count=len(saved) - replacing
        )
        if replacing:
            saving += ", " + ngettext(
                "{count} replacing an earlier import",
                "{count} replacing earlier imports",
                replacing,
            ).format(count=replacing)
        return f"{parts[0]}: {parts[1]}, {unmatched_part}; {saving}"

    def label(self, count: int) -> str:
        """The undo label of saving ``count`` of its results."""
        return ngettext(
            "import {count} {platform} result", "import {count} {platform} results", count
        ).format(count=count, platform=self.platform_name)

    def with_item(self, position: int, item: int | None) -> ImportPlan:
        """The plan with row ``position`` matched to ``item`` (None: a channel total)."""
        rows = list(self.rows)
        rows[position] = replace(rows[position], result=replace(rows[position].result, item=item))
        return replace(self, rows=tuple(rows))

    def results(self) -> tuple[Result, ...]:
        return tuple(r.result for r in self.rows)


def plan_import(plan_data: PlanData, platform: str, posts: Sequence[MeasuredPost]) -> ImportPlan:
    channel = channel_for(platform, plan_data)
    earlier = {r.post_ref: r for r in plan_data.results if r.source == platform and r.post_ref}
    typed = {(r.item, r.period_start): r for r in plan_data.results if r.item and not r.source}
    candidates = [i for i in plan_data.items if i.channel == channel.id and i.scheduled_at]
    rows = []
    for post in posts:
        item = match_item(post, candidates, plan_data.plan.timezone)
        before = earlier.get(post.post_ref)
        if before is None and item is not None:
            before = typed.pop((item.id, post.posted), None)
        rows.append(RowMatch(post, _result(post, channel, item, before)))
    return ImportPlan(platform, channel, tuple(rows))


def _result(
    post: MeasuredPost, channel: Channel, item: ContentItem | None, before: Result | None
) -> Result:
    result = Result(
        period_start=post.posted,
        period_end=post.posted,
        item=item.id if item else None,
        channel=channel.id,
        reach=post.reach,
        impressions=post.impressions,
        engagements=post.engagements,
        clicks=post.clicks,
        conversions=post.conversions,
        source=post.platform,
        post_ref=post.post_ref,
    )
    if before is None:
        return result
    kept_item = result.item if result.item is not None else before.item
    return replace(
        result,
        id=before.id,
        item=kept_item,
        ad_spend=before.ad_spend,
        tool_cost=before.tool_cost,
        hours=before.hours,
        hourly_rate=before.hourly_rate,
        value=before.value,
    )


WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if len(w) > 2}


def match_item(
    post: MeasuredPost, candidates: Sequence[ContentItem], timezone: str
) -> ContentItem | None:
    """The planned item a row is about: the one whose link is the post's, else the only
    one posted that day whose title shares most of its words with the post's text."""
    ref = post.post_ref.rstrip("/")
    linked = [i for i in candidates if i.link and i.link.rstrip("/") == ref]
    if len(linked) == 1:
        return linked[0]
    text = words(post.text)
    same_day = [
        i
        for i in candidates
        if i.scheduled_at and local_time(i.scheduled_at, timezone).date() == post.posted
    ]
    fitting = [i for i in same_day if _shares_words(words(i.title), text)]
    if len(fitting) == 1:
        return fitting[0]
    return same_day[0] if len(same_day) == 1 and not text else None


def _shares_words(title: set[str], text: set[str]) -> bool:
    return bool(title) and len(title & text) >= max(1, len(title) // 2)
