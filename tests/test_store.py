"""The safe store: atomic writes, locking, schema versions, backups, clear errors."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace

import pytest
from tinydb import TinyDB

from socialplan.core.model import Channel, ContentItem
from socialplan.data import files, plan_document
from socialplan.data.backups import KEEP_NEWEST, list_backups
from socialplan.data.errors import (
    ConflictError,
    PlanBusyError,
    SaveFailedError,
    StoreError,
    UnreadablePlanError,
)
from socialplan.data.store import PlanStore, read_plan


def test_round_trip_of_the_whole_demo_plan(demo_path, demo_data):
    store_ = PlanStore.open(demo_path)
    assert store_.load() == demo_data
    assert read_plan(demo_path) == demo_data


def test_stock_tinydb_reads_the_file(demo_path, demo_data):
    db = TinyDB(demo_path, access_mode="r")
    titles = {doc["title"] for doc in db.table("items").all()}
    assert titles == {item.title for item in demo_data.items}
    assert db.table("meta").all()[0]["schema_version"] == plan_document.SCHEMA_VERSION


def test_new_file_is_created_with_default_stages(tmp_path):
    path = tmp_path / "sub" / "plan.json"
    data = PlanStore.open(path, plan_name="Fresh").load()
    assert path.exists()
    assert data.plan.name == "Fresh"
    assert [s.name for s in data.ordered_stages()] == ["See", "Think", "Do", "Care"]


def test_add_update_delete_are_on_disk_when_they_return(demo_store, demo_path):
    item = demo_store.add(ContentItem("New post", 1, 1))
    assert item.id == 61
    demo_store.update(replace(item, title="Renamed"))
    demo_store.delete(ContentItem, 1)
    on_disk = read_plan(demo_path)
    assert [i.title for i in on_disk.items if i.id == 61] == ["Renamed"]
    assert all(i.id != 1 for i in on_disk.items)


def test_updating_a_deleted_entry_is_a_clear_error(demo_store):
    item = demo_store.load().items[0]
    demo_store.delete(ContentItem, item.id)
    with pytest.raises(StoreError, match="no longer exists"):
        demo_store.update(item)


def test_a_batch_writes_once_at_the_end(demo_store, demo_path, monkeypatch):
    writes = []
    real_replace = files.atomic_replace
    monkeypatch.setattr(
        "socialplan.data.storage.atomic_replace",
        lambda path, raw, **options: (writes.append(path), real_replace(path, raw, **options)),
    )
    with demo_store.batch():
        head = demo_store.add(ContentItem("Head", 1, 1))
        for n in range(5):
            demo_store.add(ContentItem(f"Repeat {n}", 1, 1, series=head.id))
        demo_store.delete(ContentItem, 1)
        assert writes == []
    assert len(writes) == 1
    on_disk = read_plan(demo_path)
    assert [i.title for i in on_disk.items if i.series == head.id] == [
        f"Repeat {n}" for n in range(5)
    ]
    assert all(i.id != 1 for i in on_disk.items)


def test_fields_back_at_an_empty_default_leave_the_stored_document(demo_store, demo_path):
    item = demo_store.add(ContentItem("Post", 1, 1, owner="Lotte", repeat="FREQ=DAILY;COUNT=2"))
    demo_store.update(replace(item, owner="", repeat=""))
    stored = TinyDB(demo_path, access_mode="r").table("items").get(doc_id=item.id)
    assert "owner" not in stored and "repeat" not in stored and "link" not in stored
    assert stored["title"] == "Post" and stored["kind"] == "content"
    assert next(i for i in read_plan(demo_path).items if i.id == item.id) == replace(
        item, owner="", repeat=""
    )


def test_a_failed_batch_writes_nothing(demo_store, demo_path):
    before = demo_path.read_bytes()
    with pytest.raises(RuntimeError, match="midway"), demo_store.batch():
        demo_store.add(ContentItem("Half", 1, 1))
        raise RuntimeError("midway")
    assert demo_path.read_bytes() == before
    assert len(demo_store.load().items) == 60


def test_file_keeps_its_permissions_across_writes(demo_store, demo_path):
    os.chmod(demo_path, 0o640)
    demo_store.add(Channel("TikTok", 7))
    assert demo_path.stat().st_mode & 0o777 == 0o640


def test_interrupted_write_leaves_the_previous_file_intact(demo_store, demo_path, monkeypatch):
    before = demo_path.read_bytes()

    def replace_fails(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", replace_fails)
    with pytest.raises(SaveFailedError, match="No space left on device"):
        demo_store.add(ContentItem("Lost", 1, 1))
    assert demo_path.read_bytes() == before
    assert files.temp_files_of(demo_path) == []
    monkeypatch.undo()
    saved = demo_store.add(ContentItem("Kept", 1, 1))
    assert [i.title for i in read_plan(demo_path).items][-1] == "Kept"
    assert saved.id == 61


def test_a_second_store_on_the_same_file_sees_writes_and_never_reuses_ids(demo_path):
    first, second = PlanStore.open(demo_path), PlanStore.open(demo_path)
    a = first.add(ContentItem("from first", 1, 1))
    b = second.add(ContentItem("from second", 1, 1))
    assert a.id != b.id
    assert {"from first", "from second"} <= {i.title for i in first.load().items}


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from socialplan.core.model import ContentItem
    from socialplan.data.store import PlanStore

    store = PlanStore.open(sys.argv[1])
    prefix, count = sys.argv[2], int(sys.argv[3])
    go = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    print("ready", flush=True)
    while go is not None and not go.exists():
        time.sleep(0.001)
    for n in range(count):
        store.add(ContentItem(f"{prefix}-{n}", 1, 1))
        print(n, flush=True)
    """
)


def test_two_processes_writing_at_once_lose_nothing(demo_path, tmp_path):
    count = 150
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(demo_path), name, str(count), str(go)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    assert all(w.stdout is not None and w.stdout.readline() == "ready\n" for w in writers)
    go.touch()
    outputs = [w.communicate(timeout=120)[0].split() for w in writers]
    assert [w.returncode for w in writers] == [0, 0]
    assert all(len(out) == count for out in outputs)
    data = read_plan(demo_path)
    titles = [i.title for i in data.items]
    for name in ("a", "b"):
        assert {f"{name}-{n}" for n in range(count)} <= set(titles)
    assert len({i.id for i in data.items}) == len(data.items) == 60 + 2 * count


KILL_ROUNDS = 12


def test_sigkill_mid_write_never_corrupts_or_loses_an_acknowledged_edit(demo_path):
    """Kill a writer at random moments; each time the file loads and holds every ack."""
    rng = random.Random(7)
    acknowledged: list[str] = []
    for round_ in range(KILL_ROUNDS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(demo_path), f"r{round_}", "100000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        acks = int(rng.uniform(1, 15))
        for _ in range(acks):
            line = writer.stdout.readline()
            acknowledged.append(f"r{round_}-{int(line)}")
        time.sleep(rng.uniform(0, 0.01))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        titles = {i.title for i in read_plan(demo_path).items}
        assert set(acknowledged) <= titles
    PlanStore.open(demo_path)
    assert files.temp_files_of(demo_path) == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b'{"meta": {"1": {"schema_version": 1}}, "items": {"1": {"tit', "not valid JSON"),
        (b"[1, 2, 3]", "not a TinyDB document store"),
        (b'{"_default": {"1": {"name": "x"}}}', "not a socialplan plan"),
        (b'{"meta": {"1": {"schema_version": 99}}, "plan": {}}', "written by a newer socialplan"),
    ],
)
def test_unreadable_files_give_a_clear_error_and_stay_untouched(tmp_path, content, reason):
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    for opener in (PlanStore.open, read_plan):
        with pytest.raises(UnreadablePlanError) as raised:
            opener(path)
        message = str(raised.value)
        assert reason in message
        assert str(path) in message
        assert "The file has not been changed" in message
    assert path.read_bytes() == content
    assert list_backups(path) == []


def test_unreadable_error_names_the_newest_backup_and_how_to_restore_it(demo_path):
    PlanStore.open(demo_path).close()
    (newest,) = list_backups(demo_path)
    demo_path.write_bytes(b"{broken")
    with pytest.raises(UnreadablePlanError) as raised:
        PlanStore.open(demo_path)
    assert f"socialplan restore '{newest}' --db '{demo_path}'" in str(raised.value)
    meta = json.loads(newest.read_bytes())["meta"]["1"]
    assert meta["schema_version"] == plan_document.SCHEMA_VERSION


def test_a_directory_is_not_a_plan(tmp_path):
    with pytest.raises(UnreadablePlanError, match="it is a directory"):
        PlanStore.open(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read and write any file")
def test_a_file_without_write_permission_is_refused(demo_path):
    os.chmod(demo_path, 0o444)
    with pytest.raises(UnreadablePlanError, match="no permission to write"):
        PlanStore.open(demo_path)


def test_opening_backs_up_once_per_change_and_keeps_a_few(demo_path):
    PlanStore.open(demo_path).close()
    PlanStore.open(demo_path).close()
    assert len(list_backups(demo_path)) == 1
    for n in range(KEEP_NEWEST + 2):
        opened = PlanStore.open(demo_path)
        opened.add(Channel(f"Channel {n}"))
        opened.close()
    PlanStore.open(demo_path).close()
    backups = list_backups(demo_path)
    assert len(backups) == KEEP_NEWEST
    assert backups[0].read_bytes() == demo_path.read_bytes()


def test_older_schema_is_backed_up_then_migrated(demo_path, monkeypatch):
    def rename_owner_to_author(document):
        for doc in document["items"].values():
            doc["author"] = doc.pop("owner")
        return document

    newer = plan_document.SCHEMA_VERSION + 1
    monkeypatch.setattr(plan_document, "SCHEMA_VERSION", newer)
    monkeypatch.setattr(
        plan_document, "MIGRATIONS", {**plan_document.MIGRATIONS, newer - 1: rename_owner_to_author}
    )
    original = demo_path.read_bytes()
    PlanStore.open(demo_path).close()
    migrated = json.loads(demo_path.read_bytes())
    assert migrated["meta"]["1"]["schema_version"] == newer
    assert "author" in migrated["items"]["1"]
    assert list_backups(demo_path)[0].read_bytes() == original


def test_temp_files_of_killed_writers_are_removed_on_open(demo_path):
    orphan = demo_path.parent / f".{demo_path.name}.12345.abcd{files.TEMP_SUFFIX}"
    orphan.write_bytes(b"half a plan")
    PlanStore.open(demo_path).close()
    assert not orphan.exists()


def test_a_held_lock_gives_a_plan_busy_message(demo_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import fcntl, time
            with open({str(demo_path) + ".lock"!r}, "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # as any flock user, old versions too
                print("held", flush=True)
                time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(PlanBusyError, match="is busy"):
            PlanStore.open(demo_path, lock_timeout=0.2)
    finally:
        holder.kill()
        holder.wait()
    PlanStore.open(demo_path, lock_timeout=1).close()  # the holder's end freed it


def test_old_versions_are_deleted_after_the_write(demo_store, demo_path):
    for n in range(5):
        demo_store.add(Channel(f"Channel {n}"))
    deadline = time.monotonic() + 5
    while files.temp_files_of(demo_path) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert files.temp_files_of(demo_path) == []
    assert [p.name for p in demo_path.parent.iterdir() if p.name.startswith(".")] == []


def test_without_hard_links_the_write_still_succeeds(demo_store, demo_path, monkeypatch):
    def no_links(*_args):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    demo_store.add(Channel("Mastodon"))
    assert "Mastodon" in {c.name for c in read_plan(demo_path).channels}
    assert files.temp_files_of(demo_path) == []


def test_a_version_1_plan_keeps_its_result_costs_as_ad_spend(demo_path):
    document = json.loads(demo_path.read_bytes())
    document["meta"]["1"]["schema_version"] = 1
    first = document["results"]["1"]
    first["cost"] = first.pop("ad_spend")
    demo_path.write_text(json.dumps(document))
    result = read_plan(demo_path).results[0]
    assert result.ad_spend == first["cost"] == result.cost
    PlanStore.open(demo_path).close()
    stored = json.loads(demo_path.read_bytes())
    assert stored["meta"]["1"]["schema_version"] == 2
    assert "cost" not in stored["results"]["1"]


def test_a_symlinked_plan_stays_a_link_and_shares_the_real_files_lock(demo_path, tmp_path):
    link = tmp_path / "elsewhere" / "plan-link.json"
    link.parent.mkdir()
    link.symlink_to(demo_path)
    store = PlanStore.open(link)
    store.add(ContentItem("Through the link", 1, 1))
    store.close()
    assert link.is_symlink() and link.resolve() == demo_path
    assert "Through the link" in {i.title for i in read_plan(demo_path).items}
    by_link, by_name = PlanStore.open(link), PlanStore.open(demo_path)
    assert by_link.storage._lock.path == by_name.storage._lock.path
    assert not (link.parent / "plan-link.json.lock").exists()


def test_a_batch_of_adds_finds_the_next_id_once(demo_store, monkeypatch):
    """The lock is held for the whole batch: no other process can take an id meanwhile,
    so the highest id is looked up once, not per entry (an import into a big plan was
    quadratic)."""
    from socialplan.data import table

    lookups = []
    real = table.high_water_marks
    monkeypatch.setattr(table, "high_water_marks", lambda d: (lookups.append(1), real(d))[1])
    with demo_store.batch():
        ids = [demo_store.add(ContentItem(f"bulk {n}", 1, 1)).id for n in range(50)]
    assert len(lookups) == 1
    assert ids == list(range(ids[0], ids[0] + 50))
    other = PlanStore.open(demo_store.path)
    assert other.add(ContentItem("after", 1, 1)).id == ids[-1] + 1


def test_the_activity_log_names_who_changed_an_entry_in_a_conflict(demo_path, monkeypatch):
    monkeypatch.setenv("SOCIALPLAN_USER", "anna")
    anna = PlanStore.open(demo_path)
    monkeypatch.setenv("SOCIALPLAN_USER", "bert")
    bert = PlanStore.open(demo_path)
    item = anna.load().items[0]
    bert.update(replace(item, title="Bert's"), expected=item)
    with pytest.raises(ConflictError, match="changed by bert") as raised:
        anna.update(replace(item, title="Anna's"), expected=item)
    assert raised.value.by == "bert"
    assert anna.activity()[0].who == "bert"


def test_a_full_disk_loses_an_activity_line_never_the_edit(demo_store, demo_path, monkeypatch):
    from socialplan.data import activity_log

    log = activity_log.log_path(demo_path)
    log.mkdir()  # appending to it fails, as on a full disk
    item = demo_store.load().items[0]
    demo_store.update(replace(item, title="Saved anyway"), expected=item)
    assert "Saved anyway" in {i.title for i in read_plan(demo_path).items}
    assert demo_store.activity() == []


def test_the_activity_log_is_cut_to_its_newer_half_when_it_grows(
    demo_store, demo_path, monkeypatch
):
    from socialplan.data import activity_log

    monkeypatch.setattr(activity_log, "MAX_BYTES", 4000)
    item = demo_store.load().items[0]
    for n in range(60):
        changed = replace(item, title=f"Title {n}")
        demo_store.update(changed, expected=item)
        item = changed
    assert activity_log.log_path(demo_path).stat().st_size <= 4000
    assert demo_store.activity()[0].summary == "Title 59"
