"""Bulk CSV import into a big plan, as a user runs it: ``socialplan import csv`` as a whole
process. Target: 10,000 new rows into a 100,000-item plan in at most 5 s.

usage: python benchmarks/import_csv.py [--items N] [--rows N] [-n RUNS]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from plans import big_plan

from socialplan.core.bulk import bulk_rows
from socialplan.data.bulk_csv import bulk_csv
from socialplan.data.store import PlanStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("-n", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="socialplan-import-"))
    try:
        data = big_plan(args.items)
        original = folder / "original.json"
        PlanStore.create(original, data).close()
        new_posts = [
            item.__class__(
                title=f"Imported {n}",
                channel=item.channel,
                stage=item.stage,
                scheduled_at=item.scheduled_at + timedelta(minutes=1)
                if item.scheduled_at
                else None,
                body=f"Imported post number {n}",
            )
            for n, item in enumerate(data.items[: args.rows])
        ]
        sheet = folder / "posts.csv"
        sheet.write_text(bulk_csv(bulk_rows(data, new_posts)))
        times = []
        for _ in range(args.n):
            plan = folder / "plan.json"
            shutil.copy(original, plan)
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "socialplan",
                    "import",
                    "csv",
                    str(sheet),
                    "--db",
                    str(plan),
                ],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
        size = sheet.stat().st_size / 1e6
        print(
            f"import csv: {args.rows:,} rows ({size:.1f} MB) into {args.items:,} items: "
            f"median {statistics.median(times):.2f} s  min {min(times):.2f} s  n={len(times)}"
        )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
