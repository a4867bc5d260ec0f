"""A results import as a user runs it: ``socialplan import results`` as a whole process, a
LinkedIn page export of N rows (as CSV and as .xlsx) into a plan of M items, each row about
a planned post. Target: 5,000 rows into a 10,000-item plan in at most 2 s.

usage: python benchmarks/import_results.py [--items N] [--rows N] [-n RUNS]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plans import big_plan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from socialplan.core.schedule import local_time
from socialplan.data.store import PlanStore
from tests.spreadsheets import write_xlsx

HEADER = ["Post title", "Post link", "Created date", "Impressions", "Clicks", "Likes"]


def export_rows(plan_path: Path, rows: int) -> list[list[object]]:
    """A row per LinkedIn post of the plan (its title and day), then rows about posts the
    plan does not hold, up to ``rows``."""
    store = PlanStore.open(plan_path)
    plan = store.load()
    store.close()
    zone = plan.plan.timezone
    days = [
        (item.title, f"{local_time(item.scheduled_at, zone):%m/%d/%Y}")
        for item in plan.items
        if item.channel == 1 and item.scheduled_at
    ][:rows]
    days += [(f"A post made elsewhere {n}", "01/15/2026") for n in range(rows - len(days))]
    return [
        [title, f"https://www.linkedin.com/feed/update/urn:li:activity:{n}", day, 1000 + n, 5, 9]
        for n, (title, day) in enumerate(days)
    ]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("-n", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.json"
        PlanStore.create(base, big_plan(args.items)).close()
        rows = export_rows(base, args.rows)
        exports = {
            "csv": Path(folder) / "export.csv",
            "xlsx": write_xlsx(Path(folder) / "export.xlsx", {"All posts": [HEADER, *rows]}),
        }
        with exports["csv"].open("w", newline="") as out:
            csv.writer(out).writerows([HEADER, *rows])
        for kind, export in exports.items():
            times = []
            for run in range(args.n):
                plan = Path(folder) / f"plan-{kind}-{run}.json"
                shutil.copy(base, plan)
                command = [sys.executable, "-m", "socialplan", "import", "results", str(export)]
                times.append(timed([*command, "--db", str(plan)]))
            print(
                f"import results, {len(rows):,} rows ({kind}) into {args.items:,} items: "
                f"median {statistics.median(times):.2f} s, best {min(times):.2f} s"
            )


if __name__ == "__main__":
    main()
