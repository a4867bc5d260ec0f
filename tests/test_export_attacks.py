"""Exports carry no attack to the programs that open them: no formula runs in a
spreadsheet, no HTML or link runs from the Markdown, no escape sequence reaches a terminal,
and no bidi override or invisible character shifts a table."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from markdown_it import MarkdownIt

from socialplan import cli
from socialplan.core.bulk import bulk_rows, plan_bulk_import
from socialplan.data.bulk_csv import bulk_csv, neutralised, parse_bulk_bytes, restored
from socialplan.data.demo import build_demo
from socialplan.data.markdown import plan_markdown
from socialplan.data.store import PlanStore

from .conftest import FROZEN_NOW

FORMULAS = ['=HYPERLINK("https://x.example","hi")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "'=x"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_is_neutralised_and_comes_back_as_written(text):
    cell = neutralised(text)
    assert cell[0] == "'"
    assert restored(cell) == text


def test_plain_text_is_left_alone():
    for text in ["Hello", "'quoted'", "a=b", "50% off", ""]:
        assert neutralised(text) == text == restored(text)


def test_an_exported_formula_reimports_as_the_same_post(demo_data):
    items = tuple(
        replace(item, title=FORMULAS[n % len(FORMULAS)], body=FORMULAS[(n + 1) % len(FORMULAS)])
        for n, item in enumerate(demo_data.items)
    )
    data = replace(demo_data, items=items)
    text = bulk_csv(bulk_rows(data, data.items))
    for line in text.splitlines()[1:]:
        assert not line.startswith(("=", "+", "-", "@"))
        assert ",=" not in line and ",+" not in line and ",@" not in line
    found = parse_bulk_bytes(text.encode(), "posts.csv")
    planned = plan_bulk_import(data, found.rows)
    assert planned.problems == []
    assert planned.added == []
    assert planned.changed == []


HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![](https://tracker.example/pixel.gif)",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_the_markdown_export_renders_no_html_link_or_image(demo_data, text):
    """In a heading, a table cell and a paragraph, the text is shown, never run."""
    persona = replace(demo_data.personas[0], name=text, goals=text)
    data = replace(
        demo_data,
        plan=replace(demo_data.plan, name=text, problem_statement=text),
        personas=(persona, *demo_data.personas[1:]),
    )
    html = MarkdownIt("commonmark").enable("table").render(plan_markdown(data, FROZEN_NOW))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    shown = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert html.replace("&quot;", '"').count(shown) >= 3


ESCAPES = "\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m"


@pytest.fixture
def plan_with_escapes(tmp_path):
    """An old plan that stored escape sequences and bidi tricks in its text, in the next
    post that ``status`` lists (it reads the real clock)."""
    now = datetime.now(UTC)
    demo_data = build_demo(now)
    upcoming = [i for i in demo_data.items if i.scheduled_at and i.scheduled_at > now]
    chosen = min(upcoming, key=lambda i: i.scheduled_at)
    first = replace(chosen, title=f"Sale{ESCAPES} \u202eevil\u200b", body=ESCAPES)
    data = replace(
        demo_data,
        plan=replace(demo_data.plan, name=f"Acme{ESCAPES}\u202e"),
        items=tuple(first if i.id == chosen.id else i for i in demo_data.items),
        personas=(replace(demo_data.personas[0], name=f"Nina\u202e{ESCAPES}"),),
    )
    path = tmp_path / "old.json"
    PlanStore.create(path, data).close()
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["status", "--json"],
        ["export", "plan"],
        ["export", "csv"],
        ["export", "ics"],
        ["export", "json"],
    ],
    ids=" ".join,
)
def test_no_escape_sequence_or_bidi_override_reaches_standard_output(
    plan_with_escapes, capsysbinary, command
):
    assert cli.main([*command, "--db", str(plan_with_escapes)]) == 0
    out = capsysbinary.readouterr().out
    assert b"\x1b" not in out and b"\x07" not in out and "\x9b".encode() not in out
    if command in (["status"], ["export", "plan"]):
        assert "\u202e".encode() not in out and "\u200b".encode() not in out


def test_a_bidi_override_does_not_shift_the_status_table(plan_with_escapes, capsys):
    assert cli.main(["status", "--db", str(plan_with_escapes)]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.lstrip().startswith("When"))
    row = next(line for line in lines if "Sale" in line)
    assert row.index("Sale") == header.index("Title")
