"""The socialplan command line: where data lives, status, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialplan import cli
from socialplan.core.model import Status


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "socialplan", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


class TestPlanPath:
    def test_db_option_wins(self, monkeypatch, tmp_path):
        monkeypatch.setenv(cli.ENV_DB, str(tmp_path / "env.json"))
        args = cli.build_parser().parse_args(["--db", str(tmp_path / "opt.json")])
        assert cli.plan_target(args) == str(tmp_path / "opt.json")

    def test_db_option_after_the_command(self, tmp_path):
        args = cli.build_parser().parse_args(["status", "--db", str(tmp_path / "p.json")])
        assert cli.plan_target(args) == str(tmp_path / "p.json")

    def test_environment_variable_next(self, monkeypatch, tmp_path):
        monkeypatch.setenv(cli.ENV_DB, str(tmp_path / "env.json"))
        assert cli.plan_target(cli.build_parser().parse_args([])) == str(tmp_path / "env.json")

    def test_platform_data_directory_by_default(self, monkeypatch, tmp_path):
        monkeypatch.delenv("SOCIALPLAN_DB", raising=False)
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
        path = Path(cli.plan_target(cli.build_parser().parse_args([])))
        assert path == tmp_path / "xdg" / "socialplan" / "plan.json"


class TestStatus:
    def test_prints_the_figures_and_next_posts(self, demo_path):
        result = run("status", "--db", str(demo_path))
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert "Veldhuis Klimaattechniek" in out
        assert "Content : promotion" in out
        assert "Calls to action" in out
        assert "Instagram this week" in out
        assert "Next posts" in out
        assert "Strategy: 8 of 10 steps complete" in out
        assert "Objectives" in out and "ROI per channel" in out
        assert "Open set-up tasks: 4" in out

    def test_every_column_is_readable_at_80_columns_in_a_pipe(self, demo_path, demo_data):
        """Piped or at 80 columns: no line longer, nothing cut to 'Wed 02 Dec…  Link…'."""
        result = run("status", "--db", str(demo_path), env={**os.environ, "COLUMNS": "80"})
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80
        posts = result.stdout.split("Next posts", 1)[1]
        assert "…" not in posts
        channels = {c.name for c in demo_data.channels}
        rows = [line for line in posts.splitlines()[2:] if line[1:4].isalpha()]
        statuses = {status.label for status in Status}
        assert rows and all(
            set(row.split()) & channels and any(f" {label} " in row for label in statuses)
            for row in rows
        )

    def test_today_and_week_give_the_shortest_answer(self, demo_path):
        week = run("status", "--db", str(demo_path), "--week", env={**os.environ, "COLUMNS": "80"})
        assert week.returncode == 0, week.stderr
        assert "This week, Mon" in week.stdout and "this week (" in week.stdout
        assert "Objectives" not in week.stdout and "ROI per channel" not in week.stdout
        today = run("status", "--db", str(demo_path), "--today", "--json")
        report = json.loads(today.stdout)
        assert report["period"]["name"] == "today"
        assert report["period"]["start"] == report["period"]["end"]
        assert all(p["when"][:10] == report["period"]["start"] for p in report["posts"])
        both = run("status", "--db", str(demo_path), "--today", "--week")
        assert both.returncode == 2 and "not allowed with" in both.stderr

    def test_json_is_machine_readable(self, demo_path, demo_data):
        result = run("status", "--db", str(demo_path), "--json")
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["plan"] == "Veldhuis Klimaattechniek"
        assert report["iteration"] == {"number": 2, "name": "Winter campaign"}
        assert set(report["ratio"]) == {"content", "promotion", "target", "on_target"}
        assert report["ratio"]["target"] == [10, 1]
        assert {w["channel"] for w in report["this_week"]} == {c.name for c in demo_data.channels}
        assert len(report["next_posts"]) <= 8
        assert all(p["when"] >= report["generated_at"][:10] for p in report["next_posts"])

    def test_status_report_at_a_frozen_moment(self, demo_data):
        from socialplan.cli.status import status_report
        from tests.conftest import FROZEN_NOW

        report = status_report(demo_data, FROZEN_NOW)
        assert report["ratio"] == {
            "content": 18,
            "promotion": 2,
            "target": [10, 1],
            "on_target": False,
        }
        assert report["calls_to_action"]["items"] == 5
        assert report["next_posts"][0]["when"] == "2026-11-25T12:00:00+01:00"
        assert report["warnings"][0].startswith("Too much promotion")
        assert [g["status"] for g in report["goals"]] == ["on track", "met", "behind", "behind"]
        assert report["goals"][0]["current"] == 23
        assert report["roi"]["All channels"]["roi_percent"] == pytest.approx(32.26, abs=0.01)
        assert [t["channel"] for t in report["open_setup_tasks"]] == [
            "LinkedIn",
            "LinkedIn",
            "Instagram",
            "Newsletter",
        ]
        assert report["strategy"] == {
            "steps_complete": 8,
            "steps": 10,
            "next_step": "Integration with the marketing approach",
        }

    def test_user_text_is_printed_literally(self, tmp_path):
        from dataclasses import replace

        from socialplan.data.demo import build_demo
        from socialplan.data.store import PlanStore
        from tests.conftest import FROZEN_NOW

        data = build_demo(FROZEN_NOW)
        data = replace(data, plan=replace(data.plan, name="[bold]Acme[/] \x1b[31m"))
        path = tmp_path / "p.json"
        PlanStore.create(path, data)
        result = run("status", "--db", str(path))
        assert "[bold]Acme[/]" in result.stdout
        assert "\x1b[31m" not in result.stdout

    def test_missing_plan_says_how_to_create_it(self, tmp_path):
        result = run("status", "--db", str(tmp_path / "none.json"))
        assert result.returncode == 1
        assert "There is no plan at" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / "none.json").exists()

    @pytest.mark.parametrize("command", [["status"], []])
    def test_corrupt_plan_is_a_clear_error_not_a_traceback(self, tmp_path, command):
        path = tmp_path / "plan.json"
        path.write_text('{"meta": ')
        result = run(*command, "--db", str(path))
        assert result.returncode == 1
        assert result.stderr.startswith(f"socialplan: Cannot open the plan {path}")
        assert "Traceback" not in result.stderr
        assert path.read_text() == '{"meta": '


def test_version():
    result = run("--version")
    assert result.stdout.startswith("socialplan ")


def test_help_lists_the_commands():
    out = run("--help").stdout
    for command in ("open", "demo", "status"):
        assert command in out
    assert cli.ENV_DB in out


def test_the_demo_file_is_temporary(monkeypatch, tmp_path):
    """``socialplan demo`` writes its copy below the temp dir and removes it afterwards."""
    opened: list[Path] = []
    from socialplan.cli import plans

    monkeypatch.setattr(plans, "_run_app", lambda store: opened.append(store.path) or 0)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    assert cli.main(["demo"]) == 0
    (path,) = opened
    assert path.is_relative_to(tmp_path)
    assert not path.exists()


@pytest.mark.parametrize("what", ["results", "csv", "json"])
def test_every_import_reads_standard_input_for_a_dash(demo_path, tmp_path, what, capsys):
    """'-' meant a file called '-' to the imports, though '-o -' was standard output."""
    import subprocess
    import sys

    from tests.test_import_results import LINKEDIN

    sources = {
        "results": LINKEDIN.read_bytes(),
        "csv": b"date,time_24hr,channel,message_text\n2026-12-02,10:00,LinkedIn,From a pipe\n",
        "json": subprocess.run(
            [sys.executable, "-m", "socialplan", "export", "json", "--db", str(demo_path)],
            capture_output=True,
            check=True,
        ).stdout,
    }
    target = demo_path if what != "json" else tmp_path / "piped.json"
    extra = ["--dry-run"] if what != "csv" else []
    result = subprocess.run(
        [sys.executable, "-m", "socialplan", "import", what, "-", "--db", str(target), *extra],
        input=sources[what],
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout
    if what == "csv":
        from socialplan.data.store import read_plan

        assert any(i.title == "From a pipe" for i in read_plan(demo_path).items)


def complete_in_bash(script: str, *words: str) -> list[str]:
    """What bash offers after ``words`` with the completion script sourced."""
    import subprocess

    line = " ".join(words)
    program = (
        f"{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _socialplan; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    result = subprocess.run(["bash", "-c", program], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_shell_completion_is_made_from_the_parser(capsys):
    assert cli.main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert "export" in complete_in_bash(script, "socialplan", "ex")
    offered = complete_in_bash(script, "socialplan", "export", "")
    assert {"plan", "json", "csv", "ics", "--all", "--channel"} <= set(offered)
    assert "en" not in offered, "an option's choices are not the command's words"
    assert cli.main(["completion", "zsh"]) == 0
    assert "bashcompinit" in capsys.readouterr().out
    assert cli.main(["completion", "fish"]) == 0
    fish = capsys.readouterr().out
    assert "__fish_seen_subcommand_from import' -l delete-missing" in fish


def test_the_man_page_is_made_from_the_parser(capsys):
    import shutil
    import subprocess

    assert cli.main(["manpage"]) == 0
    page = capsys.readouterr().out
    assert page.startswith(".TH SOCIALPLAN 1")
    assert ".B completion" in page and "\\-\\-delete\\-missing" in page
    if shutil.which("man"):
        shown = subprocess.run(
            ["man", "-l", "-"], input=page, capture_output=True, text=True, env={"MANWIDTH": "80"}
        )
        if shown.returncode == 0:  # man without a formatter cannot show it
            assert "socialplan - Plan, run and measure" in shown.stdout


def test_the_parser_offers_the_scheduler_layouts_there_are():
    from socialplan.cli.parser import SCHEDULER_LAYOUTS
    from socialplan.data.scheduler_csv import LAYOUTS

    assert SCHEDULER_LAYOUTS == LAYOUTS


def test_the_parser_offers_the_shells_completion_writes_for():
    from socialplan.cli.completion import SCRIPTS
    from socialplan.cli.parser import SHELLS

    assert tuple(sorted(SCRIPTS)) == SHELLS


def test_every_command_names_a_runner_that_exists():
    import argparse

    from socialplan.cli.parser import Runs, build_parser

    def runners(parser: argparse.ArgumentParser) -> list[Runs]:
        found = [parser.get_default("run")]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    found += runners(sub)
        return found

    named = runners(build_parser())
    assert len(named) > 10 and all(isinstance(run, Runs) for run in named)
    for run in named:
        module = __import__(f"socialplan.cli.{run.module}", fromlist=[run.function])
        assert callable(getattr(module, run.function)), run.function


COMMANDS_SHARED = ["socialplan.cli.common", "socialplan.cli.main", "socialplan.cli.parser"]


def test_building_the_parser_imports_no_command():
    """Opening the app builds the parser too: it must not pay for status, the exporters or
    completion."""
    code = (
        "import sys; from socialplan.cli.parser import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith('socialplan.cli.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(COMMANDS_SHARED)
