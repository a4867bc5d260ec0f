"""The PostgreSQL store against the file store, in one run.

Per plan size: opening (and decoding) the plan, and one edit (an update checked against
the version seen), median and p95. Then many writers at once: ``--writers`` processes each
make ``--edits`` edits to an entry of their own (the throughput), then ``--shared``
increments of one shared entry, retrying on a conflict as a person would: the count must
come out equal to every acknowledged increment (0 lost, 0 silent overwrites). Targets
(server): an edit at most 5 ms median at 10,000 and 100,000 items, opening 100,000 items
at most 1 s.

usage: python benchmarks/server_store.py [--items 10000 100000] [-n EDITS]
       [--writers 20] [--edits 100] [--shared 10]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from plans import big_plan
from server import server_database

from socialplan.data.errors import ConflictError
from socialplan.data.interface import PlanStorage, open_storage
from socialplan.data.server_store import ServerStore
from socialplan.data.store import PlanStore


def report(label: str, seconds: list[float]) -> None:
    ms = sorted(t * 1000 for t in seconds)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"  {label:<44} median {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms")


def timed(action: Callable[..., Any], *arguments: Any, **options: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action(*arguments, **options)
    return time.perf_counter() - start, result


OPEN_ONCE = """
import sys, time
from socialplan.data.interface import open_storage
import socialplan.data.server_store, socialplan.data.store
start = time.perf_counter()
open_storage(sys.argv[1]).load()
print(time.perf_counter() - start)
"""
"""Opening as a user does: in a process of its own, its modules imported (first paint
counts those). Timed inside the benchmark, the plan it had just built made each garbage
collection walk 100,000 more items: 2.7 s against 1.2 s."""


def opened_anew(target: str, runs: int = 5) -> list[float]:
    return [
        float(subprocess.check_output([sys.executable, "-c", OPEN_ONCE, target], text=True))
        for _ in range(runs)
    ]


def edits(store: PlanStorage, count: int) -> list[float]:
    items = store.load().items
    times = []
    for n in range(count):
        edited = replace(items[n], title=f"Edited {n}")
        seconds, _ = timed(store.update, edited, expected=items[n])
        times.append(seconds)
    return times


def sizes(args: argparse.Namespace, database: str) -> None:
    for count in args.items:
        plan = big_plan(count)
        print(f"{count:,} items:")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "plan.json"
            PlanStore.create(path, plan).close()
            url = f"{database}?plan=size-{count}"
            created, server = timed(ServerStore.create, url, plan)
            server.close()
            print(f"  {'server: write the whole plan (COPY)':<44} {created * 1000:7.0f} ms")
            for label, target in (("file", str(path)), ("server", url)):
                report(f"{label}: open + load, in a new process", opened_anew(target))
                store = open_storage(target)
                report(f"{label}: one edit (checked against the version)", edits(store, args.n))
                store.close()


def writer(target: str, own_id: int, count: int, shared_count: int, done: Any) -> None:
    """``count`` edits of the writer's own entry, then ``shared_count`` increments of the
    shared counter (the first item's rank), each retried on the version the conflict
    shows (as the app does) until it lands. Puts (seconds of own edits, conflicts)."""
    store = open_storage(target)
    items = store.load().items
    own = next(i for i in items if i.id == own_id)
    start = time.perf_counter()
    for n in range(count):
        edited = replace(own, title=f"Writer {own_id} edit {n}")
        store.update(edited, expected=own)
        own = edited
    own_seconds = time.perf_counter() - start
    shared = next(i for i in items if i.id == 1)
    conflicts = 0
    for _n in range(shared_count):
        while True:
            counted = replace(shared, rank=(shared.rank or 0) + 1)
            try:
                store.update(counted, expected=shared)
                shared = counted
                break
            except ConflictError as error:
                shared, conflicts = error.theirs, conflicts + 1
    store.close()
    done.put((own_seconds, conflicts))


def concurrent(label: str, target: str, writers: int, count: int, shared_count: int) -> None:
    store = open_storage(target)
    first = store.load().items[0]
    store.update(replace(first, rank=0.0), expected=first)
    store.close()
    queue: Any = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=writer, args=(target, 2 + n, count, shared_count, queue))
        for n in range(writers)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=900) for _ in processes]
    for process in processes:
        process.join()
    slowest = max(seconds for seconds, _ in results)
    conflicts = sum(conflict for _, conflict in results)
    final = open_storage(target)
    items = final.reload().items
    final.close()
    counter = int(next(i for i in items if i.id == 1).rank or 0)
    last = {f"Writer {2 + n} edit {count - 1}" for n in range(writers)}
    own_right = sum(1 for i in items if i.title in last)
    print(
        f"{label}: {writers} writers x {count} edits of their own entries: "
        f"{writers * count / slowest:,.0f} edits/s, {own_right}/{writers} entries as last "
        f"saved; then {writers} x {shared_count} increments of one shared entry: lost "
        f"{writers * shared_count - counter}, conflicts retried {conflicts}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--shared", type=int, default=10)
    args = parser.parse_args()
    with server_database() as database:
        sizes(args, database)
        plan = big_plan(200)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "plan.json"
            PlanStore.create(path, plan).close()
            url = f"{database}?plan=writers"
            ServerStore.create(url, plan).close()
            for label, target in (("server", url), ("file", str(path))):
                concurrent(label, target, args.writers, args.edits, args.shared)


if __name__ == "__main__":
    main()
