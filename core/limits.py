"""How long a post may be on its channel: the platforms' own limits, or the channel's.

A channel named after a platform (LinkedIn, X, Instagram, Facebook, YouTube) gets that
platform's limit unless the channel sets its own (``Channel.char_limit``). YouTube's limit
is on the video title; everywhere else it is on the post's text (its title when it has
no text yet). Instagram also allows at most 30 hashtags in a caption.
"""

from __future__ import annotations

import re

from .frozen import frozen
from .model import Channel, ContentItem

PLATFORM_LIMITS = {
    "x": 280,
    "twitter": 280,
    "linkedin": 3000,
    "instagram": 2200,
    "facebook": 63206,
    "youtube": 100,
}
"""Characters per post, by the platform's name in lower case."""
HASHTAG_LIMITS = {"instagram": 30}
TITLE_COUNTS = frozenset({"youtube"})
"""Platforms whose limit is on the title (a video's), not on the text."""
HASHTAG = re.compile(r"(?<!\w)#\w+")


@frozen
class Length:
    """A post's length against its channel's limits; ``limit`` None: no limit known."""

    count: int
    limit: int | None
    hashtags: int = 0
    hashtag_limit: int | None = None

    @property
    def over(self) -> bool:
        too_long = self.limit is not None and self.count > self.limit
        too_many = self.hashtag_limit is not None and self.hashtags > self.hashtag_limit
        return too_long or too_many


def platform_of(channel: Channel) -> str:
    return channel.name.strip().casefold()


def char_limit(channel: Channel) -> int | None:
    return channel.char_limit or PLATFORM_LIMITS.get(platform_of(channel))


def post_length(title: str, body: str, channel: Channel) -> Length:
    """What counts of a post on ``channel`` (a form's text as typed, or a stored post's)."""
    platform = platform_of(channel)
    text = title if platform in TITLE_COUNTS else (body or title)
    return Length(
        count=len(text),
        limit=char_limit(channel),
        hashtags=len(HASHTAG.findall(text)),
        hashtag_limit=HASHTAG_LIMITS.get(platform),
    )


def item_length(item: ContentItem, channel: Channel) -> Length:
    return post_length(item.title, item.body, channel)
