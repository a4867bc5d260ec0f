"""The plan as a Markdown document: sections in the model's order, every entry, safe text."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from socialplan import cli
from socialplan.core.model import Stakeholder
from socialplan.core.plan_data import PlanData
from socialplan.data.markdown import SECTIONS, plan_markdown
from socialplan.data.store import PlanStore

from .conftest import FROZEN_NOW

CELL_SPLIT = re.compile(r"(?<!\\)\|")


def headings(document: str, level: int) -> list[str]:
    prefix = "#" * level + " "
    return [line[len(prefix) :] for line in document.splitlines() if line.startswith(prefix)]


def unescape(cell: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell.strip())


def table_cells(document: str) -> list[list[str]]:
    """Every row of every table, cells unescaped (header and divider rows included)."""
    return [
        [unescape(cell) for cell in CELL_SPLIT.split(line.strip())[1:-1]]
        for line in document.splitlines()
        if line.startswith("| ")
    ]


def test_sections_come_in_the_models_order(demo_data: PlanData) -> None:
    document = plan_markdown(demo_data, FROZEN_NOW)
    assert headings(document, 1) == ["Veldhuis Klimaattechniek"]
    assert headings(document, 2) == list(SECTIONS)
    assert headings(document, 3)[:4] == [
        "Support base",
        "Change management",
        "Culture",
        "Project team",
    ]


def test_every_entry_of_the_demo_can_be_read_back(demo_data: PlanData) -> None:
    document = plan_markdown(demo_data, FROZEN_NOW)
    rows = table_cells(document)
    first_cells = {row[0] for row in rows}
    for entities in (
        demo_data.stakeholders,
        demo_data.team,
        demo_data.channels,
        demo_data.stages,
        demo_data.activities,
    ):
        assert {e.name for e in entities} <= first_cells
    assert {g.title for g in demo_data.goals} <= first_cells
    assert {a.title for a in demo_data.change_actions} <= first_cells
    assert {p.name for p in demo_data.personas} <= set(headings(document, 3))
    linkedin = next(row for row in rows if row[0] == "LinkedIn" and len(row) == 4)
    assert linkedin[1:3] == ["5", "weekly mon tue wed thu fri 08:30"]
    media = next(row for row in rows if row[0] == "LinkedIn" and len(row) == 6)
    assert media[1:] == [
        "Lead channel",
        "Facility managers, owner-directors",
        "Articles, carousels, case studies",
        "5",
        "Joost",
    ]
    assert "- ⚠ No social activity is an island" in document
    assert "Strategy: 8 of 10 steps complete · next: 9. Integration" in document
    assert "- No fear marketing about gas prices" in document
    assert "Budget: EUR 4,500.00 per iteration. Team time: 16 a week." in document


def test_user_text_cannot_break_the_document(demo_data: PlanData) -> None:
    hostile = "# A | B \\ C\n\x1b[31mred"
    data = replace(
        demo_data, stakeholders=(Stakeholder(hostile, role="1. first", id=1),), personas=()
    )
    document = plan_markdown(data, FROZEN_NOW)
    assert "\x1b" not in document
    row = next(row for row in table_cells(document) if row[0].startswith("#"))
    assert row[:2] == ["# A | B \\ C [31mred", "1. first"]
    assert headings(document, 2) == list(SECTIONS)


def test_cli_exports_to_stdout_and_to_a_file(demo_path: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["export", "plan", "--format", "md", "--db", str(demo_path)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# Veldhuis Klimaattechniek\n")
    target = tmp_path / "plan.md"
    assert cli.main(["export", "plan", "--db", str(demo_path), "-o", str(target)]) == 0
    assert headings(target.read_text(), 2) == list(SECTIONS)


def test_cli_export_to_an_unwritable_place_says_why(demo_path: Path, tmp_path, capsys) -> None:
    target = tmp_path / "missing" / "plan.md"
    assert cli.main(["export", "plan", "--db", str(demo_path), "-o", str(target)]) == 1
    assert f"cannot write {target}" in capsys.readouterr().err


async def test_x_on_strategy_writes_the_document_beside_the_plan(make_app, demo_store) -> None:
    app = make_app("strategy")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
    target = demo_store.path.with_name("demo-plan.md")
    assert headings(target.read_text(), 2) == list(SECTIONS)
    assert PlanStore.open(demo_store.path).load() == app.plan_data


def test_a_channel_planned_by_the_month_says_so():
    from socialplan.core.model import Channel
    from socialplan.data.markdown import frequency

    assert frequency(Channel("Newsletter", planned_per_month=1)) == "1 a month"
    assert frequency(Channel("LinkedIn", planned_per_week=5)) == "5"


def test_every_heading_speaks_dutch_in_dutch(demo_data: PlanData) -> None:
    """The Foundation's and the frameworks' headings were written in English in any
    language."""
    from socialplan.core.i18n import use_language

    use_language("nl")
    try:
        text = plan_markdown(demo_data, FROZEN_NOW)
    finally:
        use_language("en")
    headings = re.findall(r"^### (.+)$", text, re.M)
    for dutch in ("Draagvlak", "Verandermanagement", "Cultuur", "Projectteam"):
        assert dutch in headings
    assert "Support base" not in text and "Change management" not in text
