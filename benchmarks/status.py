"""Wall time of `socialplan status` on the demo plan (target at most 0.35 s).

usage: python benchmarks/status.py [-n RUNS]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from socialplan.data.demo import build_demo
from socialplan.data.store import PlanStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=15)
    runs = parser.parse_args().n
    command = [shutil.which("socialplan") or f"{sys.executable} -m socialplan"]
    with tempfile.TemporaryDirectory() as directory:
        plan = Path(directory) / "demo.json"
        PlanStore.create(plan, build_demo(datetime.now(UTC))).close()
        for json_flag in ([], ["--json"]):
            args = [*command[0].split(), "status", "--db", str(plan), *json_flag]
            subprocess.run(args, capture_output=True, check=True)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run(args, capture_output=True, check=True)
                times.append(time.perf_counter() - start)
            label = "socialplan status " + " ".join(json_flag)
            print(
                f"{label:<28} median {statistics.median(times):.3f} s  "
                f"min {min(times):.3f} s  max {max(times):.3f} s  n={runs}"
            )


if __name__ == "__main__":
    main()
