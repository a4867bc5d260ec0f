"""The PostgreSQL store against a real server: roles the server enforces, who did what,
two processes on one entry, a kill mid-write, a restart mid-session, migrations. (What
every store promises runs in ``test_store_protocol.py``.)"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import psycopg
import pytest

from socialplan.core.activity import Action
from socialplan.core.model import Channel, ContentItem, Status
from socialplan.data.errors import (
    ConflictError,
    RefusedByServerError,
    ServerUnreachableError,
    StoreError,
)
from socialplan.data.requests import Save
from socialplan.data.server_connection import ServerAddress, list_server_plans
from socialplan.data.server_schema import SCHEMA_VERSION
from socialplan.data.server_store import ServerStore
from socialplan.data.session import Outcome, PlanSession

from .conftest import eventually, frozen_clock
from .pg_cluster import Cluster, start_cluster

PEOPLE = {"anna": "socialplan_member", "bert": "socialplan_approver", "carla": "socialplan_client"}


@pytest.fixture
def team(pg_cluster, pg_url, demo_data) -> dict[str, str]:
    """The demo plan on the server, and the URL each person opens it by: anna is a team
    member, bert an approver, carla the client."""
    ServerStore.create(pg_url, demo_data).close()
    with psycopg.connect(pg_cluster.url, autocommit=True) as connection:
        for person, role in PEOPLE.items():
            with contextlib.suppress(psycopg.errors.DuplicateObject):
                connection.execute(f"CREATE ROLE {person} LOGIN IN ROLE {role}")
    database = ServerAddress.parse(pg_url).conninfo.rsplit("/", 1)[1]
    return {person: pg_cluster.url_for(database, person) + "?plan=demo" for person in PEOPLE}


OPENED: list[ServerStore] = []


def opened(url: str) -> ServerStore:
    store = ServerStore.open(url, create=False)
    OPENED.append(store)
    return store


@pytest.fixture(autouse=True)
def closed_after() -> Iterator[None]:
    """Every store a test opened is closed after it (its listener thread stopped)."""
    yield
    while OPENED:
        OPENED.pop().close()


def in_review(store: ServerStore) -> ContentItem:
    item = store.load().items[0]
    store.update(replace(item, status=Status.IN_REVIEW), expected=item)
    return next(i for i in store.reload().items if i.id == item.id)


class TestRoles:
    def test_a_member_edits_but_only_an_approver_approves(self, team):
        anna, bert = opened(team["anna"]), opened(team["bert"])
        item = in_review(anna)
        with pytest.raises(RefusedByServerError, match=r"Only an approver .*\(approvers: bert\)"):
            anna.update(replace(item, status=Status.APPROVED), expected=item)
        bert.update(replace(item, status=Status.APPROVED), expected=item)
        assert next(i for i in anna.reload().items if i.id == item.id).status is Status.APPROVED

    def test_a_client_approves_or_sends_back_a_post_in_review_and_nothing_else(self, team):
        anna, carla = opened(team["anna"]), opened(team["carla"])
        item = in_review(anna)
        with pytest.raises(RefusedByServerError, match="only approve a post in review"):
            carla.update(replace(item, title="Client's own title"), expected=item)
        with pytest.raises(RefusedByServerError, match="may not make this change"):
            carla.add(ContentItem("A client's post", 1, 1))
        with pytest.raises(RefusedByServerError, match="may not make this change"):
            carla.delete(ContentItem, item.id, expected=item)
        other = next(i for i in carla.reload().items if i.status is not Status.IN_REVIEW)
        with pytest.raises(RefusedByServerError):
            carla.update(replace(other, status=Status.DRAFT), expected=other)
        sent_back = replace(item, status=Status.DRAFT, review_comment="Too long")
        carla.update(sent_back, expected=item)
        assert sent_back in anna.reload().items

    def test_the_refusal_reaches_the_session_as_a_message_not_a_hold(self, team):
        anna = opened(team["anna"])
        item = in_review(anna)
        session = PlanSession(anna, frozen_clock)
        result = session.submit(Save((replace(item, status=Status.APPROVED),)))
        assert result.outcome is Outcome.REFUSED
        assert "approvers: bert" in result.message
        assert not session.unsaved


class TestWhoDidWhat:
    def test_every_change_records_the_database_login(self, team):
        anna, bert = opened(team["anna"]), opened(team["bert"])
        item = anna.load().items[0]
        anna.update(replace(item, title="Anna's title"), expected=item)
        channel = bert.add(Channel("Bluesky", 1))
        bert.delete(Channel, channel.id, expected=channel)
        changes = anna.activity()
        assert [(c.who, c.action, c.kind) for c in changes[:3]] == [
            ("bert", Action.DELETE, "channels"),
            ("bert", Action.ADD, "channels"),
            ("anna", Action.EDIT, "items"),
        ]
        assert changes[2].fields == ("title",) and changes[2].summary == "Anna's title"
        assert next(c.who for c in anna.activity(kind="items", entry_id=item.id)) == "anna"

    def test_a_conflict_names_the_other_person(self, team):
        anna, bert = opened(team["anna"]), opened(team["bert"])
        item = anna.load().items[0]
        bert.update(replace(item, title="Bert's"), expected=item)
        with pytest.raises(ConflictError, match="changed by bert") as raised:
            anna.update(replace(item, title="Anna's"), expected=item)
        assert raised.value.by == "bert"

    def test_who_cannot_be_written_by_the_client(self, team):
        with psycopg.connect(team["anna"].split("?")[0], autocommit=True) as connection:
            connection.execute(
                "UPDATE socialplan.entries SET changed_by = 'bert' WHERE kind = 'items'"
            )
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(
                    "INSERT INTO socialplan.activity (plan_id, kind, entry_id, action, who)"
                    " VALUES (1, 'items', 1, 'update', 'bert')"
                )
            stamped = connection.execute(
                "SELECT DISTINCT changed_by FROM socialplan.entries WHERE kind = 'items'"
            ).fetchall()
        assert stamped == [("anna",)]


WRITER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from socialplan.data.errors import ConflictError
    from socialplan.data.server_store import ServerStore

    store = ServerStore.open(sys.argv[1], create=False)
    item = next(i for i in store.load().items if i.id == int(sys.argv[2]))
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        store.update(replace(item, title=sys.argv[3]), expected=item)
        print("saved", flush=True)
    except ConflictError as error:
        print("conflict", error.by, flush=True)
    """
)


def test_two_processes_changing_one_entry_one_wins_the_other_is_told(pg_url, demo_data):
    ServerStore.create(pg_url, demo_data).close()
    item_id = demo_data.items[0].id
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, pg_url, str(item_id), f"Writer {n}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    outcomes = [writer.communicate("go\n", timeout=30)[0].split()[0] for writer in writers]
    assert sorted(outcomes) == ["conflict", "saved"]
    store = opened(pg_url)
    winner = outcomes.index("saved")
    assert next(i for i in store.load().items if i.id == item_id).title == f"Writer {winner}"


KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from socialplan.core.model import ContentItem
    from socialplan.data.server_store import ServerStore

    store = ServerStore.open(sys.argv[1], create=False)
    with store.batch():
        for n in range(100_000):
            store.add(ContentItem(f"Batch {n}", 1, 1))
            if n == 200:
                print("writing", flush=True)
    """
)


def test_a_writer_killed_mid_batch_leaves_the_plan_as_it_was(pg_url, demo_data):
    ServerStore.create(pg_url, demo_data).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, pg_url], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    store = opened(pg_url)
    assert eventually(lambda: store.reload() == demo_data)
    newest = max(i.id for i in demo_data.items)
    assert store.add(ContentItem("After the kill", 1, 1)).id > newest


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[Cluster]:
    """A server of these tests' own, to stop and start (the shared one serves others);
    each test leaves it running."""
    try:
        cluster = start_cluster()
    except RuntimeError as error:
        if os.environ.get("SOCIALPLAN_REQUIRE_PG"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    yield cluster
    cluster.remove()


def test_a_server_restart_mid_session_holds_the_edit_and_saves_it_after(own_cluster, demo_data):
    url = own_cluster.url + "?plan=restart"
    ServerStore.create(url, demo_data).close()
    store, other = opened(url), opened(url)
    store.changed_elsewhere()
    session = PlanSession(store, frozen_clock)
    item = session.shown.items[0]
    own_cluster.stop()
    held = session.submit(Save((replace(item, title="While it was down"),)))
    assert held.outcome is Outcome.HELD
    assert session.unsaved.problem == "the server cannot be reached"
    assert session.retry()[-1].outcome is Outcome.HELD
    own_cluster.start()
    assert [r.outcome for r in session.retry()] == [Outcome.SAVED]
    assert "While it was down" in {i.title for i in other.reload().items}
    other.add(ContentItem("After the restart", 1, 1))
    assert eventually(store.changed_elsewhere, seconds=10), "the listener reconnected"


async def test_the_app_says_the_server_is_gone_holds_the_edit_and_saves_it_later(
    own_cluster, demo_data
):
    from socialplan.tui.app import SocialPlanApp
    from socialplan.tui.recovery_offer import keep_for_recovery

    url = own_cluster.url + "?plan=gone"
    ServerStore.create(url, demo_data).close()
    app = SocialPlanApp(opened(url), clock=frozen_clock, start_phase="schedule")
    async with app.run_test(size=(80, 24)) as pilot:
        own_cluster.stop()
        await pilot.press("n", *"While it was down", "ctrl+s")
        assert "1 edit not saved (the server cannot be reached)" in app.sub_title
        keep_for_recovery(app)  # as at a hang-up: kept beside where the plan's exports go
        assert list(app.store.path.parent.glob("*recovery*"))
        own_cluster.start()
        app.retry_unsaved()
        assert app.sub_title == ""
    assert "While it was down" in {i.title for i in opened(url).load().items}


def test_a_wrong_password_is_said_so(own_cluster):
    hba = own_cluster.directory / "data" / "pg_hba.conf"
    hba.write_text("host all careful 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    with psycopg.connect(own_cluster.url, autocommit=True) as connection:
        connection.execute("CREATE ROLE careful LOGIN PASSWORD 'right-one'")
        connection.execute("SELECT pg_reload_conf()")
    wrong = own_cluster.url_for("postgres", "careful:wrong-one") + "?plan=x"
    with pytest.raises(StoreError, match="wrong user name or password") as raised:
        ServerStore.open(wrong)
    assert "wrong-one" not in str(raised.value)


class TestOpening:
    def test_a_database_set_up_by_a_newer_socialplan_is_refused(self, pg_url, demo_data):
        ServerStore.create(pg_url, demo_data).close()
        with psycopg.connect(pg_url.split("?")[0], autocommit=True) as connection:
            connection.execute(
                "UPDATE socialplan.schema_info SET version = %s", (SCHEMA_VERSION + 1,)
            )
        with pytest.raises(StoreError, match="set up by a newer socialplan"):
            opened(pg_url)

    def test_a_plan_of_an_older_document_version_is_migrated(self, pg_url, demo_data):
        ServerStore.create(pg_url, demo_data).close()
        with psycopg.connect(pg_url.split("?")[0], autocommit=True) as connection:
            connection.execute(
                "UPDATE socialplan.entries SET doc = doc - 'ad_spend'"
                " || jsonb_build_object('cost', doc->'ad_spend') WHERE kind = 'results'"
            )
            connection.execute("UPDATE socialplan.plans SET doc_version = 1")
        assert opened(pg_url).load() == demo_data

    def test_one_database_holds_many_plans(self, pg_database, demo_data):
        ServerStore.create(f"{pg_database}?plan=acme", demo_data).close()
        ServerStore.open(f"{pg_database}?plan=bakery").close()
        assert [(p.name, p.posts) for p in list_server_plans(pg_database)] == [
            ("acme", len(demo_data.items)),
            ("bakery", 0),
        ]
        with pytest.raises(StoreError, match=r"Name the plan in the URL.*acme, bakery"):
            ServerStore.open(pg_database)

    def test_the_apps_exports_of_a_server_plan_go_to_a_folder_of_its_own(self, pg_url, demo_data):
        from socialplan.data.exports import beside, write_export

        store = ServerStore.create(pg_url, demo_data)
        target = beside(store.path, "csv")
        write_export(target, b"title\n", store.path, replace=False)
        assert target.read_bytes() == b"title\n"
        assert "servers" in target.parts and not store.path.exists()

    def test_connection_problems_are_said_in_words(self, pg_cluster):
        with pytest.raises(StoreError, match="no such database"):
            ServerStore.open(pg_cluster.url_for("nowhere") + "?plan=x")
        with pytest.raises(StoreError, match="no such user"):
            ServerStore.open(pg_cluster.url_for("postgres", "nobody_here") + "?plan=x")
        with pytest.raises(ServerUnreachableError, match="Cannot reach"):
            ServerStore.open("postgresql://someone@127.0.0.1:1/db?plan=x")


def test_an_edit_is_one_statement_and_its_time_is_the_servers(pg_url, demo_data):
    ServerStore.create(pg_url, demo_data).close()
    store = opened(pg_url)
    item = store.load().items[0]
    before = datetime.now(UTC)
    store.update(replace(item, title="Now"), expected=item)
    change = store.activity(kind="items", entry_id=item.id)[0]
    assert change.at >= before.replace(microsecond=0) and change.action is Action.EDIT


def test_serve_opens_each_browser_user_as_their_own_database_role(team, pg_cluster):
    import shlex

    from socialplan.cli.plans import serve_command

    with psycopg.connect(pg_cluster.url, autocommit=True) as connection:
        with contextlib.suppress(psycopg.errors.DuplicateObject):
            connection.execute("CREATE ROLE teamserver LOGIN")
        connection.execute("GRANT anna, carla TO teamserver")
    served = team["anna"].replace("anna@", "teamserver@")
    roles = {"klant": "carla"}
    command = shlex.split(serve_command(served, roles, "klant"))
    assert command[:2] == ["env", "SOCIALPLAN_USER=klant"]
    as_client = opened(command[command.index("--db") + 1])
    item = in_review(opened(team["anna"]))
    with pytest.raises(RefusedByServerError, match="only approve a post in review"):
        as_client.update(replace(item, title="Renamed in the browser"), expected=item)
    as_client.update(replace(item, status=Status.DRAFT, review_comment="No"), expected=item)
    assert as_client.activity()[0].who == "carla"
    anna_command = shlex.split(serve_command(served, roles, "anna"))
    assert opened(anna_command[anna_command.index("--db") + 1]).activity()[0].who == "carla"


async def test_another_persons_edit_appears_in_the_open_app_at_once(team):
    from socialplan.tui.app import SocialPlanApp

    from .test_sessions import wait_for

    app = SocialPlanApp(opened(team["anna"]), clock=frozen_clock, start_phase="schedule")
    async with app.run_test(size=(80, 24)) as pilot:
        selected = app.screen.selected_item()
        bert = opened(team["bert"])
        bert.update(replace(selected, title="Bert's new title"), expected=selected)
        await wait_for(pilot, lambda: app.screen.selected_item().title == "Bert's new title", 2)
        assert app.screen.selected_item().id == selected.id, "the cursor stays on the post"


def test_a_database_of_schema_1_is_migrated_and_reads_changes_since(pg_url, demo_data, monkeypatch):
    from socialplan.data import server_connection, server_schema

    monkeypatch.setattr(server_connection, "MIGRATIONS", server_schema.MIGRATIONS[:1])
    monkeypatch.setattr(server_connection, "SCHEMA_VERSION", 1)
    ServerStore.create(pg_url, demo_data).close()
    monkeypatch.undo()
    store, other = opened(pg_url), opened(pg_url)
    with psycopg.connect(pg_url.split("?")[0]) as connection:
        version = connection.execute("SELECT version FROM socialplan.schema_info").fetchone()
    assert version == (SCHEMA_VERSION,)
    item = other.load().items[0]
    other.update(replace(item, title="After the migration"), expected=item)
    assert "After the migration" in {i.title for i in store.reload().items}


def test_an_entry_written_wrong_behind_socialplans_back_is_refused_on_reload(pg_url, demo_data):
    ServerStore.create(pg_url, demo_data).close()
    store = opened(pg_url)
    store.load()
    with psycopg.connect(pg_url.split("?")[0], autocommit=True) as connection:
        connection.execute(
            "UPDATE socialplan.entries SET doc = jsonb_set(doc, '{title}', '5')"
            " WHERE kind = 'items' AND id = 1"
        )
    with pytest.raises(StoreError, match="field 'title' has a wrong value 5"):
        store.reload()


def test_a_reload_reads_only_what_changed(pg_url, demo_data, monkeypatch):
    ServerStore.create(pg_url, demo_data).close()
    store, other = opened(pg_url), opened(pg_url)
    store.load()
    store.reload()
    item = other.load().items[0]
    other.update(replace(item, title="Changed elsewhere"), expected=item)
    whole_reads: list[int] = []
    monkeypatch.setattr(store, "_document", lambda **_: whole_reads.append(1) or {})
    assert "Changed elsewhere" in {i.title for i in store.reload().items}
    assert whole_reads == []


def test_reloads_in_a_worker_thread_never_swallow_an_edit(pg_url, demo_data):
    """The App reloads in a thread while edits are saved on its own: each must be a
    transaction of its own, or an edit begun during a reload became part of the read."""
    import threading

    ServerStore.create(pg_url, demo_data).close()
    store, other = opened(pg_url), opened(pg_url)
    failures: list[BaseException] = []
    done = threading.Event()

    def reload_again_and_again() -> None:
        while not done.is_set():
            try:
                store.reload()
                item = other.reload().items[0]
                other.update(replace(item, owner=f"{item.owner}."), expected=item)
            except BaseException as error:
                failures.append(error)
                return

    worker = threading.Thread(target=reload_again_and_again)
    worker.start()
    added = [store.add(ContentItem(f"Saved while reloading {n}", 1, 1)) for n in range(60)]
    done.set()
    worker.join(timeout=30)
    assert failures == []
    assert {a.id for a in added} <= {i.id for i in opened(pg_url).load().items}
