"""Reading the platforms' analytics exports: LinkedIn page "All posts", Meta Business Suite
posts (Facebook and Instagram) and X account analytics content.

The platform is recognised by a required set of headers, wherever the header row is among
the first lines (exports often start with a note row). Every problem is reported with its
line number, and a file with any problem yields nothing: the caller writes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from socialplan.core.i18n import _
from socialplan.core.imports import MeasuredPost
from socialplan.core.numbers import NumberError, parse_count

from .files import read_regular_file

MAX_BYTES = 50_000_000
HEADER_SEARCH_LINES = 10
MAX_PROBLEMS = 20
MAX_COUNT = 10**12


class ResultsFileError(ValueError):
    """A file that cannot be imported; ``problems`` say why, with line numbers."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        tail = [_("... and {more} more").format(more=more)] if more > 0 else []
        super().__init__(
            _("Nothing was imported from {path}:\n").format(path=path)
            + "\n".join(f"  {p}" for p in shown + tail)
        )


@dataclass(frozen=True, slots=True)
class Layout:
    """How one platform's export is read."""

    name: str
    required: frozenset[str]
    platform: Callable[[dict[str, str]], str]
    """Which platform a row is from (a Meta export holds Facebook or Instagram posts)."""
    post_ref: tuple[str, ...]
    """The columns that identify the post, first non-empty wins."""
    posted: str
    text: tuple[str, ...]
    counts: dict[str, tuple[str, ...]]
    """Result field → the columns summed into it."""


def _meta_platform(row: dict[str, str]) -> str:
    return "instagram" if "Account username" in row else "facebook"


LAYOUTS = (
    Layout(
        "LinkedIn page 'All posts'",
        frozenset(
            {
                "Post title",
                "Post link",
                "Created date",
                "Impressions",
                "Clicks",
                "Likes",
            }
        ),
        lambda _row: "linkedin",
        ("Post link",),
        "Created date",
        ("Post title",),
        {
            "impressions": ("Impressions",),
            "clicks": ("Clicks",),
            "engagements": (
                "Likes",
                "Comments",
                "Reposts",
                "Clicks",
                "Follows",
            ),
        },
    ),
    Layout(
        "Meta Business Suite posts",
        frozenset(
            {
                "Post ID",
                "Publish time",
                "Permalink",
                "Reach",
                "Reactions",
                "Comments",
            }
        ),
        _meta_platform,
        ("Permalink", "Post ID"),
        "Publish time",
        ("Description", "Title"),
        {
            "reach": ("Reach",),
            "impressions": ("Impressions",),
            "engagements": ("Reactions", "Comments", "Shares"),
            "clicks": ("Total clicks",),
        },
    ),
    Layout(
        "X account analytics content",
        frozenset({"Tweet id", "Tweet permalink", "Tweet text", "time", "impressions"}),
        lambda _row: "x",
        ("Tweet permalink", "Tweet id"),
        "time",
        ("Tweet text",),
        {
            "impressions": ("impressions",),
            "engagements": ("engagements",),
            "clicks": ("url clicks",),
        },
    ),
)

DATE_FORMATS = (
    "%m/%d/%Y",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
)


@dataclass(frozen=True, slots=True)
class ResultsFile:
    layout: str
    platform: str
    posts: tuple[MeasuredPost, ...]


def read_results_file(path: Path) -> ResultsFile:
    """The file's rows as measured posts, or ``ResultsFileError`` with every problem."""
    text = _text_of(path)
    # Only \n and \r end a line here; str.splitlines would also split inside a quoted
    # field at \x1e, \x85 or \u2028.
    lines = io.StringIO(text, newline="").readlines()
    if not any(line.strip() for line in lines):
        raise ResultsFileError(path, [_("the file is empty")])
    start, layout = _find_header(path, lines)
    reader = csv.DictReader(io.StringIO("".join(lines[start:]), newline=""), strict=True)
    posts: list[MeasuredPost] = []
    problems: list[str] = []
    try:
        for row in reader:
            line = start + reader.line_num
            if not any((value or "").strip() for value in row.values()):
                continue
            try:
                posts.append(_post(layout, row, line))
            except ValueError as error:
                problems.append(_("line {line}: {error}").format(line=line, error=error))
    except csv.Error as error:
        problems.append(
            _("line {value}: not valid CSV ({error})").format(
                value=start + reader.line_num, error=error
            )
        )
    if problems:
        raise ResultsFileError(path, problems)
    if not posts:
        raise ResultsFileError(
            path, [_("line {value}: a header but no rows").format(value=start + 1)]
        )
    platforms = {p.platform for p in posts}
    if len(platforms) > 1:
        raise ResultsFileError(path, [_("rows from more than one platform: export them apart")])
    return ResultsFile(layout.name, platforms.pop(), tuple(posts))


def _text_of(path: Path) -> str:
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except OSError as error:
        raise ResultsFileError(
            path, [_("cannot be read: {value}").format(value=error.strerror or error)]
        ) from None
    if b"\x00" in raw:
        raise ResultsFileError(path, [_("not a CSV text file (it holds binary data)")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = _("line {line}: not UTF-8 text; export as CSV UTF-8").format(line=line)
        raise ResultsFileError(path, [problem]) from None


def _find_header(path: Path, lines: list[str]) -> tuple[int, Layout]:
    """The header row's index and the layout it belongs to."""
    best_missing: tuple[str, set[str]] | None = None
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        try:
            headers = {h.strip() for h in next(csv.reader([line]))}
        except (csv.Error, StopIteration):
            continue
        for layout in LAYOUTS:
            missing = set(layout.required) - headers
            if not missing:
                return index, layout
            if len(missing) < len(layout.required) and (
                best_missing is None or len(missing) < len(best_missing[1])
            ):
                best_missing = (layout.name, missing)
    problems = [_("not a LinkedIn, Meta Business Suite or X analytics export")]
    if best_missing is not None:
        name, missing = best_missing
        problems.append(
            _("closest is {name}, but it lacks the columns {join}").format(
                name=name, join=", ".join(sorted(missing))
            )
        )
    raise ResultsFileError(path, problems)


def _post(layout: Layout, row: dict[str, str], line: int) -> MeasuredPost:
    cleaned = {(key or "").strip(): (value or "").strip() for key, value in row.items()}
    ref = next((cleaned[c] for c in layout.post_ref if cleaned.get(c)), "")
    if not ref:
        raise ValueError(
            _("no post link or id in {join}").format(join=" or ".join(layout.post_ref))
        )
    counts = {
        field: sum(_count(cleaned.get(column, ""), column) for column in columns)
        for field, columns in layout.counts.items()
    }
    text = next((cleaned[c] for c in layout.text if cleaned.get(c)), "")
    return MeasuredPost(
        line=line,
        platform=layout.platform(cleaned),
        post_ref=ref[:500],
        posted=_date(cleaned.get(layout.posted, ""), layout.posted),
        text=text[:2000],
        **counts,
    )


def _count(value: str, column: str) -> int:
    """A count as exports write it: '1,234', '1.234', '1 234', '' or '-' for none."""
    try:
        number = parse_count(value[:40])
    except NumberError as error:
        raise ValueError(f"{column} {error}") from None
    if number is not None and number > MAX_COUNT:
        raise ValueError(
            _("{column} '{value}' is not a count").format(column=column, value=value[:40])
        )
    return number or 0


def _date(value: str, column: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("{column} '{value}' is not a date").format(column=column, value=value[:40]))
