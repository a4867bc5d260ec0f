"""The analytics exports socialplan reads, one ``Layout`` per platform export, each with the
names its columns go by: in English and Dutch, today's and the ones they replaced.

A header is recognised whatever its case, spacing and column order, with extra columns and
without the optional ones. The English names are the platforms' own (as public parsers of
these exports read them); the Dutch ones are the labels of the platforms' Dutch interfaces
as we translated them, so a Dutch export that names a column otherwise is refused with the
columns it lacks, never misread. README's "Importing results" lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field

from socialplan.core.export_dates import DateOrder
from socialplan.core.frozen import frozen

Aliases = Mapping[str, tuple[str, ...]]
"""Language ('en', 'nl') → the names a column goes by, the preferred first."""


def header_key(name: str) -> str:
    """A header cell as it is compared: no byte order mark or quotes, one space between
    words, case folded."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').split()).casefold()


@frozen
class Layout:
    """How one platform's export is read."""

    name: str
    columns: Mapping[str, Aliases]
    """Field → its names per language."""
    required: frozenset[str]
    post_ref: tuple[str, ...]
    """The fields that identify the post, first non-empty wins."""
    posted: str
    text: tuple[str, ...]
    counts: Mapping[str, tuple[tuple[str, ...], ...]]
    """Result field → ways of counting it: the first whose first column the file has wins,
    summing those of its columns the file has ('Reactions, Comments and Shares', else the
    three apart)."""
    platform: Callable[[frozenset[str]], str]
    """Which platform the export is from, by the fields its header has (a Meta export
    holds Facebook or Instagram posts)."""
    date_order: Mapping[str, DateOrder] = field(
        default_factory=lambda: {"en": DateOrder.MONTH_FIRST, "nl": DateOrder.DAY_FIRST}
    )
    """The order of numeric dates per header language, when no date in the file shows it."""
    ref_prefix: str = ""
    """Put before a post id to make its link (YouTube gives the video id alone)."""
    total_markers: tuple[str, ...] = ("total", "totaal")
    """A row whose first cell says this holds the totals of all posts: not a post."""


def _fixed(platform: str) -> Callable[[frozenset[str]], str]:
    return lambda _fields: platform


def _meta_platform(fields: frozenset[str]) -> str:
    return "instagram" if "account_username" in fields else "facebook"


LINKEDIN = Layout(
    "LinkedIn page posts",
    columns={
        "title": {"en": ("Post title", "Update title"), "nl": ("Titel van bericht", "Titel")},
        "link": {"en": ("Post link", "Update link"), "nl": ("Link naar bericht", "Berichtlink")},
        "created": {"en": ("Created date", "Date"), "nl": ("Aanmaakdatum", "Datum")},
        "impressions": {"en": ("Impressions",), "nl": ("Weergaven", "Vertoningen")},
        "clicks": {"en": ("Clicks",), "nl": ("Klikken",)},
        "likes": {"en": ("Likes", "Reactions"), "nl": ("Vind-ik-leuks", "Reacties")},
        "comments": {"en": ("Comments",), "nl": ("Opmerkingen",)},
        "reposts": {"en": ("Reposts", "Shares"), "nl": ("Reposts", "Gedeeld")},
        "follows": {"en": ("Follows",), "nl": ("Volgers", "Nieuwe volgers")},
    },
    required=frozenset({"title", "link", "created", "impressions"}),
    post_ref=("link",),
    posted="created",
    text=("title",),
    counts={
        "impressions": (("impressions",),),
        "clicks": (("clicks",),),
        "engagements": (("likes", "comments", "reposts", "clicks", "follows"),),
    },
    platform=_fixed("linkedin"),
)

META = Layout(
    "Meta Business Suite posts",
    columns={
        "post_id": {"en": ("Post ID",), "nl": ("Bericht-ID", "Post-ID")},
        "account_username": {"en": ("Account username",), "nl": ("Gebruikersnaam account",)},
        "description": {"en": ("Description",), "nl": ("Beschrijving",)},
        "title": {"en": ("Title",), "nl": ("Titel",)},
        "published": {"en": ("Publish time",), "nl": ("Publicatietijd",)},
        "permalink": {"en": ("Permalink",), "nl": ("Permalink",)},
        "reach": {"en": ("Reach",), "nl": ("Bereik",)},
        "impressions": {"en": ("Impressions", "Views"), "nl": ("Impressies", "Weergaven")},
        "interactions": {
            "en": ("Reactions, Comments and Shares",),
            "nl": ("Reacties, opmerkingen en shares",),
        },
        "reactions": {"en": ("Reactions",), "nl": ("Reacties",)},
        "likes": {"en": ("Likes",), "nl": ("Vind-ik-leuks",)},
        "comments": {"en": ("Comments",), "nl": ("Opmerkingen",)},
        "shares": {"en": ("Shares",), "nl": ("Shares", "Gedeeld")},
        "saves": {"en": ("Saves",), "nl": ("Opgeslagen",)},
        "clicks": {"en": ("Total clicks", "Link clicks"), "nl": ("Totaal aantal klikken",)},
    },
    required=frozenset({"post_id", "published", "permalink", "reach", "impressions"}),
    post_ref=("permalink", "post_id"),
    posted="published",
    text=("description", "title"),
    counts={
        "reach": (("reach",),),
        "impressions": (("impressions",),),
        "engagements": (
            ("interactions",),
            ("reactions", "comments", "shares"),
            ("likes", "comments", "shares", "saves"),
        ),
        "clicks": (("clicks",),),
    },
    platform=_meta_platform,
)

X_COUNTS = {
    "impressions": (("impressions",),),
    "engagements": (("engagements",),),
    "clicks": (("clicks",),),
}
"""Both X layouts count alike: X gives engagements summed itself."""

X_CONTENT = Layout(
    "X account analytics content",
    columns={
        "post_id": {"en": ("Post id",), "nl": ("Post-ID",)},
        "link": {"en": ("Post Link",), "nl": ("Postlink",)},
        "text": {"en": ("Post text",), "nl": ("Posttekst",)},
        "date": {"en": ("Date",), "nl": ("Datum",)},
        "impressions": {"en": ("Impressions",), "nl": ("Weergaven",)},
        "engagements": {"en": ("Engagements",), "nl": ("Interacties",)},
        "clicks": {"en": ("URL Clicks",), "nl": ("URL-klikken",)},
    },
    required=frozenset({"post_id", "date", "text", "impressions"}),
    post_ref=("link", "post_id"),
    posted="date",
    text=("text",),
    counts=X_COUNTS,
    platform=_fixed("x"),
)

X_TWEET_ACTIVITY = Layout(
    "X tweet activity (retired layout)",
    columns={
        "tweet_id": {"en": ("Tweet id",)},
        "permalink": {"en": ("Tweet permalink",)},
        "text": {"en": ("Tweet text",)},
        "time": {"en": ("time",)},
        "impressions": {"en": ("impressions",)},
        "engagements": {"en": ("engagements",)},
        "clicks": {"en": ("url clicks",)},
    },
    required=frozenset({"tweet_id", "permalink", "text", "time", "impressions"}),
    post_ref=("permalink", "tweet_id"),
    posted="time",
    text=("text",),
    counts=X_COUNTS,
    platform=_fixed("x"),
)

YOUTUBE = Layout(
    "YouTube Studio table data",
    columns={
        "video": {"en": ("Content",), "nl": ("Content", "Inhoud")},
        "title": {"en": ("Video title",), "nl": ("Videotitel",)},
        "published": {"en": ("Video publish time",), "nl": ("Publicatietijd video",)},
        "views": {"en": ("Views",), "nl": ("Weergaven",)},
        "impressions": {"en": ("Impressions",), "nl": ("Vertoningen",)},
        "likes": {"en": ("Likes",), "nl": ("Vind-ik-leuks",)},
        "comments": {"en": ("Comments added",), "nl": ("Toegevoegde reacties",)},
        "shares": {"en": ("Shares",), "nl": ("Gedeeld",)},
        "subscribers": {"en": ("Subscribers",), "nl": ("Abonnees",)},
    },
    required=frozenset({"video", "title", "published", "views"}),
    post_ref=("video",),
    posted="published",
    text=("title",),
    counts={
        "impressions": (("impressions",),),
        "clicks": (("views",),),
        "engagements": (("likes", "comments", "shares", "subscribers"), ("subscribers",)),
    },
    platform=_fixed("youtube"),
    ref_prefix="https://www.youtube.com/watch?v=",
)

LAYOUTS = (LINKEDIN, META, X_CONTENT, X_TWEET_ACTIVITY, YOUTUBE)


@frozen
class Recognised:
    """A header row read as one layout: where each field's column is, and the header's
    language."""

    layout: Layout
    positions: Mapping[str, int]
    language: str

    @property
    def platform(self) -> str:
        return self.layout.platform(frozenset(self.positions))

    @property
    def date_order(self) -> DateOrder:
        return self.layout.date_order.get(self.language, DateOrder.MONTH_FIRST)


def recognise(header: list[str], layout: Layout) -> tuple[Recognised | None, set[str]]:
    """``header`` as ``layout``, or None and the required fields it lacks (by their
    English names)."""
    keys = [header_key(cell) for cell in header]
    positions: dict[str, int] = {}
    languages: dict[str, int] = {}
    for name, aliases in layout.columns.items():
        for language, names in aliases.items():
            found = next((keys.index(k) for k in map(header_key, names) if k in keys), None)
            if found is not None and found not in positions.values():
                positions[name] = found
                languages[language] = languages.get(language, 0) + 1
                break
    missing = {layout.columns[f]["en"][0] for f in layout.required - positions.keys()}
    if missing:
        return None, missing
    language = max(languages, key=lambda code: (languages[code], code == "en"))
    return Recognised(layout, positions, language), set()
