"""The socialplan App: wires the store to the phase screens.

The App owns the plan: it holds the current ``PlanData`` and the panel's figures as
attributes the screens watch, and it is the only place that writes to the store, in
answer to ``SaveEntity`` / ``DeleteEntity`` messages from the screens.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import work
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from socialplan.core.cycle import PHASES
from socialplan.core.edits import Edit, describe, with_changes
from socialplan.core.figures import PanelFigures, panel_figures
from socialplan.core.model import ContentItem, Plan, PlanData
from socialplan.core.series import SeriesChange, series_change, upcoming_repeats
from socialplan.core.validation import InvalidInputError
from socialplan.data.errors import StoreError
from socialplan.data.store import PlanStore
from socialplan.screens.base import PhaseScreen
from socialplan.tui.messages import (
    DeleteEntity,
    ExportPlan,
    ImportResults,
    SaveEntities,
    SaveEntity,
)

if TYPE_CHECKING:
    from socialplan.core.imports import ImportPlan
    from socialplan.screens.help import KeySection

Clock = Callable[[], datetime]
E = TypeVar("E")
PHASE_SCREENS: dict[str, str] = {
    "foundation": "socialplan.screens.foundation:FoundationScreen",
    "strategy": "socialplan.screens.strategy:StrategyScreen",
    "setup": "socialplan.screens.setup:SetupScreen",
    "schedule": "socialplan.screens.schedule:ScheduleScreen",
    "measure": "socialplan.screens.measure:MeasureScreen",
}
"""Phase screens by mode name, imported the first time they are shown."""
FIGURES_REFRESH_SECONDS = 60
UNDO_DEPTH = 100
YOUNG_GC_THRESHOLD = 10_000


def phase_screen_class(mode: str) -> type[PhaseScreen]:
    module, name = PHASE_SCREENS[mode].split(":")
    return getattr(importlib.import_module(module), name)


def tune_garbage_collector() -> None:
    """Keep the cyclic collector from rescanning what lives for the whole session.

    Textual allocates heavily while rendering; with Python's default thresholds the
    collector ran about 1,100 times in a start-up and ten card moves, rescanning the
    loaded plan and every imported module each time (0.9 s in all; measured with
    gc.callbacks). Freezing what exists after loading the plan and collecting the young
    generation less often brought that to about 0.3 s.
    """
    gc.freeze()
    gc.set_threshold(YOUNG_GC_THRESHOLD, 20, 20)


def own_bindings(cls: type) -> list[Binding]:
    """The bindings a class declares itself, not those it inherits from Textual."""
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


def make_phase_screen(mode: str) -> PhaseScreen:
    return phase_screen_class(mode)()


def system_clock() -> datetime:
    return datetime.now(UTC)


class SocialPlanApp(App[None]):
    CSS_PATH = Path(__file__).with_name("socialplan.tcss")
    TITLE = "socialplan"
    MODES: ClassVar = {mode: partial(make_phase_screen, mode) for mode in PHASE_SCREENS}
    BINDINGS: ClassVar = [
        *(
            Binding(p.key, f"phase('{p.name}')", p.title, tooltip=p.summary, show=False)
            for p in PHASES
        ),
        Binding("p", "toggle_panel", "Panel", tooltip="Show or hide the ratio/KPI panel"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Take back the last change", show=False),
        Binding("q", "quit", "Quit"),
    ]

    plan_data: var[PlanData | None] = var(None, always_update=True)
    figures: var[PanelFigures | None] = var(None)
    show_panel: var[bool] = var(True)
    last_saved: var[object | None] = var(None, always_update=True)
    """The entity the last edit saved, so a screen can put its cursor on it."""

    def __init__(
        self, store: PlanStore, *, clock: Clock = system_clock, start_phase: str = "schedule"
    ) -> None:
        self.DEFAULT_MODE = start_phase  # type: ignore[misc]
        super().__init__()
        self.store = store
        self._clock = clock
        self.plan_data = store.load()
        self.undo_stack: list[Edit] = []
        """This session's edits, newest last, that ctrl+z takes back one by one."""
        tune_garbage_collector()

    def now(self) -> datetime:
        return self._clock()

    def on_mount(self) -> None:
        self.set_interval(FIGURES_REFRESH_SECONDS, self._refresh_figures)
        self._exit_on_hang_up()

    def _exit_on_hang_up(self) -> None:
        """SIGHUP (the SSH connection dropped) or SIGTERM: leave cleanly, terminal restored
        and the store closed. Every edit is on disk the moment it is made, so there is
        nothing left to save. Only the main thread of a POSIX process can take signals."""
        if (
            not hasattr(signal, "SIGHUP")
            or threading.current_thread() is not threading.main_thread()
        ):
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(signum, self.exit, None, 128 + signum)

    def watch_plan_data(self, data: PlanData | None) -> None:
        if data is not None:
            self.title = data.plan.name
            self._refresh_figures()

    def _refresh_figures(self) -> None:
        if self.plan_data is not None:
            self.figures = panel_figures(self.plan_data, self.now())

    def on_save_entity(self, message: SaveEntity) -> None:
        data = self.plan_data
        assert data is not None
        entity = message.entity
        if isinstance(entity, ContentItem):
            self._save_item(entity)
            return
        self._save_all((entity,), _label(_current(data, entity), entity))

    def on_save_entities(self, message: SaveEntities) -> None:
        if self._save_all(message.entities, message.label):
            self.notify(f"Saved: {message.label}.")

    def _save_all(self, entities: tuple[Any, ...], label: str) -> bool:
        """Save entities in one atomic write and record them as one edit."""
        data = self.plan_data
        assert data is not None
        befores = [_current(data, entity) for entity in entities]
        try:
            with self.store.batch():
                saved = [self._store(entity) for entity in entities]
        except StoreError as error:
            self._not_saved(error)
            return False
        self.plan_data = with_changes(data, saved, ())
        created = tuple(e for e, before in zip(saved, befores, strict=True) if before is None)
        self._record(Edit(label, tuple(b for b in befores if b is not None), created))
        self.last_saved = saved[-1]
        return True

    def _store(self, entity: E) -> E:
        if entity.id:  # type: ignore[attr-defined]
            self.store.update(entity)
            return entity
        return self.store.add(entity)

    def _save_item(self, item: ContentItem) -> None:
        """Save an item and, when its repeat rule or time changed, rebuild its upcoming
        repeats in the same atomic write."""
        data = self.plan_data
        assert data is not None
        before = _current(data, item)
        try:
            change = series_change(before, item, data, self.now())
            with self.store.batch():
                item = self._store(item)
                added, removed = self._apply_series(item, change)
        except InvalidInputError as error:
            self.notify(error.problem.message, title="Not saved", severity="error")
            return
        except StoreError as error:
            self._not_saved(error)
            return
        self.plan_data = with_changes(data, [item, *added], removed)
        created = (*(() if before else (item,)), *added)
        self._record(Edit(_label(before, item), (*_kept(before), *removed), created))
        self.last_saved = item
        if added or removed:
            self.notify(f"Repeats of '{item.title}': {len(added)} planned, {len(removed)} removed.")

    def _apply_series(
        self, head: ContentItem, change: SeriesChange | None
    ) -> tuple[list[ContentItem], tuple[ContentItem, ...]]:
        if change is None:
            return [], ()
        for repeat in change.remove:
            self.store.delete(ContentItem, repeat.id)
        added = [self.store.add(replace(repeat, series=head.id)) for repeat in change.add]
        return added, change.remove

    def _not_saved(self, error: StoreError) -> None:
        self.notify(str(error), title="Not saved", severity="error", timeout=15)

    def on_delete_entity(self, message: DeleteEntity) -> None:
        """Delete an entity; deleting the first item of a series takes its upcoming
        repeats with it, in one write."""
        data = self.plan_data
        assert data is not None
        entity = message.entity
        repeats = (
            upcoming_repeats(entity, data, self.now()) if isinstance(entity, ContentItem) else []
        )
        gone = (entity, *repeats)
        try:
            with self.store.batch():
                for each in gone:
                    self.store.delete(type(each), each.id)
        except StoreError as error:
            self.notify(str(error), title="Not deleted", severity="error", timeout=15)
            return
        self.plan_data = with_changes(data, [], gone)
        self._record(Edit(f"delete {describe(entity)}", gone))

    def _record(self, edit: Edit) -> None:
        self.undo_stack.append(edit)
        del self.undo_stack[:-UNDO_DEPTH]

    def action_undo(self) -> None:
        """Take back the last edit: what it created goes, what it changed comes back."""
        data = self.plan_data
        if not self.undo_stack or data is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        edit = self.undo_stack.pop()
        try:
            with self.store.batch():
                for entity in edit.created:
                    self.store.delete(type(entity), entity.id)
                for entity in edit.before:
                    self.store.restore(entity)
        except StoreError as error:
            self.undo_stack.append(edit)
            self.notify(str(error), title="Not undone", severity="error", timeout=15)
            return
        self.plan_data = with_changes(data, edit.before, edit.created)
        if edit.before:
            self.last_saved = edit.before[0]
        self.notify(f"Undone: {edit.label}.")

    def on_export_plan(self, _message: ExportPlan) -> None:
        if self.plan_data is not None:
            target = self.store.path.with_name(f"{self.store.path.stem}-plan.md")
            self._export_plan(self.plan_data, target)

    @work(thread=True, exclusive=True, group="export")
    def _export_plan(self, data: PlanData, target: Path) -> None:
        """Written off the UI thread; the result is shown when it is done."""
        from socialplan.data.markdown import write_plan_markdown

        try:
            write_plan_markdown(data, target, self.now())
        except OSError as error:
            message = f"Could not write {target}: {error.strerror or error}"
            self.call_from_thread(self.notify, message, title="Not exported", severity="error")
            return
        self.call_from_thread(self.notify, str(target), title="Plan exported")

    def on_import_results(self, message: ImportResults) -> None:
        if self.plan_data is not None:
            self._read_results(message.path, self.plan_data)

    @work(thread=True, exclusive=True, group="import")
    def _read_results(self, path: Path, data: PlanData) -> None:
        """Read and match off the UI thread; only the review and the save happen on it."""
        from socialplan.core.imports import plan_import
        from socialplan.data.results_csv import ResultsFileError, read_results_file

        try:
            found = read_results_file(path)
            planned = plan_import(data, found.platform, found.posts)
        except ResultsFileError as error:
            self.call_from_thread(
                self.notify, str(error), title="Not imported", severity="error", timeout=30
            )
            return
        except InvalidInputError as error:
            message = f"Nothing imported from {path}: {error.problem.message}."
            self.call_from_thread(
                self.notify, message, title="Not imported", severity="error", timeout=30
            )
            return
        self.call_from_thread(self._review_import, planned, data, f"{found.layout}: {path.name}")

    def _review_import(self, planned: ImportPlan, data: PlanData, source: str) -> None:
        from socialplan.screens.import_results import ImportReviewScreen

        def confirmed(final: ImportPlan | None) -> None:
            if final is not None:
                label = f"import {len(final.rows)} {final.platform} results"
                if self._save_all(final.results(), label):
                    self.notify(f"Imported: {final.describe()}.", title="Results imported")

        self.push_screen(ImportReviewScreen(planned, data, source), confirmed)

    def action_phase(self, name: str) -> None:
        self.switch_mode(name)

    def action_toggle_panel(self) -> None:
        self.show_panel = not self.show_panel

    def action_help(self) -> None:
        from socialplan.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[KeySection]:
        """Every key of the app, grouped by where it works, for the help screen."""
        sections: list[KeySection] = [
            ("Everywhere", self._rows(own_bindings(type(self)))),
            ("Everywhere (Textual)", [("^p", "Command palette: every action by name")]),
        ]
        sections += [
            (f"{screen.PHASE.title} screen", self._rows(own_bindings(screen)))
            for screen in map(phase_screen_class, PHASE_SCREENS)
            if own_bindings(screen)
        ]
        from socialplan.screens.form import FormScreen
        from socialplan.tui.widgets.calendar import DayList, MonthGrid
        from socialplan.tui.widgets.kanban import KanbanColumn

        sections.append(("Board and list", self._rows(own_bindings(KanbanColumn))))
        sections.append(("Calendar: month grid", self._rows(own_bindings(MonthGrid))))
        sections.append(("Calendar: day list", self._rows(own_bindings(DayList))))
        sections.append(("Forms", self._rows(own_bindings(FormScreen))))
        return sections

    def _rows(self, bindings: Iterable[Binding]) -> list[tuple[str, str]]:
        rows = []
        for binding in bindings:
            what = (
                f"{binding.description}: {binding.tooltip}"
                if binding.tooltip
                else binding.description
            )
            rows.append((self.get_key_display(binding), what))
        return rows

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for phase in PHASES:
            yield SystemCommand(
                f"{phase.title} phase",
                f"[{phase.key}] {phase.summary}",
                partial(self.action_phase, phase.name),
            )
        yield SystemCommand(
            "Toggle the KPI panel", "[p] Show or hide the ratio/KPI panel", self.action_toggle_panel
        )
        yield SystemCommand("Help: all keys", "[?] Every key of the app", self.action_help)
        if isinstance(screen, PhaseScreen):
            for binding in own_bindings(type(screen)):
                _, name, parameters = parse_action(binding.action)
                if not screen.check_action(name, parameters):
                    continue
                yield SystemCommand(
                    binding.description,
                    f"[{binding.key}] on the {screen.PHASE.title} screen",
                    partial(screen.run_action, binding.action),
                )
        yield from super().get_system_commands(screen)


def _current(data: PlanData, entity: Any) -> Any | None:
    """The stored version of ``entity``; None for a new one."""
    if isinstance(entity, Plan):
        return data.plan
    if not entity.id:
        return None
    return next((e for e in getattr(data, entity.TABLE) if e.id == entity.id), None)


def _kept(before: Any | None) -> tuple[Any, ...]:
    return () if before is None else (before,)


def _label(before: Any | None, after: Any) -> str:
    return f"{'edit' if before is not None else 'add'} {describe(after)}"
