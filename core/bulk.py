"""Posts in bulk, as rows of text: what a spreadsheet or a scheduling tool exchanges.

``bulk_rows`` turns the plan's items into rows of the documented columns;
``plan_bulk_import`` turns rows back into items: names are looked up in the plan, every
problem is reported with its line, and a row that matches an existing post (same
channel, time and text) updates it instead of adding it again, so importing one file
twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from .frozen import frozen
from .i18n import _
from .model import ContentItem, Kind, Status
from .plan_data import PlanData
from .validation import clean_text, validate_item

COLUMNS = (
    "date",
    "time_24hr",
    "channel",
    "message_text",
    "link",
    "media_url",
    "tags",
    "pillar",
    "journey_stage",
    "persona",
    "kind",
    "cta",
    "status",
    "title",
    "id",
)
"""The documented header, in order. Only ``message_text`` (or ``title``) is required;
``id`` is the post's in the plan the file was exported from: a row with it updates that
post (a typo fixed in a spreadsheet), a row without it is matched by channel, time and
text."""
ALIASES = {
    "image_url": "media_url",
    "message": "message_text",
    "url": "link",
    "text": "message_text",
    "link(s)": "link",
    "media url(s)": "media_url",
    "labels": "tags",
    "content": "message_text",
    "imageurls": "media_url",
    "postatspecifictime": "date",
}
"""Other tools' names for the same columns: Sprout Social writes ``image_url``; Publer's
bulk template (help.publer.io, "What CSV template should I use?") has Date (with the time
in it), Text or Message, Link(s), Media URL(s), Title and Labels; SocialBee's
(help.socialbee.com, "How do I import content via CSV?") text, link, imageUrls, gifUrls,
videoUrls and postAtSpecificTime (``2026-12-03 14:30``), as HighLevel's Social Planner
has them with content for text."""
PUBLER_COLUMNS = frozenset({"text", "link(s)", "media url(s)", "labels"})
"""Header names only Publer's template uses: a file with one of them is read as Publer's."""
SOCIALBEE_COLUMNS = frozenset({"postatspecifictime", "imageurls", "gifurls", "gifurl", "videourls"})
"""Header names of SocialBee's and HighLevel's templates."""
_DATE_AND_TIME = re.compile(r"^(\S+)\s+(\d{1,2}[:.]\d{2})(?::\d{2})?$")
"""Publer's Date cell: ``2029-11-19 20:35`` (its help also writes ``20-35``)."""
TITLE_LENGTH = 80
_YES = {"yes", "y", "true", "1", "ja", "x"}
_NO = {"no", "n", "false", "0", "nee", ""}
_DATE_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DATE_YMD = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")
"""``2026/11/16``: Excel's rewrite of an ISO date."""
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
"""``8:30``, ``08:30`` or ``08:30:00``: Excel drops the leading zero."""


@frozen
class BulkRow:
    line: int
    cells: Mapping[str, str]


@frozen
class RowProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line {line}: {message}").format(line=self.line, message=self.message)


@dataclass
class BulkImport:
    added: list[ContentItem] = field(default_factory=list)
    changed: list[tuple[ContentItem, ContentItem]] = field(default_factory=list)
    """(as stored, as imported) pairs."""
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    missing: list[ContentItem] = field(default_factory=list)
    """With ``delete_missing``: the posts of the file's channels no row is about."""

    def entities(self) -> tuple[ContentItem, ...]:
        return (*self.added, *(new for _, new in self.changed))

    def describe(self) -> str:
        return _("{count} new, {count2} changed, {unchanged} already in the plan").format(
            count=len(self.added), count2=len(self.changed), unchanged=self.unchanged
        )


def bulk_rows(
    plan_data: PlanData, items: Iterable[ContentItem] | None = None
) -> list[dict[str, str]]:
    zone = ZoneInfo(plan_data.plan.timezone)
    names = _Names(plan_data)
    rows = []
    for item in plan_data.items if items is None else items:
        local = item.scheduled_at.astimezone(zone) if item.scheduled_at else None
        rows.append(
            {
                "date": local.date().isoformat() if local else "",
                "time_24hr": local.strftime("%H:%M") if local else "",
                "channel": plan_data.channel_name(item.channel),
                "message_text": item.body,
                "link": item.link,
                "media_url": item.media_url,
                "tags": ", ".join(item.tags),
                "pillar": names.pillars.get(item.pillar or 0, ""),
                "journey_stage": plan_data.stage_name(item.stage),
                "persona": names.personas.get(item.persona or 0, ""),
                "kind": item.kind.value,
                "cta": "yes" if item.cta else "no",
                "status": item.status.value,
                "title": item.title,
                "id": str(item.id),
            }
        )
    return rows


def plan_bulk_import(
    plan_data: PlanData,
    rows: Sequence[BulkRow],
    *,
    channel: str | None = None,
    day_first: bool = True,
    delete_missing: bool = False,
) -> BulkImport:
    """What importing ``rows`` would do; ``problems`` non-empty means: import nothing.

    ``channel`` is for files that name none (Hootsuite, Sprout Social); ``day_first``
    reads 03/04/2027 as 3 April (else as March 4). A row with the ``id`` of a post of the
    plan updates that post, whatever its text now says; one without is matched by channel,
    time and text. ``delete_missing`` lists the posts of the file's channels that no row
    is about (a row deleted in the spreadsheet); nothing is ever deleted without it.
    """
    names = _Names(plan_data)
    existing = {_identity(item): item for item in plan_data.items}
    outcome = BulkImport()
    seen: dict[tuple[object, ...], int] = {}
    present: set[int] = set()
    channels: set[int] = set()
    for row in rows:
        try:
            item = _row_item(row, plan_data, names, channel, day_first)
        except ValueError as error:
            outcome.problems.append(RowProblem(row.line, str(error)))
            continue
        known = _known(row, plan_data)
        key = ("id", known.id) if known is not None else _identity(item)
        if key in seen:
            outcome.problems.append(
                RowProblem(row.line, _("the same post as line {seen}").format(seen=seen[key]))
            )
            continue
        seen[key] = row.line
        channels.add(item.channel)
        stored = known if known is not None else existing.get(key)
        fields = _BY_ID if known is not None else _IMPORTED
        if stored is None:
            outcome.added.append(item)
            continue
        present.add(stored.id)
        if _same_content(stored, item, fields):
            outcome.unchanged += 1
        else:
            outcome.changed.append((stored, _updated(stored, item, fields)))
    if delete_missing:
        outcome.missing = [
            i for i in plan_data.items if i.channel in channels and i.id not in present
        ]
    return outcome


def _known(row: BulkRow, plan_data: PlanData) -> ContentItem | None:
    """The post of the plan a row's ``id`` names; None without one, or for an id the plan
    does not hold (a file from another plan): that row is matched like one without."""
    text = row.cells.get("id", "").strip()
    return plan_data.item(int(text)) if text.isdigit() else None


def _row_item(
    row: BulkRow, plan_data: PlanData, names: _Names, channel: str | None, day_first: bool
) -> ContentItem:
    cells = {key: value.strip() for key, value in row.cells.items()}
    message = clean_text(row.cells.get("message_text", ""), multiline=True)
    title = clean_text(cells.get("title", "")) or _title_from(message)
    if not title:
        raise ValueError(_("there is no message_text (or title)"))
    day_text, time_text = cells.get("date", ""), cells.get("time_24hr", "")
    if not time_text and (both := _DATE_AND_TIME.match(day_text)):
        day_text, time_text = both[1], both[2].replace(".", ":")
    scheduled = _when(day_text, time_text, day_first, plan_data)
    item = ContentItem(
        title=title,
        body=message,
        channel=_lookup(names.channel_ids, cells.get("channel") or channel or "", "channel"),
        stage=_lookup(
            names.stage_ids, cells.get("journey_stage", ""), "journey_stage", names.first_stage
        ),
        pillar=_lookup(names.pillar_ids, cells.get("pillar", ""), "pillar", None),
        persona=_lookup(names.persona_ids, cells.get("persona", ""), "persona", None),
        kind=_choice(Kind, cells.get("kind", ""), "kind", Kind.CONTENT),
        cta=_flag(cells.get("cta", ""), "cta"),
        status=_choice(Status, cells.get("status", ""), "status", _default_status(scheduled)),
        scheduled_at=scheduled,
        link=clean_text(cells.get("link", "")),
        media_url=clean_text(cells.get("media_url", "")),
        tags=tuple(t for t in (clean_text(t) for t in cells.get("tags", "").split(",")) if t),
    )
    problems = validate_item(item, plan_data)
    if problems:
        raise ValueError("; ".join(str(p) for p in problems))
    return item


class _Names:
    """The plan's names for its channels, stages, pillars and personas, both ways."""

    def __init__(self, plan_data: PlanData) -> None:
        self.pillars = {p.id: p.name for p in plan_data.pillars}
        self.personas = {p.id: p.name for p in plan_data.personas}
        self.channel_ids = {c.name.casefold(): c.id for c in plan_data.channels}
        self.stage_ids = {s.name.casefold(): s.id for s in plan_data.stages}
        self.pillar_ids = {name.casefold(): key for key, name in self.pillars.items()}
        self.persona_ids = {name.casefold(): key for key, name in self.personas.items()}
        self.first_stage = plan_data.stages[0].id if plan_data.stages else 0


_REQUIRED = object()
E = TypeVar("E", bound=Enum)


def _lookup(ids: dict[str, int], name: str, column: str, default: Any = _REQUIRED) -> Any:
    if not name:
        if default is _REQUIRED:
            raise ValueError(
                _("no {column} given (name one of: {listed})").format(
                    column=column, listed=_listed(ids)
                )
            )
        return default
    try:
        return ids[name.casefold()]
    except KeyError:
        raise ValueError(
            _("{column} '{short}' is not in the plan ({listed})").format(
                column=column, short=_short(name), listed=_listed(ids)
            )
        ) from None


def _choice(enum: type[E], text: str, column: str, default: E) -> E:
    if not text:
        return default
    try:
        return enum(text.lower().replace(" ", "_"))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValueError(
            _("{column} '{short}' is not one of {allowed}").format(
                column=column, short=_short(text), allowed=allowed
            )
        ) from None


def _flag(text: str, column: str) -> bool:
    lowered = text.lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise ValueError(
        _("{column} '{short}' is not yes or no").format(column=column, short=_short(text))
    )


def _when(day_text: str, time_text: str, day_first: bool, plan_data: PlanData) -> datetime | None:
    if not day_text:
        if time_text:
            raise ValueError(_("a time_24hr without a date"))
        return None
    day = _day(day_text, day_first)
    at = _time(time_text) if time_text else time(9, 0)
    return datetime.combine(
        day, at.replace(second=0, microsecond=0), ZoneInfo(plan_data.plan.timezone)
    )


def _time(text: str) -> time:
    found = _TIME.match(text)
    try:
        if found is None:
            raise ValueError(text)
        return time(int(found[1]), int(found[2]))
    except ValueError:
        raise ValueError(
            _("time_24hr '{short}' is not a time like 14:30").format(short=_short(text))
        ) from None


def _day(text: str, day_first: bool) -> date:
    found = _DATE_DMY.match(text)
    year_first = _DATE_YMD.match(text)
    try:
        if found:
            first, second, year = (int(part) for part in found.groups())
            day, month = (first, second) if day_first else (second, first)
            return date(year, month, day)
        if year_first:
            return date(*(int(part) for part in year_first.groups()))
        return date.fromisoformat(text)
    except ValueError:
        order = "DD/MM/YYYY" if day_first else "MM/DD/YYYY"
        raise ValueError(
            _("date '{short}' is not a date (YYYY-MM-DD or {order})").format(
                short=_short(text), order=order
            )
        ) from None


def _default_status(scheduled: datetime | None) -> Status:
    return Status.SCHEDULED if scheduled else Status.IDEA


def _title_from(message: str) -> str:
    """The first line of a message, cut at a word to fit a title."""
    first = message.split("\n", 1)[0].strip()
    if len(first) <= TITLE_LENGTH:
        return first
    return first[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def _identity(item: ContentItem) -> tuple[object, ...]:
    """What makes two posts the same post: channel, time and text, as a bulk file can
    hold them: to the minute, the text cleaned and trimmed as an import reads it (a post
    at 09:00:30 or with a trailing space is the one exported, not a new one)."""
    moment = item.scheduled_at.replace(second=0, microsecond=0) if item.scheduled_at else None
    return (item.channel, moment, _as_read(item.body) or _as_read(item.title, multiline=False))


def _as_read(text: str, *, multiline: bool = True) -> str:
    return clean_text(text, multiline=multiline)


_IMPORTED = (
    "title",
    "link",
    "media_url",
    "tags",
    "pillar",
    "stage",
    "persona",
    "kind",
    "cta",
    "status",
)


_BY_ID = (*_IMPORTED, "body", "channel", "scheduled_at")
"""A row that names its post by id may change what otherwise identifies it, too."""


def _same_content(stored: ContentItem, item: ContentItem, fields: tuple[str, ...]) -> bool:
    return all(_comparable(name, getattr(stored, name)) == getattr(item, name) for name in fields)


def _comparable(name: str, value: object) -> object:
    """A stored value as the file gives it back (text trimmed and cleaned, times to the
    minute)."""
    if isinstance(value, str):
        return _as_read(value, multiline=name == "body")
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0)
    return value


def _updated(stored: ContentItem, item: ContentItem, fields: tuple[str, ...]) -> ContentItem:
    """The stored post with what the file says; what a file cannot say (owner, rank,
    repeats, review comment) is kept."""
    return replace(stored, **{name: getattr(item, name) for name in fields})


def _listed(ids: dict[str, int]) -> str:
    return ", ".join(sorted(ids)) or _("none defined")


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
