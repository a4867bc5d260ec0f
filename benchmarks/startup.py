"""First paint of `socialplan demo` against a bare Textual app, measured in the same run.

Uses ../shared/tools/ttfp.py (tmux, 120x40). Target: socialplan at most 1.3x the bare app.
usage: python benchmarks/startup.py [-n RUNS]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TTFP = Path(os.environ.get("SOCIALPLAN_TTFP", HERE.parent.parent / "shared" / "tools" / "ttfp.py"))


def median_first_paint(marker: str, command: list[str], runs: int) -> float:
    result = subprocess.run(
        [sys.executable, str(TTFP), "-n", str(runs), "--size", "120x40", marker, "--", *command],
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
    parser.add_argument("-n", type=int, default=7, help="runs per program (after a warm-up)")
    runs = parser.parse_args().n
    socialplan = shutil.which("socialplan") or f"{sys.executable} -m socialplan"
    bare = median_first_paint("BARE-APP-READY", [sys.executable, str(HERE / "bare_app.py")], runs)
    demo = median_first_paint("Content schedule", [*socialplan.split(), "demo"], runs)
    print(f"bare Textual app first paint   median {bare:.3f} s")
    print(f"socialplan demo first paint    median {demo:.3f} s")
    print(f"ratio                          {demo / bare:.2f}x (target at most 1.30x)")


if __name__ == "__main__":
    main()
