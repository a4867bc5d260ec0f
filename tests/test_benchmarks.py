"""The benchmarks still run: they hook into the App by name, and a renamed method broke
one unnoticed once. Nothing here is timed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run_benchmark(script: str, *args: str, env: dict[str, str] | None = None) -> str:
    """The benchmark's output, run on a small plan; it must exit 0."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=None if env is None else {**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_schedule_benchmark_runs_on_a_small_plan():
    out = run_benchmark("schedule_scale.py", "--items", "60", "--moves", "2")
    assert "card move action -> panel updated" in out


def test_the_terminal_card_move_benchmark_reports_time_and_bytes():
    out = run_benchmark("card_move_terminal.py", "--items", "60", "--moves", "2")
    assert "80x24, 60 items (file), 2 card moves: key to frame median" in out
    assert "bytes per move median" in out


def test_the_results_import_benchmark_runs_on_a_small_plan():
    out = run_benchmark("import_results.py", "--items", "40", "--rows", "30", "-n", "1")
    assert "import results, 30 rows (csv) into 40 items: median" in out
    assert "(xlsx)" in out


def test_the_calendar_benchmark_runs_on_a_small_plan():
    out = run_benchmark("ics_export.py", "--items", "50")
    assert "export ics, 50 posts:" in out and "peak RSS" in out


def test_the_server_benchmark_opens_edits_and_writes_at_once(pg_cluster):
    out = run_benchmark(
        "server_store.py",
        *("--items", "50", "-n", "3", "--writers", "2", "--edits", "3", "--shared", "2"),
        env={"SOCIALPLAN_BENCH_PG": pg_cluster.url},
    )
    assert "server: open + load, in a new process" in out and "file: open + load" in out
    assert "lost 0" in out
