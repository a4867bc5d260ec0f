"""One edit persisted (atomic, fsynced, under the lock) on a plan of 10,000 items.

Compares socialplan's store with stock TinyDB (JSONStorage) doing the same update.
Target: median at most 15 ms. usage: python benchmarks/store_write.py [-n EDITS] [--items N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from plans import big_plan
from tinydb import TinyDB

from socialplan.core.model import ContentItem
from socialplan.data.store import PlanStore, read_plan


def timings(edit, count: int) -> list[float]:
    times = []
    for n in range(count):
        start = time.perf_counter()
        edit(n)
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> None:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"{label:<40} median {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  n={len(ms)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=60)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    data = big_plan(args.items)
    with tempfile.TemporaryDirectory() as directory:
        ours = Path(directory) / "plan.json"
        PlanStore.create(ours, data).close()
        size_mb = ours.stat().st_size / 1e6
        print(f"plan: {args.items} items, {size_mb:.1f} MB")

        start = time.perf_counter()
        store = PlanStore.open(ours)
        loaded = store.load()
        elapsed_ms = 1000 * (time.perf_counter() - start)
        print(f"{'open + load (decode all entities)':<40} {elapsed_ms:6.1f} ms")

        items = loaded.items
        report(
            "socialplan store: update one item",
            timings(lambda n: store.update(replace(items[n], title=f"Edited {n}")), args.n),
        )
        report(
            "  ... checked against the version seen",
            timings(
                lambda n: store.update(
                    replace(items[n], title=f"Again {n}"),
                    expected=replace(items[n], title=f"Edited {n}"),
                ),
                args.n,
            ),
        )
        report(
            "socialplan store: add one item",
            timings(lambda n: store.add(ContentItem(f"New {n}", 1, 1)), args.n),
        )
        report("another session's write seen and read", timings(lambda n: read_plan(ours), 10))
        store.close()

        stock_path = Path(directory) / "stock.json"
        stock_path.write_bytes(ours.read_bytes())
        stock = TinyDB(stock_path).table("items")
        report(
            "stock TinyDB: update one item",
            timings(lambda n: stock.update({"title": f"Edited {n}"}, doc_ids=[n + 1]), args.n),
        )


if __name__ == "__main__":
    main()
