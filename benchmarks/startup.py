"""First paint of socialplan against a bare Textual app, measured in the same run.

Uses ../shared/tools/ttfp.py (tmux, 120x40). Target (issue 19, item 14): socialplan at
most 1.5x the bare app.
A third program, floor_app.py, shows the schedule screen's widget tree with fixed text and
no socialplan code: how much of the target the screen's stock widgets already take.
Three fairness steps: the programs take turns, one start each per round, so a busy moment
of the machine slows all of them alike instead of whichever was measuring; the package is
byte-compiled first (pip does that on install, but
this machine sets PYTHONDONTWRITEBYTECODE, so an editable install would otherwise be
compiled from source on every start; each folder is named, as compileall does not follow
the package's links to them), and a placeholder tmux session keeps the tmux server
alive between runs (otherwise the server exits after each run and races the next one).

usage: python benchmarks/startup.py [-n RUNS]
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from socialplan.data.demo import build_demo
from socialplan.data.store import PlanStore

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TTFP = Path(os.environ.get("SOCIALPLAN_TTFP", ROOT.parent / "shared" / "tools" / "ttfp.py"))
KEEPALIVE = "socialplan-benchmark-keepalive"


def first_paint(marker: str, command: list[str]) -> float:
    """One start (after ttfp.py's own warm-up start), in seconds."""
    result = subprocess.run(
        [sys.executable, str(TTFP), "-n", "1", "--size", "120x40", marker, "--", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"ttfp median ([\d.]+)s", result.stdout)
    if not match:
        raise SystemExit(f"ttfp.py said: {result.stdout}{result.stderr}")
    return float(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=11, help="runs per program (after a warm-up)")
    runs = parser.parse_args().n
    for folder in ("socialplan", "cli", "core", "data", "tui", "screens"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    socialplan = (shutil.which("socialplan") or f"{sys.executable} -m socialplan").split()
    subprocess.run(["tmux", "new-session", "-d", "-s", KEEPALIVE, "sleep 3600"], check=True)
    try:
        with tempfile.TemporaryDirectory() as directory:
            plan = Path(directory) / "plan.json"
            PlanStore.create(plan, build_demo(datetime.now(UTC))).close()
            programs = {
                "bare": ("BARE-APP-READY", [sys.executable, str(HERE / "bare_app.py")]),
                "floor": ("Content schedule", [sys.executable, str(HERE / "floor_app.py")]),
                "existing": ("Content schedule", [*socialplan, "--db", str(plan)]),
                "demo": ("Content schedule", [*socialplan, "demo"]),
            }
            times: dict[str, list[float]] = {name: [] for name in programs}
            for _round in range(runs):
                for name, (marker, command) in programs.items():
                    times[name].append(first_paint(marker, command))
            bare, floor, existing, demo = (statistics.median(times[name]) for name in programs)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", KEEPALIVE], capture_output=True)
    print(f"bare Textual app first paint           median {bare:.3f} s")
    print(f"floor: schedule widgets, fixed text    median {floor:.3f} s  {floor / bare:.2f}x")
    print(f"socialplan --db PLAN (existing plan)   median {existing:.3f} s  {existing / bare:.2f}x")
    print(f"socialplan demo (writes a new plan)    median {demo:.3f} s  {demo / bare:.2f}x")
    print("target: at most 1.50x the bare app")


if __name__ == "__main__":
    main()
