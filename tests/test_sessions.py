"""Two sessions on one plan, and a disk that refuses a save: nothing is lost or silently
overwritten. The second session is a real second process where timing matters."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest
from textual.widgets import Label

from socialplan.compat import notifications
from socialplan.core.model import ContentItem
from socialplan.data.errors import ConflictError
from socialplan.data.store import PlanStore, read_plan
from socialplan.screens.confirm import ConfirmScreen
from socialplan.screens.conflict import ConflictScreen
from socialplan.screens.item_form import ItemForm
from socialplan.tui.recovery_offer import leave_keeping_held_edits

from .conftest import wait_for_notification

SIZE = (120, 40)


def edit_in_another_process(path, item_id: int, person: str = "", **changes) -> None:
    """Change one item through a second socialplan process, as a colleague would (the
    one ``serve`` started for ``person``)."""
    script = textwrap.dedent(
        f"""
        from dataclasses import replace
        from socialplan.data.store import PlanStore
        store = PlanStore.open({str(path)!r})
        item = next(i for i in store.load().items if i.id == {item_id})
        store.update(replace(item, **{changes!r}))
        store.close()
        """
    )
    who = {"SOCIALPLAN_USER": person} if person else {}
    subprocess.run(
        [sys.executable, "-c", script], check=True, timeout=60, env={**os.environ, **who}
    )


async def wait_for(pilot, condition, seconds: float = 5.0) -> None:
    """Pause until ``condition()`` holds; the app checks the file once a second."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not get there in time")


def item_titled(app, title: str) -> ContentItem | None:
    return next((i for i in app.plan_data.items if i.title == title), None)


# --- the store refuses to overwrite another session's change


def test_an_update_to_a_version_changed_elsewhere_is_refused(demo_path):
    mine, theirs = PlanStore.open(demo_path), PlanStore.open(demo_path)
    item = mine.load().items[0]
    theirs.update(replace(item, title="Their title"), expected=item)
    with pytest.raises(ConflictError) as raised:
        mine.update(replace(item, title="My title"), expected=item)
    assert raised.value.theirs.title == "Their title"
    assert "changed in another session" in str(raised.value)
    assert next(i for i in read_plan(demo_path).items if i.id == item.id).title == "Their title"
    mine.update(replace(item, title="My title"), expected=raised.value.theirs)
    assert next(i for i in read_plan(demo_path).items if i.id == item.id).title == "My title"


def test_a_delete_or_restore_of_a_version_changed_elsewhere_is_refused(demo_path):
    mine, theirs = PlanStore.open(demo_path), PlanStore.open(demo_path)
    item = mine.load().items[0]
    theirs.update(replace(item, owner="Sanne"))
    with pytest.raises(ConflictError):
        mine.delete(ContentItem, item.id, expected=item)
    with pytest.raises(ConflictError):
        mine.restore(replace(item, title="Old"), expected=item)
    assert any(i.id == item.id for i in read_plan(demo_path).items)


def test_the_storage_tells_a_change_by_another_process_once(demo_path):
    store = PlanStore.open(demo_path)
    assert not store.storage.changed_elsewhere()
    store.update(replace(store.load().items[0], title="Mine"))
    assert not store.storage.changed_elsewhere()
    edit_in_another_process(demo_path, store.load().items[1].id, title="Theirs")
    assert store.storage.changed_elsewhere()
    assert not store.storage.changed_elsewhere()


# --- two sessions in the app


async def test_a_change_by_another_session_appears_and_the_cursor_stays(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")
        selected = app.screen.selected_item()
        other = next(i for i in app.plan_data.items if i.id != selected.id)
        edit_in_another_process(demo_path, other.id, title="Changed over there")
        await wait_for(pilot, lambda: item_titled(app, "Changed over there") is not None)
        await pilot.pause()  # App.notify posts a message: let it arrive
        assert app.screen.selected_item().id == selected.id
        assert any("1 changed" in n.message for n in notifications(app))


async def test_an_open_form_survives_a_reload_and_saves_without_a_conflict(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = app.screen.selected_item()
        await pilot.press("e")
        assert isinstance(app.screen, ItemForm)
        await pilot.press("end", *" (typed)")
        other = next(i for i in app.plan_data.items if i.id != selected.id)
        edit_in_another_process(demo_path, other.id, owner="Sanne")
        await wait_for(pilot, lambda: any(i.owner == "Sanne" for i in app.plan_data.items))
        assert isinstance(app.screen, ItemForm)
        await pilot.press("ctrl+s")
    on_disk = {i.id: i for i in read_plan(demo_path).items}
    assert on_disk[selected.id].title == f"{selected.title} (typed)"
    assert on_disk[other.id].owner == "Sanne"


@pytest.fixture
def no_reload(monkeypatch):
    """Keep the app from reloading on its own, so the save meets the other version."""
    monkeypatch.setattr("socialplan.tui.app.WATCH_SECONDS", 3600)


async def edit_with_a_conflict(app, pilot, demo_path):
    """Open the selected item's form, let another process change the same item, save."""
    selected = app.screen.selected_item()
    await pilot.press("e", "end", *" (mine)")
    edit_in_another_process(demo_path, selected.id, title="Their title")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ConflictScreen)
    return selected


@pytest.mark.parametrize(
    ("key", "titles"),
    [
        ("k", lambda mine: [mine]),
        ("t", lambda mine: ["Their title"]),
        ("escape", lambda mine: ["Their title"]),
        ("c", lambda mine: ["Their title", mine]),
    ],
)
async def test_saving_an_item_another_session_changed_asks(
    make_app, demo_path, no_reload, key, titles
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = await edit_with_a_conflict(app, pilot, demo_path)
        shown = str(app.screen.query_one("DataTable").get_row_at(0))
        assert "title" in shown and "Their title" in shown and "(mine)" in shown
        await pilot.press(key)
        await pilot.pause()
    mine = f"{selected.title} (mine)"
    on_disk = [i.title for i in read_plan(demo_path).items if i.title in (mine, "Their title")]
    assert sorted(on_disk) == sorted(titles(mine))


async def test_deleting_an_item_another_session_changed_asks(make_app, demo_path, no_reload):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = app.screen.selected_item()
        edit_in_another_process(demo_path, selected.id, owner="Sanne")
        await pilot.press("d", "y")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("t")
        assert any(i.id == selected.id for i in read_plan(demo_path).items)
        await pilot.press("d", "y")
        assert not isinstance(app.screen, ConflictScreen)
    assert all(i.id != selected.id for i in read_plan(demo_path).items)


async def test_the_conflict_dialog_names_who_changed_the_entry(make_app, demo_path, no_reload):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = app.screen.selected_item()
        edit_in_another_process(demo_path, selected.id, person="Sanne", owner="Sanne")
        await pilot.press("d", "y")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        title = str(app.screen.query_one(".form-title", Label).render())
        assert title == f"'{selected.title}' was changed by Sanne"


async def test_undo_does_not_overwrite_another_sessions_later_change(
    make_app, demo_path, no_reload
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = app.screen.selected_item()
        await pilot.press("e", "end", *"!", "ctrl+s")
        edit_in_another_process(demo_path, selected.id, title="Their title")
        await pilot.press("ctrl+z")
        assert any("Not undone" in (n.title or "") for n in notifications(app))
    assert next(i for i in read_plan(demo_path).items if i.id == selected.id).title == "Their title"


async def test_two_sessions_editing_different_items_lose_nothing(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = app.screen.selected_item()
        other = next(i for i in app.plan_data.items if i.id != selected.id)
        edit_in_another_process(demo_path, other.id, title="Theirs")
        await pilot.press("e", "end", *" (mine)", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        await wait_for(pilot, lambda: item_titled(app, "Theirs") is not None)
    titles = {i.id: i.title for i in read_plan(demo_path).items}
    assert titles[other.id] == "Theirs"
    assert titles[selected.id] == f"{selected.title} (mine)"


async def test_a_form_opened_before_a_reload_still_meets_the_conflict(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = app.screen.selected_item()
        await pilot.press("e", "end", *" (mine)")
        edit_in_another_process(demo_path, selected.id, title="Their title")
        await wait_for(pilot, lambda: item_titled(app, "Their title") is not None)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("t")
    assert any(i.title == "Their title" for i in read_plan(demo_path).items)


# --- a disk that refuses


async def test_a_refused_save_stays_on_screen_and_is_retried(make_app, demo_path, refusing_disk):
    app = make_app()
    before = demo_path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Held back", "ctrl+s")
        held = item_titled(app, "Held back")
        assert held is not None and held.id < 0
        assert "1 edit not saved (no space left on device)" in app.sub_title
        assert any("No space left on device" in n.message for n in notifications(app))
        app.retry_unsaved()
        assert demo_path.read_bytes() == before
        refusing_disk[0] = 0
        app.retry_unsaved()
        saved = item_titled(app, "Held back")
        assert saved is not None and saved.id > 0
        assert app.sub_title == ""
    assert any(i.title == "Held back" for i in read_plan(demo_path).items)


async def test_edits_behind_a_refused_one_keep_their_order(make_app, demo_path, refusing_disk):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = app.screen.selected_item()
        await pilot.press("e", "end", *" 1", "ctrl+s")
        await pilot.press("e", "end", *" 2", "ctrl+s")
        assert "2 edits not saved" in app.sub_title
        assert app.screen.selected_item().title == f"{selected.title} 1 2"
        await pilot.press("n", *"Third", "ctrl+s", "ctrl+z")
        assert item_titled(app, "Third") is None
        refusing_disk[0] = 0
        app.retry_unsaved()
    titles = {i.id: i.title for i in read_plan(demo_path).items}
    assert titles[selected.id] == f"{selected.title} 1 2"
    assert "Third" not in titles.values()


async def test_a_held_new_item_cannot_be_changed_until_saved(make_app, refusing_disk):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Held back", "ctrl+s")
        held = item_titled(app, "Held back")
        app.screen.post_message(
            __import__("socialplan.tui.messages").tui.messages.DeleteEntity(held)
        )
        await pilot.pause()
        assert any("not saved yet" in n.message for n in notifications(app))
        assert item_titled(app, "Held back") is not None


async def test_quitting_with_held_edits_asks_first(make_app, refusing_disk):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Held back", "ctrl+s", "q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.is_running


# --- ids are never reused, so an undo cannot land on another session's entry


def add_in_another_process(path, title: str) -> None:
    script = textwrap.dedent(
        f"""
        from socialplan.core.model import ContentItem
        from socialplan.data.store import PlanStore
        store = PlanStore.open({str(path)!r})
        store.add(ContentItem({title!r}, 1, 1))
        store.close()
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


def test_a_deleted_id_is_never_handed_out_again(demo_path):
    store = PlanStore.open(demo_path)
    newest = max(store.load().items, key=lambda i: i.id)
    store.delete(ContentItem, newest.id)
    store.close()
    add_in_another_process(demo_path, "Theirs")
    (theirs,) = [i for i in read_plan(demo_path).items if i.title == "Theirs"]
    assert theirs.id > newest.id
    reopened = PlanStore.open(demo_path)
    assert reopened.add(ContentItem("Mine", 1, 1)).id > theirs.id


def test_restoring_a_deleted_entry_over_another_is_refused(demo_path):
    store = PlanStore.open(demo_path)
    item = store.load().items[0]
    store.update(replace(item, title="Someone else's"))
    with pytest.raises(ConflictError) as raised:
        store.restore(item, expected=None)
    assert raised.value.theirs.title == "Someone else's"
    assert next(i for i in read_plan(demo_path).items if i.id == item.id).title == (
        "Someone else's"
    )


async def test_undo_of_a_delete_keeps_a_post_another_session_added_meanwhile(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        newest = max(app.plan_data.items, key=lambda i: i.id)
        app.on_delete_entity(type("M", (), {"entity": newest})())
        await pilot.pause()
        assert newest.id not in {i.id for i in read_plan(demo_path).items}
        add_in_another_process(demo_path, "Added by B")
        await pilot.press("ctrl+z")
        await pilot.pause()
        on_disk = {i.title: i for i in read_plan(demo_path).items}
        assert on_disk["Added by B"].id != newest.id
        assert on_disk[newest.title] == newest


async def test_every_phase_screen_shows_the_edits_waiting_for_the_disk(
    make_app, demo_path, refusing_disk
):
    """Each phase screen has a sub-title of its own (the iteration), which hid the App's."""
    from textual.widgets import Header

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Held back", "ctrl+s")
        for key in "12354":
            await pilot.press(key)
            await pilot.pause()
            assert "⚠ 1 edit not saved (no space left on device)" in app.screen.sub_title
            header = app.screen.query_one(Header)
            assert "1 edit not saved" in str(
                app.format_title(header.screen_title, header.screen_sub_title)
            )
        refusing_disk[0] = 0
        app.retry_unsaved()
        await pilot.pause()
        assert "not saved" not in app.screen.sub_title
        assert app.screen.sub_title.startswith("Iteration")


# --- edits the disk refused when the app had to leave are kept and offered again


async def test_held_edits_at_a_hang_up_are_kept_and_applied_in_order_next_time(
    make_app, demo_path, demo_store, refusing_disk
):
    from socialplan.data.recovery import beside
    from socialplan.tui.app import SocialPlanApp

    from .conftest import frozen_clock

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        selected = app.screen.selected_item()
        await pilot.press("e", "end", *" first", "ctrl+s")
        await pilot.press("n", *"Second", "ctrl+s")
        assert "2 edits not saved" in app.sub_title
        leave_keeping_held_edits(app, 128 + 15)
        await pilot.pause()
    assert beside(demo_path).exists()
    assert beside(demo_path).stat().st_mode & 0o777 == demo_path.stat().st_mode & 0o777
    refusing_disk[0] = 0
    again = SocialPlanApp(demo_store, clock=frozen_clock)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, ConfirmScreen))
        await pilot.press("y")
        await pilot.pause()
        await wait_for_notification(pilot, again, "Applied 2 recovered edits.")
    items = {i.title: i for i in read_plan(demo_path).items}
    assert f"{selected.title} first" in items and "Second" in items
    assert not beside(demo_path).exists()


async def test_recovered_edits_stay_until_the_user_applies_them(
    make_app, demo_path, demo_store, refusing_disk
):
    from socialplan.data.recovery import beside

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Kept for later", "ctrl+s")
        leave_keeping_held_edits(app, 128 + 1)
        await pilot.pause()
    refusing_disk[0] = 0
    later = make_app()
    async with later.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(later.screen, ConfirmScreen))
        await pilot.press("n")
        await pilot.pause()
    assert beside(demo_path).exists()
    assert not any(i.title == "Kept for later" for i in read_plan(demo_path).items)


def test_recovery_goes_to_the_state_directory_when_the_plans_disk_refuses_it(
    demo_path, monkeypatch, own_settings_and_plans
):
    from socialplan.data import recovery

    real = recovery.atomic_replace

    def refuse_beside(path, payload, **options):
        if path == recovery.beside(demo_path):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, payload, **options)

    monkeypatch.setenv("XDG_STATE_HOME", str(own_settings_and_plans / "state"))
    monkeypatch.setattr(recovery, "atomic_replace", refuse_beside)
    written = recovery.write_recovery(demo_path, [{"op": "delete", "entity": {}}])
    assert written == recovery.in_state_directory(demo_path)
    assert str(written).startswith(str(own_settings_and_plans / "state"))
    assert recovery.find_recovery(demo_path).records == [{"op": "delete", "entity": {}}]


# --- an entry deleted elsewhere while this session edits it


async def test_a_form_saved_after_another_session_deleted_the_entry_offers_copy_as_new(
    make_app, demo_path
):
    from socialplan.screens.conflict import DeletedElsewhereScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.selected_item()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        store = PlanStore.open(demo_path)
        store.delete(ContentItem, item.id)
        store.close()
        await pilot.press("end", *" with my words", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DeletedElsewhereScreen)
        assert f"'{item.title} with my words' was deleted in another session" in str(
            app.screen.query_one(".form-title").render()
        )
        await pilot.press("c")
        await pilot.pause()
    saved = [i for i in read_plan(demo_path).items if i.title == f"{item.title} with my words"]
    assert len(saved) == 1 and saved[0].id != item.id


async def test_dropping_mine_leaves_the_entry_deleted(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.selected_item()
        store = PlanStore.open(demo_path)
        store.delete(ContentItem, item.id)
        store.close()
        await pilot.press("e", "end", *" lost", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await wait_for_notification(pilot, app, "stays deleted")
        assert item.id not in {i.id for i in app.plan_data.items}
    assert not any(i.title.endswith(" lost") for i in read_plan(demo_path).items)


def test_a_conflict_message_keeps_the_titles_case(demo_path):
    mine, theirs = PlanStore.open(demo_path), PlanStore.open(demo_path)
    item = mine.load().items[0]
    theirs.update(replace(item, title="LinkedIn Live: Q&A"), expected=item)
    with pytest.raises(ConflictError) as raised:
        mine.update(replace(item, title="x"), expected=item)
    assert str(raised.value).startswith("'LinkedIn Live: Q&A' was changed in another session")
