"""What every plan storage promises (``data.interface.PlanStorage``), run against each
implementation: the TinyDB file and a PostgreSQL server (``IMPLEMENTATIONS``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from socialplan.core.activity import KIND_WORDS, Action
from socialplan.core.model import ENTITY_TYPES, Channel, ContentItem
from socialplan.core.plan_data import PlanData
from socialplan.data.errors import ConflictError, MissingDocumentError, StoreError
from socialplan.data.interface import PlanStorage, open_storage
from socialplan.data.server_store import ServerStore
from socialplan.data.store import PlanStore

from .conftest import eventually

Opener = Callable[[], PlanStorage]


def file_storage(request: pytest.FixtureRequest, data: PlanData) -> str:
    path = request.getfixturevalue("tmp_path") / "plan.json"
    PlanStore.create(path, data).close()
    return str(path)


def server_storage(request: pytest.FixtureRequest, data: PlanData) -> str:
    url: str = request.getfixturevalue("pg_url")
    ServerStore.create(url, data).close()
    return url


IMPLEMENTATIONS = {"file": file_storage, "postgresql": server_storage}
"""Each writes the plan where it keeps plans and says what ``open_storage`` opens it by."""


@pytest.fixture(params=sorted(IMPLEMENTATIONS))
def opener(request, demo_data) -> Iterator[Opener]:
    """Opens a session on one plan holding the demo; each call is another session."""
    opened: list[PlanStorage] = []
    target = IMPLEMENTATIONS[request.param](request, demo_data)

    def open_one() -> PlanStorage:
        storage = open_storage(target)
        opened.append(storage)
        return storage

    yield open_one
    for storage in opened:
        storage.close()


def test_a_plan_comes_back_as_it_went_in(opener, demo_data):
    assert opener().load() == demo_data


def test_an_edit_is_seen_by_another_session(opener):
    mine, theirs = opener(), opener()
    added = mine.add(ContentItem("From mine", 1, 1))
    assert added.id > 0
    assert added in theirs.reload().items


def test_a_change_to_a_version_changed_since_is_refused(opener):
    mine, theirs = opener(), opener()
    item = mine.load().items[0]
    theirs.update(replace(item, title="Theirs"), expected=item)
    for attempt in (
        lambda: mine.update(replace(item, title="Mine"), expected=item),
        lambda: mine.delete(ContentItem, item.id, expected=item),
        lambda: mine.restore(replace(item, title="Old"), expected=item),
        lambda: mine.restore(item, expected=None),
    ):
        with pytest.raises(ConflictError) as raised:
            attempt()
        assert raised.value.theirs.title == "Theirs"
    assert next(i for i in mine.reload().items if i.id == item.id).title == "Theirs"


def test_updating_what_another_session_deleted_is_told(opener):
    mine, theirs = opener(), opener()
    item = mine.load().items[0]
    theirs.delete(ContentItem, item.id)
    with pytest.raises(MissingDocumentError):
        mine.update(replace(item, title="Mine"), expected=item)


def test_ids_are_never_handed_out_twice(opener):
    mine, theirs = opener(), opener()
    newest = mine.add(Channel("Threads", 1))
    mine.delete(Channel, newest.id)
    again = theirs.add(Channel("Bluesky", 1))
    assert again.id > newest.id
    assert mine.add(Channel("Mastodon", 1)).id > again.id


def test_a_batch_lands_whole_or_not_at_all(opener):
    storage = opener()
    before = storage.reload()
    with pytest.raises(RuntimeError), storage.batch():
        storage.add(ContentItem("First of two", 1, 1))
        raise RuntimeError("the second failed")
    assert storage.reload() == before
    with storage.batch():
        storage.add(ContentItem("One", 1, 1))
        storage.add(ContentItem("Two", 1, 1))
    assert {"One", "Two"} <= {i.title for i in storage.reload().items}


def test_another_sessions_change_is_told_once(opener):
    mine, theirs = opener(), opener()
    mine.load()
    assert not mine.changed_elsewhere()
    theirs.add(ContentItem("Elsewhere", 1, 1))
    assert eventually(mine.changed_elsewhere)
    assert not mine.changed_elsewhere()
    writes = mine.writes
    mine.add(ContentItem("Here", 1, 1))
    assert mine.writes == writes + 1
    theirs.add(ContentItem("Elsewhere again", 1, 1))
    assert eventually(mine.changed_elsewhere), "own writes do not hide another's"
    assert not mine.changed_elsewhere()


def test_own_writes_are_not_told_as_anothers(opener):
    mine = opener()
    mine.load()
    mine.changed_elsewhere()
    for n in range(3):
        mine.add(ContentItem(f"Here {n}", 1, 1))
    assert not eventually(mine.changed_elsewhere, seconds=0.5)


def test_a_url_or_a_path_chooses_the_storage(tmp_path, demo_data):
    path = tmp_path / "plan.json"
    PlanStore.create(path, demo_data).close()
    assert open_storage(path).load() == demo_data
    assert open_storage(f"file://{path}").load() == demo_data
    with pytest.raises(StoreError, match=r"'ftp://' is not a plan socialplan can open"):
        open_storage("ftp://anna@db.example/plans?plan=acme")
    assert not list(tmp_path.glob("ftp*"))


def test_a_postgresql_url_opens_the_plan_it_names(pg_url, demo_data):
    ServerStore.create(pg_url, demo_data).close()
    storage = open_storage(pg_url)
    try:
        assert isinstance(storage, ServerStore)
        assert storage.load() == demo_data
    finally:
        storage.close()


def test_load_after_another_sessions_write_is_the_new_plan(opener):
    """A session that loads again sees what another session wrote, never a copy it had
    decoded before (the decoded plan is reused only for the very document it came from)."""
    mine, theirs = opener(), opener()
    for n in range(20):
        mine.load()
        theirs.add(ContentItem(f"Theirs {n}", 1, 1))
        assert f"Theirs {n}" in {i.title for i in mine.load().items}


def test_changes_are_listed_newest_first_with_who_made_them(opener):
    mine = opener()
    item = mine.load().items[0]
    mine.update(replace(item, title="Retitled"), expected=item)
    channel = mine.add(Channel("Bluesky", 1))
    mine.delete(Channel, channel.id, expected=channel)
    with pytest.raises(RuntimeError), mine.batch():
        mine.add(Channel("Never saved", 1))
        raise RuntimeError("the batch failed")
    changes = opener().activity()
    assert [(c.action, c.kind, c.entry_id) for c in changes[:3]] == [
        (Action.DELETE, "channels", channel.id),
        (Action.ADD, "channels", channel.id),
        (Action.EDIT, "items", item.id),
    ]
    assert changes[2].fields == ("title",) and changes[2].summary == "Retitled"
    assert all(c.who for c in changes) and "Never saved" not in {c.summary for c in changes}
    assert mine.activity(kind="items", entry_id=item.id)[0].summary == "Retitled"


def test_every_entity_has_a_word_in_the_activity():
    assert {entity.TABLE for entity in ENTITY_TYPES} == set(KIND_WORDS)


def test_the_same_change_made_in_two_sessions_is_still_a_conflict(opener):
    """Two people adding one to the same count from the same version: the second must
    not land as if nothing happened, or one of the increments is lost."""
    mine, theirs = opener(), opener()
    item = mine.load().items[0]
    counted = replace(item, rank=(item.rank or 0) + 1)
    theirs.update(counted, expected=item)
    with pytest.raises(ConflictError):
        mine.update(counted, expected=item)


def test_a_reload_is_the_plan_as_a_new_session_reads_it(opener):
    """The server reads only what changed since its last read: after adds, edits and
    deletes by another session (and this one's own), a reload is what a fresh read is."""
    mine, theirs = opener(), opener()
    mine.load()
    for n in range(5):
        items = theirs.reload().items
        theirs.update(replace(items[n], title=f"Theirs {n}"), expected=items[n])
        theirs.delete(ContentItem, items[-1].id, expected=items[-1])
        added = mine.add(ContentItem(f"Mine {n}", 1, 1))
        with theirs.batch():
            theirs.add(ContentItem(f"Batch {n}", 1, 1))
            theirs.update(replace(added, title=f"Mine {n}, retitled"), expected=added)
        assert mine.reload() == opener().load()
