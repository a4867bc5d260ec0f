"""Shared fixtures: a frozen clock and the demo plan built around it."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from socialplan.compat import quicker_idle_waits
from socialplan.core.i18n import LOCALE_VARIABLES, use_language
from socialplan.core.plan_data import PlanData
from socialplan.data import storage
from socialplan.data.demo import build_demo
from socialplan.data.store import PlanStore

from .pg_cluster import Cluster, ExistingServer, start_cluster

QUICK_IDLE_SLICE = 1 / 200
TEXTUALS_IDLE_SLICE = 1 / 50
quicker_idle_waits(QUICK_IDLE_SLICE)


@pytest.fixture
def textuals_idle_waits() -> Iterator[None]:
    """Textual's own 20 ms idle slices, for a test whose screen lays out in steps that a
    5 ms quiet slice takes for the end (the Strategy list scrolls after its sections)."""
    quicker_idle_waits(TEXTUALS_IDLE_SLICE)
    yield
    quicker_idle_waits(QUICK_IDLE_SLICE)


FROZEN_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
"""A Wednesday: the demo's current week has posts behind and ahead of it."""


def frozen_clock() -> datetime:
    return FROZEN_NOW


@pytest.fixture(autouse=True)
def own_settings_and_plans(tmp_path_factory, monkeypatch) -> Iterator[Path]:
    """Each test has its own settings file and data directory, never the user's, and
    starts in English whatever the machine's locale."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SOCIALPLAN_CONFIG", str(home / "settings.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("SOCIALPLAN_DB", raising=False)
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    use_language("en")
    yield home
    use_language("en")


@pytest.fixture
def refusing_disk(monkeypatch):
    """``refuse[0]`` set: every write fails as on a full disk (nothing reaches the file)."""
    refuse = [errno.ENOSPC]
    real = storage.atomic_replace

    def maybe_refuse(path, payload, **options):
        if refuse[0]:
            raise OSError(refuse[0], "No space left on device")
        real(path, payload, **options)

    monkeypatch.setattr(storage, "atomic_replace", maybe_refuse)
    return refuse


@pytest.fixture
def demo_data() -> PlanData:
    return build_demo(FROZEN_NOW)


@pytest.fixture
def demo_path(tmp_path: Path, demo_data: PlanData) -> Path:
    path = tmp_path / "demo.json"
    PlanStore.create(path, demo_data).close()
    return path


@pytest.fixture
def demo_store(demo_path: Path):
    store = PlanStore.open(demo_path)
    yield store
    store.close()


@pytest.fixture
def make_app(demo_store: PlanStore) -> Callable:
    from socialplan.tui.app import SocialPlanApp

    def make(start_phase: str = "schedule") -> SocialPlanApp:
        return SocialPlanApp(demo_store, clock=frozen_clock, start_phase=start_phase)

    return make


async def wait_for_notification(pilot, app, text: str, seconds: float = 5.0) -> list[str]:
    """The messages on screen once one contains ``text``: ``App.notify`` posts a
    message, which under load arrives a little later."""
    from socialplan.compat import notifications

    messages: list[str] = []
    for _ in range(int(seconds / 0.05)):
        messages = [n.message for n in notifications(app)]
        if any(text in message for message in messages):
            return messages
        await pilot.pause(0.05)
    raise AssertionError(f"no notification with {text!r}; there were {messages}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first: started last, the 40-second cycle tests kept one worker busy
    for most of a minute after the other had run out of tests."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL server for this test process (see ``tests/pg_cluster.py``): skipped
    with the reason when none can be started here, failed when ``.ci/run`` requires one."""
    given = os.environ.get("SOCIALPLAN_TEST_PG")
    if given:
        yield ExistingServer(given)  # type: ignore[misc]
        return
    try:
        cluster = start_cluster()
    except RuntimeError as error:
        if os.environ.get("SOCIALPLAN_REQUIRE_PG"):
            pytest.fail(f"no PostgreSQL server: {error}")
        pytest.skip(f"no PostgreSQL server can be started here: {error}")
    yield cluster
    cluster.remove()


@pytest.fixture
def pg_database(pg_cluster: Cluster) -> Iterator[str]:
    """A new, empty database of its own for the test: its URL (no plan named yet)."""
    import uuid

    import psycopg

    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_cluster.url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name} STRATEGY FILE_COPY")
    yield pg_cluster.url_for(name)
    with psycopg.connect(pg_cluster.url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """The demo plan's URL in a new database (the plan itself is not created)."""
    return f"{pg_database}?plan=demo"


def eventually(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Whether ``check`` comes true within ``seconds`` (for what another process or
    thread does, such as a notification arriving)."""
    import time

    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
