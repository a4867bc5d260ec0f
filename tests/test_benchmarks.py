"""The benchmarks still run: they hook into the App by name, and a renamed method broke
one unnoticed once. Nothing here is timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def test_the_schedule_benchmark_runs_on_a_small_plan():
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "schedule_scale.py"), "--items", "60", "--moves", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "card move action -> panel updated" in result.stdout


def test_the_terminal_card_move_benchmark_reports_time_and_bytes():
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "card_move_terminal.py"),
            "--items",
            "60",
            "--moves",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "80x24, 60 items, 2 card moves: key to frame median" in result.stdout
    assert "bytes per move median" in result.stdout


def test_the_results_import_benchmark_runs_on_a_small_plan():
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "import_results.py"),
            *("--items", "40", "--rows", "30", "-n", "1"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "import results, 30 rows (csv) into 40 items: median" in result.stdout
    assert "(xlsx)" in result.stdout


def test_the_calendar_benchmark_runs_on_a_small_plan():
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "ics_export.py"), "--items", "50"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "export ics, 50 posts:" in result.stdout and "peak RSS" in result.stdout
