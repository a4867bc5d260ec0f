"""The results report for management (``export report``): its Markdown from the demo is
kept as a snapshot; its HTML shows user text as text and runs nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from socialplan import cli
from socialplan.core.report import report_figures
from socialplan.core.validation import InvalidInputError
from socialplan.data.report import report
from tests.conftest import FROZEN_NOW

SNAPSHOT = Path(__file__).parent / "fixtures" / "report" / "demo.md"


def test_the_demos_report_in_markdown_is_as_kept(demo_data) -> None:
    """To accept a change on purpose, write the new text to tests/fixtures/report/demo.md."""
    assert report(demo_data, FROZEN_NOW, "md") == SNAPSHOT.read_text()


def test_the_figures_add_up(demo_data) -> None:
    figures = report_figures(demo_data, FROZEN_NOW.date())
    assert figures.iteration is not None and figures.iteration.number == 2
    linkedin = next(c for c in figures.channels if c.name == "LinkedIn")
    assert linkedin.ad_spend + linkedin.tools + linkedin.time == pytest.approx(linkedin.totals.cost)
    rates = [p.engagement_rate for p in figures.best]
    assert rates == sorted(rates, reverse=True)
    assert min(rates) >= max(p.engagement_rate for p in figures.worst)
    with pytest.raises(InvalidInputError, match="has no iteration 9 \\(it has 1, 2\\)"):
        report_figures(demo_data, FROZEN_NOW.date(), 9)


def test_the_html_report_shows_user_text_as_text_and_runs_nothing(demo_data) -> None:
    goal = replace(demo_data.goals[0], title="<script>alert(1)</script> & <b>more</b>")
    data = replace(demo_data, goals=(goal, *demo_data.goals[1:]))
    page = report(data, FROZEN_NOW, "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page
    assert "Content-Security-Policy" in page and "<svg" in page and "<polyline" in page


def test_the_command_line_writes_either_format(demo_path, tmp_path, capsys) -> None:
    assert cli.main(["export", "report", "--db", str(demo_path)]) == 0
    assert capsys.readouterr().out.startswith("# Results report: ")
    target = tmp_path / "report.html"
    args = ["export", "report", "--format", "html", "-o", str(target), "--db", str(demo_path)]
    assert cli.main(args) == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert cli.main(["export", "report", "--iteration", "9", "--db", str(demo_path)]) == 1
    assert "the plan has no iteration 9" in capsys.readouterr().err
