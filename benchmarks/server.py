"""A PostgreSQL server for the benchmarks: ``SOCIALPLAN_BENCH_PG`` (a URL), else a
throw-away cluster with fsync on, as a real server runs (the tests' helper starts it)."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.pg_cluster import start_cluster


@contextmanager
def server_database() -> Iterator[str]:
    """A URL to a new, empty database (dropped afterwards), on the given server or a
    cluster started for the benchmark."""
    given = os.environ.get("SOCIALPLAN_BENCH_PG")
    cluster = None if given else start_cluster(durable=True)
    base = given or (cluster.url if cluster else "")
    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if cluster is not None:
            cluster.remove()
