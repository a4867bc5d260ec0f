"""Crash safety: a writer killed with SIGKILL at random moments, hundreds of times, never
leaves a file that does not load, and never loses an edit it had acknowledged."""

from __future__ import annotations

import multiprocessing
import random
import time
from multiprocessing.connection import Connection

import pytest

from socialplan.data import files
from socialplan.data.store import PlanStore, read_plan

from . import kill_writer

KILL_ROUNDS = 200


@pytest.mark.slow
def test_hundreds_of_sigkills_lose_no_acknowledged_edit(demo_path):
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.kill_writer"])
    rng = random.Random(2026)
    acknowledged: set[str] = set()
    started = time.perf_counter()
    for round_ in range(KILL_ROUNDS):
        receive, send = context.Pipe(duplex=False)
        writer = context.Process(
            target=kill_writer.write_until_killed, args=(str(demo_path), f"r{round_}", send)
        )
        writer.start()
        send.close()
        assert receive.recv() == "ready"
        for _ in range(rng.randrange(0, 4)):
            acknowledged.add(f"r{round_}-{receive.recv()}")
        time.sleep(rng.uniform(0, 0.004))
        writer.kill()
        writer.join()
        acknowledged |= {f"r{round_}-{number}" for number in _drain(receive)}
        receive.close()
        titles = {i.title for i in read_plan(demo_path).items}
        assert acknowledged <= titles, f"round {round_}: lost {acknowledged - titles}"
    PlanStore.open(demo_path).close()
    assert files.temp_files_of(demo_path) == []
    print(
        f"{KILL_ROUNDS} kill rounds, {len(acknowledged)} acknowledged edits, "
        f"{time.perf_counter() - started:.1f} s"
    )


def _drain(receive: Connection) -> list[int]:
    """Acknowledgements sent before the kill and not read yet."""
    numbers = []
    try:
        while receive.poll():
            numbers.append(receive.recv())
    except EOFError:
        pass
    return numbers
