"""Bulk CSV files of posts: socialplan's own layout (``core.bulk.COLUMNS``), Sprout Social's
bulk scheduling file (same names, ``image_url`` for media, no channel) and Hootsuite's
bulk composer file (no header: date and time, message, link).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace

from socialplan.core.bulk import ALIASES, COLUMNS, PUBLER_COLUMNS, SOCIALBEE_COLUMNS, BulkRow
from socialplan.core.frozen import frozen
from socialplan.core.i18n import N_, _
from socialplan.core.numbers import format_number
from socialplan.core.validation import without_controls

from .storage import MAX_PLAN_BYTES

MAX_FILE_BYTES = MAX_PLAN_BYTES
"""A bulk file may be as large as a plan: an export of any plan can be imported back."""
MAX_ROWS = 2_000_000
_HOOTSUITE_WHEN = re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}$")


class BulkFileError(Exception):
    """The file cannot be read as a bulk file; ``str()`` says why, for the user."""


@frozen
class BulkFile:
    layout: str
    rows: list[BulkRow]
    dialect: str = ""
    """How the file was read: 'UTF-8 with BOM, semicolons'."""
    ignored: tuple[str, ...] = ()
    """Columns socialplan does not know, left out (Publer's or SocialBee's extras)."""

    def describe(self) -> str:
        ignored = (
            _("; ignored the columns {join}").format(join=", ".join(self.ignored))
            if self.ignored
            else ""
        )
        return _("{layout} ({dialect}){ignored}").format(
            layout=self.layout, dialect=self.dialect, ignored=ignored
        )


DELIMITERS = {",": N_("commas"), ";": N_("semicolons"), "\t": N_("tabs")}
"""What separates cells: Dutch Excel saves CSV with semicolons, its 'Unicode text' with tabs."""


_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
"""A cell a spreadsheet would run as a formula (OWASP's CSV injection rule), or one that
already carries the quotes that neutralise one."""


def neutralised(cell: str) -> str:
    """A cell no spreadsheet runs: ``=HYPERLINK(…)`` is written ``'=HYPERLINK(…)``, and a
    cell that starts with quotes before such a character gets one more, so that
    ``restored`` gives back exactly what the plan holds. Control characters (a terminal
    escape stored by an old version) are dropped."""
    cell = without_controls(cell)
    return "'" + cell if _FORMULA.match(cell) else cell


def restored(cell: str) -> str:
    """A cell as the plan holds it: the quote ``neutralised`` added comes off again."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def bulk_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: neutralised(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def parse_bulk_bytes(raw: bytes, name: str) -> BulkFile:
    text, encoding = _decoded(raw, name)
    if "\0" in text:
        raise BulkFileError(_("{name} is not a CSV file (it holds binary data)").format(name=name))
    delimiter = _delimiter(text)
    dialect = _("{encoding}, {delimiter}").format(
        encoding=encoding, delimiter=_(DELIMITERS[delimiter])
    )
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise BulkFileError(
            _("{name} is not valid CSV ({error})").format(name=name, error=error)
        ) from None
    records = [r for r in records if any(cell.strip() for cell in r)]
    if not records:
        raise BulkFileError(_("{name} holds no posts").format(name=name))
    if len(records) > MAX_ROWS:
        raise BulkFileError(
            _("{name} has more than {MAX_ROWS} rows").format(
                name=name, MAX_ROWS=format_number(MAX_ROWS)
            )
        )
    first = [cell.strip() for cell in records[0]]
    if first and _HOOTSUITE_WHEN.match(first[0]):
        rows = _hootsuite_rows(text, delimiter)
        return BulkFile(_("Hootsuite bulk composer"), rows, dialect)
    return replace(_headed(first, text, name, delimiter), dialect=dialect)


def _decoded(raw: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without a byte order mark),
    UTF-16 with one (Excel's 'Unicode text'), else Windows-1252 (Excel's 'CSV')."""
    try:
        if raw.startswith(codecs.BOM_UTF8):
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), _("UTF-8 with BOM")
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return raw.decode("utf-16"), "UTF-16"
    except UnicodeDecodeError:
        raise BulkFileError(
            _("{name} starts as Unicode text but is not (save it as CSV UTF-8)").format(name=name)
        ) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise BulkFileError(
            _("{name} is neither UTF-8 nor Windows-1252 text (save it as CSV UTF-8)").format(
                name=name
            )
        ) from None


def _delimiter(text: str) -> str:
    """The cell separator, by csv.Sniffer over the first lines, as long as the first line
    (the header) holds it; else the one the first line holds most of (a comma when none:
    a one-column file of messages with commas in them)."""
    lines = text.splitlines()
    sample = "\n".join(lines[:20])
    first = next((line for line in lines if line.strip()), "")
    by_first = max(DELIMITERS, key=lambda mark: (first.count(mark), mark == ","))
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return by_first
    return sniffed if sniffed in first else by_first


def _headed(header: list[str], text: str, name: str, delimiter: str) -> BulkFile:
    columns = [ALIASES.get(h.lower(), h.lower()) for h in header]
    known = set(COLUMNS)
    unknown = tuple(h for h, c in zip(header, columns, strict=True) if c not in known and h)
    if "message_text" not in columns and "title" not in columns:
        raise BulkFileError(
            _(
                "{name} has no message_text column; the first line must be the header "
                "({join}), or a Hootsuite file must start with a date and time like "
                "24/11/2026 09:30"
            ).format(name=name, join=", ".join(COLUMNS))
        )
    names = {h.lower() for h in header}
    if SOCIALBEE_COLUMNS & names:
        layout = "SocialBee" if "text" in names else "HighLevel"
    elif PUBLER_COLUMNS & names:
        layout = "Publer"
    else:
        layout = "socialplan" if "channel" in columns else _("Sprout Social")
    rows = []
    for line, record in _numbered(text, delimiter):
        if line == 1 or not any(cell.strip() for cell in record):
            continue
        if len(record) > len(columns):
            raise BulkFileError(
                _("{name}, line {line}: more cells than the header has columns").format(
                    name=name, line=line
                )
            )
        cells = zip(columns, map(restored, record), strict=False)
        rows.append(BulkRow(line, {c: v for c, v in cells if c in known}))
    return BulkFile(layout, rows, ignored=unknown)


def _hootsuite_rows(text: str, delimiter: str) -> list[BulkRow]:
    rows = []
    for line, record in _numbered(text, delimiter):
        if not any(cell.strip() for cell in record):
            continue
        when, message, link = (*record, "", "", "")[:3]
        day, _space, clock = when.strip().partition(" ")
        cells = {
            "date": day,
            "time_24hr": clock,
            "message_text": restored(message),
            "link": restored(link),
        }
        rows.append(BulkRow(line, cells))
    return rows


def _numbered(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, record): a quoted cell may hold line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for record in reader:
        yield line, record
        line = reader.line_num + 1
