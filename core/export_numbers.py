"""Counts as analytics exports write them, in whatever number style the file uses.

An export is written in its maker's language: ``2,412`` in English, ``2.412`` in Dutch, for
the same 2412 impressions. A file's style shows in the cells that carry a decimal part (a
click-through rate ``0.0158`` or ``0,0158``, ``1.234,5``): ``file_style`` collects that
evidence from every cell of the file. A count is then read in that style, and one that
could still mean two numbers (``2.412`` in a file whose rates write decimals with ``.``:
2412, or 2.412 which is no count) is refused with both readings, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from .frozen import frozen
from .i18n import _

GROUPING_SPACES = re.compile(r"[\s\u00a0\u202f']+")
NUMBER = re.compile(r"[+-]?\d[\d.,]*%?")
SEPARATORS = ".,"
MAX_COUNT = 10**12


class CountError(ValueError):
    """Not a count, or one that could be read two ways; the message names both."""


@frozen
class FileStyle:
    """What a file's cells show of its number style: the marks seen before a decimal
    part, with an example of each (for messages)."""

    decimal_marks: frozenset[str] = frozenset()
    examples: tuple[tuple[str, str], ...] = ()
    """(mark, cell text) for each mark in ``decimal_marks``."""
    grouping_marks: frozenset[str] = frozenset()
    """The marks seen grouping thousands: repeated (``1.234.567``), or before another
    mark (``1.234,5``)."""

    @property
    def shows_anything(self) -> bool:
        return bool(self.decimal_marks or self.grouping_marks)

    def example(self, mark: str) -> str:
        return next((text for seen, text in self.examples if seen == mark), "")

    @classmethod
    def merged(cls, styles: Iterable[FileStyle]) -> FileStyle:
        """What all of ``styles`` show together: a file's style from its columns'."""
        examples: dict[str, str] = {}
        grouping: set[str] = set()
        for style in styles:
            for mark, text in style.examples:
                examples.setdefault(mark, text)
            grouping |= style.grouping_marks
        return cls(frozenset(examples), tuple(sorted(examples.items())), frozenset(grouping))


def _decimal_mark_of(text: str) -> str | None:
    """The decimal mark a number cell shows, if it shows one: the last of two different
    separators (``1.234,5``), or a lone separator not followed by a group of exactly three
    digits (``0.0158``, ``12,5%``)."""
    body = text.rstrip("%")
    marks = [c for c in body if c in SEPARATORS]
    if not marks:
        return None
    if len(set(marks)) == 2:
        return marks[-1]
    if len(marks) == 1:
        digits_after = len(body) - body.index(marks[0]) - 1
        return marks[0] if digits_after != 3 else None
    return None


def _grouping_mark_of(text: str) -> str | None:
    body = text.rstrip("%")
    marks = [c for c in body if c in SEPARATORS]
    if len(set(marks)) == 2:
        return marks[0]
    if len(marks) > 1 and re.fullmatch(rf"\d{{1,3}}(\{marks[0]}\d{{3}})+", body):
        return marks[0]
    return None


def file_style(cells: Iterable[str]) -> FileStyle:
    """The decimal and grouping marks text cells show (see ``_decimal_mark_of``)."""
    examples: dict[str, str] = {}
    grouping: set[str] = set()
    for cell in cells:
        text = GROUPING_SPACES.sub("", cell)
        if len(text) > 40 or not NUMBER.fullmatch(text):
            continue
        mark = _decimal_mark_of(text)
        if mark is not None and mark not in examples:
            examples[mark] = cell.strip()
        if (group := _grouping_mark_of(text)) is not None:
            grouping.add(group)
    return FileStyle(frozenset(examples), tuple(sorted(examples.items())), frozenset(grouping))


def read_count(cell: str | float | int | None, style: FileStyle) -> int | None:
    """The count a cell holds; None when it is empty (blank or ``-``).

    Raises ``CountError`` when it is not a whole, non-negative number, or when the file's
    style leaves two readings open."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise CountError(_("'{text}' is not a count").format(text=cell))
    if isinstance(cell, int | float):
        return _whole(Decimal(repr(cell)), str(cell))
    text = GROUPING_SPACES.sub("", cell)
    if text in ("", "-", "–"):
        return None
    if len(text) > 40 or not re.fullmatch(r"\+?\d[\d.,]*", text):
        raise CountError(_("'{text}' is not a number").format(text=cell.strip()[:40]))
    marks = [c for c in text if c in SEPARATORS]
    if not marks:
        return _whole(Decimal(text), cell)
    if len(set(marks)) == 2:
        return _with_decimal_mark(text, marks[-1], style, cell)
    mark = marks[0]
    groups = text.split(mark)
    grouped = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    if len(groups) > 2 or not grouped:
        # repeated marks only group; a lone mark before other than three digits only
        # separates decimals
        return _grouped(text, mark, style, cell) if len(groups) > 2 else _decimal(text, mark, cell)
    if mark in style.decimal_marks and mark not in style.grouping_marks:
        raise CountError(
            _(
                "'{text}' could be {grouped} ('{mark}' grouping thousands) or {decimal} "
                "(a decimal, as in '{example}' elsewhere in the file); export the file "
                "as a spreadsheet (.xlsx) instead"
            ).format(
                text=cell.strip(),
                grouped=text.replace(mark, ""),
                mark=mark,
                decimal=text.replace(mark, "."),
                example=style.example(mark),
            )
        )
    return _whole(Decimal(text.replace(mark, "")), cell)


def _grouped(text: str, mark: str, style: FileStyle, cell: str) -> int:
    if mark in style.decimal_marks or not re.fullmatch(rf"\d{{1,3}}(\{mark}\d{{3}})+", text):
        raise CountError(_("'{text}' is not a number").format(text=cell.strip()))
    return _whole(Decimal(text.replace(mark, "")), cell)


def _decimal(text: str, mark: str, cell: str) -> int:
    whole, _sep, fraction = text.partition(mark)
    if not whole or not fraction:
        raise CountError(_("'{text}' is not a number").format(text=cell.strip()))
    return _whole(Decimal(f"{whole}.{fraction}"), cell)


def _with_decimal_mark(text: str, mark: str, style: FileStyle, cell: str) -> int:
    group = SEPARATORS.replace(mark, "")
    whole, _sep, fraction = text.rpartition(mark)
    if group in style.decimal_marks or not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*", whole):
        raise CountError(_("'{text}' is not a number").format(text=cell.strip()))
    return _whole(Decimal(f"{whole.replace(group, '')}.{fraction}"), cell)


def _whole(value: Decimal, cell: str) -> int:
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        raise CountError(_("'{text}' is not a count").format(text=str(cell).strip()))
    if value > MAX_COUNT:
        raise CountError(_("'{text}' is not a count").format(text=str(cell).strip()))
    return int(value)
