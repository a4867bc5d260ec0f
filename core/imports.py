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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from datetime import date
from typing import Any

from .frozen import frozen
from .i18n import _, ngettext
from .model import PLATFORM_NAMES, Channel, ContentItem, Labelled, Result
from .plan_data import PlanData
from .schedule import local_time
from .validation import InvalidInputError


@frozen
class MeasuredPost:
    """One row of an analytics export, in the plan's terms."""

    line: int
    """Where the row is in the file, for messages."""
    platform: str
    """'linkedin', 'facebook', 'instagram', 'x' or 'youtube': also the channel it belongs to."""
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
    "youtube": ("youtube",),
}


def channel_for(platform: str, plan_data: PlanData, chosen: str | None = None) -> Channel:
    """The channel a platform's results go to: the one the user names (``chosen``), else
    the one remembered for the platform, else the one called after it."""
    if chosen is not None:
        named = plan_data.channel_named(chosen)
        if named is None:
            raise InvalidInputError(
                "channel",
                _("the plan has no channel named {name}; its channels are {names}").format(
                    name=chosen, names=_channel_list(plan_data)
                ),
            )
        return named
    remembered = next((c for c in plan_data.channels if c.imports_from == platform), None)
    if remembered is not None:
        return remembered
    names = CHANNEL_NAMES[platform]
    found = next((c for c in plan_data.channels if c.name.strip().casefold() in names), None)
    if found is None:
        raise InvalidInputError(
            "channel",
            _(
                "no channel of the plan is called {platform}: choose the one these results "
                "belong to ({names})"
            ).format(platform=PLATFORM_NAMES[platform], names=_channel_list(plan_data)),
        )
    return found


def _channel_list(plan_data: PlanData) -> str:
    return ", ".join(c.name for c in plan_data.channels) or _("none yet: add one first")


class Why(Labelled):
    """Why a row was matched to a planned post, said in the review."""

    PERMALINK = "permalink"
    """The address an earlier import stored on the post."""
    LINK = "link"
    DAY_AND_TEXT = "day and title"
    BY_HAND = "by hand"
    NONE = "no match"


@frozen
class RowMatch:
    post: MeasuredPost
    result: Result
    """The result the row becomes (its ``item`` set when matched, ``id`` when replacing)."""
    why: Why = Why.NONE
    before: Result | None = None
    """The result of an earlier import (or typed in) that this row replaces."""

    @property
    def matched(self) -> bool:
        return self.result.item is not None

    @property
    def replaces(self) -> bool:
        return bool(self.result.id)


@frozen
class ImportPlan:
    platform: str
    channel: Channel
    rows: tuple[RowMatch, ...]
    items: Mapping[int, ContentItem] = field(default_factory=dict)
    """The planned posts rows can match, by id (the ones whose permalink an import sets)."""
    remembers: bool = False
    """The channel was chosen for this platform now: the import remembers it."""

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
        how = f" ({self.matched_by()})" if self.matched_by() else ""
        return f"{parts[0]}: {parts[1]}{how}, {unmatched_part}; {saving}"

    def label(self, count: int) -> str:
        """The undo label of saving ``count`` of its results."""
        return ngettext(
            "import {count} {platform} result", "import {count} {platform} results", count
        ).format(count=count, platform=self.platform_name)

    def with_item(self, position: int, item: int | None) -> ImportPlan:
        """The plan with row ``position`` matched to ``item`` (None: a channel total)."""
        rows = list(self.rows)
        row = rows[position]
        why = Why.BY_HAND if item is not None else Why.NONE
        rows[position] = replace(row, result=replace(row.result, item=item), why=why)
        return replace(self, rows=tuple(rows))

    def results(self, *, keep_unmatched: bool = True) -> tuple[Result, ...]:
        return tuple(r.result for r in self.rows if r.matched or keep_unmatched)

    def entities(self, *, keep_unmatched: bool = True) -> tuple[Any, ...]:
        """Everything the import saves, in one edit: the results; each matched post with
        the permalink the platform gave it; the channel, remembering the platform."""
        published = {}
        for row in self.rows:
            item = self.items.get(row.result.item or 0)
            address = row.post.post_ref
            if item is not None and "://" in address and item.permalink != address:
                published[item.id] = replace(item, permalink=address)
        remembered = (self.channel,) if self.remembers else ()
        return (*self.results(keep_unmatched=keep_unmatched), *published.values(), *remembered)

    def matched_by(self) -> str:
        """How the rows were matched: 'permalink 3, link 1, day and title 6'."""
        counts: Counter[Why] = Counter(row.why for row in self.rows)
        return ", ".join(
            f"{why.label} {counts[why]}" for why in Why if counts[why] and why is not Why.NONE
        )

    def measures(self) -> str:
        """The figures the rows bring, and so the engagement rate they feed: 'reach,
        impressions, engagements; engagement rate on reach and on impressions'."""
        names = ("reach", "impressions", "engagements", "clicks")
        brought = [n for n in names if any(getattr(r.post, n) for r in self.rows)]
        rates = (
            [basis for basis in ("reach", "impressions") if basis in brought]
            if "engagements" in brought
            else []
        )
        if not rates:
            rate = _("no engagement rate")
        elif len(rates) == 2:
            rate = _("engagement rate on reach and on impressions")
        elif rates == ["impressions"]:
            rate = _("engagement rate on impressions (the export has no reach)")
        else:
            rate = _("engagement rate on reach")
        figures = ", ".join(_(n) for n in brought) or _("no figures")
        return f"{figures}; {rate}"

    def changes(self) -> str:
        """What the rows replacing an earlier import change: 'impressions 12,400 → 13,020,
        engagements 610 → 655'; empty when none replaces one."""
        replacing = [row for row in self.rows if row.before is not None]
        if not replacing:
            return ""
        parts = []
        for name in ("reach", "impressions", "engagements", "clicks"):
            old = sum(getattr(row.before, name) for row in replacing)
            new = sum(getattr(row.result, name) for row in replacing)
            if old != new:
                parts.append(f"{_(name)} {old:,} → {new:,}")
        return ", ".join(parts) or _("the same figures")


def plan_import(
    plan_data: PlanData,
    platform: str,
    posts: Sequence[MeasuredPost],
    channel_name: str | None = None,
) -> ImportPlan:
    """What importing ``posts`` into ``plan_data`` does: each row matched to a planned post
    (``Matcher``) or kept as a channel total, replacing what an earlier import of the same
    post, or figures typed in for that post and day, said."""
    channel = channel_for(platform, plan_data, channel_name)
    remembers = channel.imports_from != platform
    if remembers:
        channel = replace(channel, imports_from=platform)
    earlier = {r.post_ref: r for r in plan_data.results if r.source == platform and r.post_ref}
    typed = {(r.item, r.period_start): r for r in plan_data.results if r.item and not r.source}
    candidates = [i for i in plan_data.items if i.channel == channel.id and i.scheduled_at]
    matcher = Matcher(candidates, plan_data.plan.timezone)
    rows = []
    for post in posts:
        item, why = matcher.match(post)
        before = earlier.get(post.post_ref)
        if before is None and item is not None:
            before = typed.pop((item.id, post.posted), None)
        rows.append(RowMatch(post, _result(post, channel, item, before), why, before))
    return ImportPlan(platform, channel, tuple(rows), {i.id: i for i in candidates}, remembers)


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


class Matcher:
    """Finds the planned post a row is about: the one an earlier import gave the row's
    permalink, else the one whose link it is, else the only one posted that day whose
    title shares most of its words with the row's text. Indexed once, so 5,000 rows
    against 10,000 posts are not 50 million comparisons."""

    def __init__(self, candidates: Sequence[ContentItem], timezone: str) -> None:
        self.by_permalink = _unique((_address(i.permalink), i) for i in candidates if i.permalink)
        self.by_link = _unique((_address(i.link), i) for i in candidates if i.link)
        self.by_day: dict[date, list[ContentItem]] = {}
        for item in candidates:
            if item.scheduled_at is not None:
                day = local_time(item.scheduled_at, timezone).date()
                self.by_day.setdefault(day, []).append(item)

    def match(self, post: MeasuredPost) -> tuple[ContentItem | None, Why]:
        ref = _address(post.post_ref)
        if (item := self.by_permalink.get(ref)) is not None:
            return item, Why.PERMALINK
        if (item := self.by_link.get(ref)) is not None:
            return item, Why.LINK
        text = words(post.text)
        same_day = self.by_day.get(post.posted, [])
        fitting = [i for i in same_day if _shares_words(words(i.title), text)]
        if len(fitting) == 1:
            return fitting[0], Why.DAY_AND_TEXT
        if len(same_day) == 1 and not text:
            return same_day[0], Why.DAY_AND_TEXT
        return None, Why.NONE


def _address(link: str) -> str:
    return link.strip().rstrip("/")


def _unique(pairs: Iterable[tuple[str, ContentItem]]) -> dict[str, ContentItem]:
    """Addresses that name exactly one post (two posts with one link match neither)."""
    found: dict[str, ContentItem | None] = {}
    for address, item in pairs:
        found[address] = None if address in found else item
    return {address: item for address, item in found.items() if item is not None}


def _shares_words(title: set[str], text: set[str]) -> bool:
    return bool(title) and len(title & text) >= max(1, len(title) // 2)
