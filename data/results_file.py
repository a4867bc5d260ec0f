"""Reading the platforms' analytics exports as downloaded: CSV, or an .xlsx, .xls or .ods
workbook (LinkedIn's page export is a workbook with a "Metrics" and an "All posts" sheet).

Workbooks are read with python-calamine: one small library, written in Rust, that reads
all three formats (openpyxl reads .xlsx only, xlrd .xls only, odfpy is slow), keeps numbers
and dates as the cells' own values, and loads a 5,000-row sheet in milliseconds.

The sheet and the header row are found by the layouts of ``result_layouts``, wherever the
header is among a sheet's first rows (exports start with note rows). Counts are read in
the file's own number style and dates in its own day/month order (``core.export_numbers``,
``core.export_dates``); a value that could mean two things is refused with both readings.
Every problem is reported with its line, and a file with any problem yields nothing: the
caller writes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from socialplan.core.export_dates import DateError, DateOrder, date_order, read_date
from socialplan.core.export_numbers import CountError, FileStyle, file_style, read_count
from socialplan.core.frozen import frozen
from socialplan.core.i18n import _, ngettext
from socialplan.core.imports import MeasuredPost

from .files import read_regular_file
from .result_layouts import LAYOUTS, Layout, Recognised, recognise

MAX_BYTES = 50_000_000
HEADER_SEARCH_ROWS = 10
MAX_PROBLEMS = 20
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
"""How a workbook starts: a zip (.xlsx, .ods) or an OLE2 file (.xls)."""
Cell = str | float | int | bool | date | time | timedelta | None


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


@frozen
class Table:
    """A sheet of a workbook, or a CSV file: its rows, and the line each row starts on."""

    name: str
    rows: Sequence[Sequence[Cell]]
    lines: Sequence[int]
    fixed_width: bool
    """CSV: every row must have as many fields as the header (a workbook pads its rows)."""


@frozen
class ResultsFile:
    layout: str
    platform: str
    posts: tuple[MeasuredPost, ...]
    language: str = "en"
    """The language of the header: 'en' or 'nl'."""
    sheet: str = ""
    """The workbook sheet the posts came from; empty for CSV."""
    totals_skipped: int = 0
    """Rows holding the totals of all posts (YouTube's first row), not read as posts."""

    def describe(self) -> str:
        """What was recognised, for the import report."""
        where = _(", sheet '{sheet}'").format(sheet=self.sheet) if self.sheet else ""
        totals = (
            ngettext("; {count} total row skipped", "; {count} total rows skipped", n)
            if (n := self.totals_skipped)
            else ""
        ).format(count=self.totals_skipped)
        return _("{layout} ({language} header{where}){totals}").format(
            layout=self.layout,
            language=_("English") if self.language == "en" else _("Dutch"),
            where=where,
            totals=totals,
        )


def read_results_file(path: Path) -> ResultsFile:
    """The file's rows as measured posts, or ``ResultsFileError`` with every problem."""
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except OSError as error:
        raise ResultsFileError(
            path, [_("cannot be read: {value}").format(value=error.strerror or error)]
        ) from None
    return read_results_bytes(raw, path)


def read_results_bytes(raw: bytes, path: Path) -> ResultsFile:
    """An export's bytes as measured posts (``path`` names them in messages)."""
    tables = _tables_of(path, raw)
    if not any(any(_text(cell) for cell in row) for table in tables for row in table.rows):
        raise ResultsFileError(path, [_("the file is empty")])
    table, start, recognised = _find_header(path, tables)
    return _read_posts(path, table, start, recognised)


# --- files into tables


def _tables_of(path: Path, raw: bytes) -> list[Table]:
    if raw.startswith(WORKBOOK_MAGIC):
        return _workbook_tables(path, raw)
    if b"\x00" in raw:
        raise ResultsFileError(path, [_("neither CSV text nor an .xlsx, .xls or .ods workbook")])
    return [_csv_table(path, raw)]


def _workbook_tables(path: Path, raw: bytes) -> list[Table]:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = [book.get_sheet_by_name(name) for name in book.sheet_names]
        tables = [
            Table(
                sheet.name,
                rows := sheet.to_python(skip_empty_area=False),
                range(1, len(rows) + 1),
                fixed_width=False,
            )
            for sheet in sheets
        ]
    except Exception as error:  # calamine raises its own errors, and ValueError, for bad files
        raise ResultsFileError(
            path, [_("not a readable .xlsx, .xls or .ods workbook ({error})").format(error=error)]
        ) from None
    return tables


def _csv_table(path: Path, raw: bytes) -> Table:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = _("line {line}: not UTF-8 text; export as CSV UTF-8").format(line=line)
        raise ResultsFileError(path, [problem]) from None
    dialect = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    rows: list[list[Cell]] = []
    lines: list[int] = []
    try:
        line = 1
        for row in reader:
            rows.append(list(row))
            lines.append(line)
            line = reader.line_num + 1
    except csv.Error as error:
        raise ResultsFileError(
            path,
            [_("line {value}: not valid CSV ({error})").format(value=reader.line_num, error=error)],
        ) from None
    return Table("", rows, lines, fixed_width=True)


def _dialect(text: str) -> type[csv.Dialect]:
    """Commas, or semicolons (a spreadsheet saving CSV in Dutch)."""
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    commas, semicolons = head.count(","), head.count(";")

    class Semicolons(csv.excel):
        delimiter = ";"

    return Semicolons if semicolons > commas else csv.excel


# --- the header


def _text(cell: Cell) -> str:
    if cell is None or isinstance(cell, bool):
        return ""
    return cell.strip() if isinstance(cell, str) else str(cell)


def _find_header(path: Path, tables: list[Table]) -> tuple[Table, int, Recognised]:
    """The table, its header row's index and the layout it is read as."""
    closest: tuple[Layout, set[str]] | None = None
    for table in tables:
        for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
            header = [_text(cell) for cell in row]
            found = []
            for layout in LAYOUTS:
                recognised, missing = recognise(header, layout)
                if recognised is not None:
                    found.append(recognised)
                elif len(missing) < len(layout.required) and (
                    closest is None or len(missing) < len(closest[1])
                ):
                    closest = (layout, missing)
            if found:
                return table, index, max(found, key=lambda r: len(r.positions))
    problems = [
        _(
            "not a LinkedIn, Meta Business Suite (Facebook, Instagram), X or YouTube Studio "
            "analytics export"
        )
    ]
    if closest is not None:
        layout, missing = closest
        problems.append(
            _("closest is {name}, but it lacks the columns {join}").format(
                name=layout.name, join=", ".join(sorted(missing))
            )
        )
    raise ResultsFileError(path, problems)


# --- the rows


def _read_posts(path: Path, table: Table, start: int, recognised: Recognised) -> ResultsFile:
    layout = recognised.layout
    width = len(table.rows[start])
    rows = [
        (table.lines[n], row)
        for n, row in enumerate(table.rows[start + 1 :], start=start + 1)
        if any(_text(cell) for cell in row)
    ]
    problems: list[str] = []
    if table.fixed_width:
        problems += [
            _("line {line}: {count} fields where the header has {width}").format(
                line=line, count=len(row), width=width
            )
            for line, row in rows
            if len(row) != width
        ]
    if problems:
        raise ResultsFileError(path, problems)
    posts_rows = [(line, row) for line, row in rows if not _is_total(row, recognised)]
    totals = len(rows) - len(posts_rows)
    styles = _column_styles(recognised, [row for _line, row in posts_rows])
    order, problem = _order(recognised, posts_rows)
    problems += [problem] if problem else []
    posts: list[MeasuredPost] = []
    for line, row in posts_rows:
        try:
            posts.append(_post(recognised, row, line, styles, order))
        except ValueError as error:
            problems.append(_("line {line}: {error}").format(line=line, error=error))
    if problems:
        raise ResultsFileError(path, problems)
    if not posts:
        raise ResultsFileError(
            path, [_("line {value}: a header but no rows").format(value=table.lines[start])]
        )
    return ResultsFile(
        layout.name,
        recognised.platform,
        tuple(posts),
        recognised.language,
        table.name,
        totals,
    )


def _column_styles(recognised: Recognised, rows: Sequence[Sequence[Cell]]) -> dict[str, FileStyle]:
    """Each field's number style: its column's own where the column shows one, else the
    file's, which every column shows a part of (a rate column the layout does not read
    shows the decimal mark of all). One pass over the cells."""
    columns = zip(*rows, strict=False)  # rows are as wide as the header (checked, or padded)
    own = [file_style(c for c in column if isinstance(c, str)) for column in columns]
    whole = FileStyle.merged(own)
    return {
        name: own[position] if position < len(own) and own[position].shows_anything else whole
        for name, position in recognised.positions.items()
    }


def _is_total(row: Sequence[Cell], recognised: Recognised) -> bool:
    """A row of the totals of all posts: 'Total' where a post's id would be, or first."""
    layout = recognised.layout
    cells = [row[0], *(_cell(recognised, row, f) for f in layout.post_ref)]
    return any(_text(cell).casefold() in layout.total_markers for cell in cells)


def _order(recognised: Recognised, rows: list[tuple[int, Sequence[Cell]]]) -> tuple[DateOrder, str]:
    """The file's day/month order, and what is wrong with its dates as a whole (then the
    rows are still read, in the layout's order, to report their own problems too)."""
    position = recognised.positions[recognised.layout.posted]
    texts = [cell for _line, row in rows if isinstance(cell := row[position], str)]
    try:
        return date_order(texts, recognised.date_order), ""
    except DateError as error:
        column = _column_name(recognised, recognised.layout.posted)
        lines = [
            str(next(line for line, row in rows if _text(row[position]) == text))
            for text in error.examples
        ]
        where = _(" (lines {lines})").format(lines=", ".join(lines)) if lines else ""
        return recognised.date_order, f"{column}: {error}{where}"


def _column_name(recognised: Recognised, field: str) -> str:
    aliases = recognised.layout.columns[field]
    return (aliases.get(recognised.language) or aliases["en"])[0]


def _cell(recognised: Recognised, row: Sequence[Cell], field: str) -> Any:
    position = recognised.positions.get(field)
    return row[position] if position is not None and position < len(row) else None


def _post(
    recognised: Recognised,
    row: Sequence[Cell],
    line: int,
    styles: Mapping[str, FileStyle],
    order: DateOrder,
) -> MeasuredPost:
    layout = recognised.layout
    ref = next(
        (
            _text(_cell(recognised, row, f))
            for f in layout.post_ref
            if _text(_cell(recognised, row, f))
        ),
        "",
    )
    if not ref:
        names = [_column_name(recognised, f) for f in layout.post_ref]
        raise ValueError(_("no post link or id in {join}").format(join=" or ".join(names)))
    if layout.ref_prefix and "://" not in ref:
        ref = layout.ref_prefix + ref
    counts = {
        result_field: _counted(recognised, row, ways, styles)
        for result_field, ways in layout.counts.items()
    }
    text = next(
        (_text(_cell(recognised, row, f)) for f in layout.text if _text(_cell(recognised, row, f))),
        "",
    )
    posted_cell = _cell(recognised, row, layout.posted)
    try:
        posted = read_date(
            posted_cell if isinstance(posted_cell, date) else _text(posted_cell), order
        )
    except DateError as error:
        raise ValueError(f"{_column_name(recognised, layout.posted)} {error}") from None
    return MeasuredPost(
        line=line,
        platform=recognised.platform,
        post_ref=ref[:500],
        posted=posted,
        text=text[:2000],
        **counts,
    )


def _counted(
    recognised: Recognised,
    row: Sequence[Cell],
    ways: tuple[tuple[str, ...], ...],
    styles: Mapping[str, FileStyle],
) -> int:
    """The first way of counting whose first column the file has, summed over the columns
    of it the file has (an older export lacks Follows)."""
    for fields in ways:
        if fields[0] not in recognised.positions:
            continue
        present = [f for f in fields if f in recognised.positions]
        total = 0
        for field in present:
            try:
                total += read_count(_cell(recognised, row, field), styles[field]) or 0
            except CountError as error:
                raise ValueError(f"{_column_name(recognised, field)} {error}") from None
        return total
    return 0
