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
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import work
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from socialplan.core.cycle import PHASES
from socialplan.core.edits import Edit, describe
from socialplan.core.figures import PanelFigures, panel_figures
from socialplan.core.i18n import LANGUAGES, N_, _, language, ngettext, use_language
from socialplan.core.model import ContentItem, Plan, PlanData
from socialplan.core.series import SeriesChange
from socialplan.core.validation import InvalidInputError
from socialplan.data.errors import (
    StoreError,
)
from socialplan.data.interface import PlanStorage, open_storage
from socialplan.data.requests import (
    Delete,
    Request,
    Save,
    Unsaved,
    from_record,
    to_record,
)
from socialplan.data.session import Outcome, PlanSession, Submitted
from socialplan.screens.base import PhaseScreen
from socialplan.tui.messages import (
    DeleteEntity,
    ExportPlan,
    ImportResults,
    MoveCards,
    SaveEntities,
    SaveEntity,
)
from socialplan.tui.stylesheet import ReusingStylesheet
from socialplan.tui.widgets.translated import TranslatedBindings, translated

if TYPE_CHECKING:
    from socialplan.core.imports import ImportPlan
    from socialplan.screens.help import KeySection

Clock = Callable[[], datetime]
E = TypeVar("E")
PHASE_SCREENS: dict[str, str] = {
    "foundation": "socialplan.screens.foundation:FoundationScreen",
    "strategy": "socialplan.screens.strategy:StrategyScreen",
    "setup": "socialplan.screens.set_up:SetupScreen",
    "schedule": "socialplan.screens.schedule:ScheduleScreen",
    "measure": "socialplan.screens.measure:MeasureScreen",
}
"""Phase screens by mode name, imported the first time they are shown."""
EXPORTS = {
    "plan": N_("Export the strategy (Markdown)"),
    "ics": N_("Export the schedule as a calendar (.ics)"),
    "csv": N_("Export the posts (bulk CSV)"),
    "json": N_("Export the whole plan (JSON)"),
}
FIGURES_REFRESH_SECONDS = 60
UNDO_DEPTH = 100
WATCH_SECONDS = 1.0
RETRY_SECONDS = 5.0
YOUNG_GC_THRESHOLD = 10_000


def phase_screen_class(mode: str) -> type[PhaseScreen]:
    module, name = PHASE_SCREENS[mode].split(":")
    screen_class: type[PhaseScreen] = getattr(importlib.import_module(module), name)
    return screen_class


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


class SocialPlanApp(TranslatedBindings, App[None]):
    CSS_PATH = Path(__file__).with_name("socialplan.tcss")
    TITLE = "socialplan"
    MODES: ClassVar = {mode: partial(make_phase_screen, mode) for mode in PHASE_SCREENS}
    BINDINGS: ClassVar = [
        *(
            Binding(p.key, f"phase('{p.name}')", p.title, tooltip=p.summary, show=False)
            for p in PHASES
        ),
        Binding("p", "toggle_panel", N_("Panel"), tooltip=N_("Show or hide the ratio/KPI panel")),
        Binding("question_mark", "help", N_("Help"), key_display="?"),
        Binding("ctrl+z", "undo", N_("Undo"), tooltip=N_("Take back the last change"), show=False),
        Binding("q", "quit", N_("Quit")),
    ]

    plan_data: var[PlanData] = var(PlanData(plan=Plan(name="")), always_update=True)
    """The plan as shown; the empty one stands in only until ``__init__`` sets the real one."""
    figures: var[PanelFigures | None] = var(None)
    show_panel: var[bool] = var(True)
    last_saved: var[object | None] = var(None, always_update=True)
    """The entity the last edit saved, so a screen can put its cursor on it."""

    def __init__(
        self, store: PlanStorage, *, clock: Clock = system_clock, start_phase: str = "schedule"
    ) -> None:
        self.DEFAULT_MODE = start_phase  # type: ignore[misc]
        super().__init__()
        self.stylesheet = ReusingStylesheet.taking_over(self.stylesheet)
        self._clock = clock
        self.session = PlanSession(store, self.now)
        """The edit pipeline: store, undo history, edits waiting for the disk."""
        self.plan_data = self.session.shown
        tune_garbage_collector()

    @property
    def store(self) -> PlanStorage:
        return self.session.store

    @property
    def undo_stack(self) -> list[Edit]:
        return self.session.undo_stack

    @property
    def unsaved(self) -> Unsaved:
        return self.session.unsaved

    def now(self) -> datetime:
        return self._clock()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, always as plain text: messages carry titles and names users
        typed, and ``[/]`` in one crashed the app, ``[@click=app.quit]`` became an action.
        Widgets pass ``markup=True`` by Textual's default, so the flag is not taken."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        self._apply_settings()
        self._tell_store_warnings()
        self.call_after_refresh(self._offer_recovery)
        self.set_interval(FIGURES_REFRESH_SECONDS, self._refresh_figures)
        self.set_interval(WATCH_SECONDS, self._watch_file)
        self.set_interval(RETRY_SECONDS, self.retry_unsaved)
        self._exit_on_hang_up()

    def _exit_on_hang_up(self) -> None:
        """SIGHUP (the SSH connection dropped) or SIGTERM: leave cleanly, terminal restored
        and the store closed. Every edit is on disk the moment it is made, so there is
        nothing left to save. A hang-up brings a SIGCONT too, kept from Textual (see
        ``_resume_only_after_suspend``). Only the main thread of a POSIX process can take
        signals."""
        if (
            not hasattr(signal, "SIGHUP")
            or threading.current_thread() is not threading.main_thread()
        ):
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(signum, self._hung_up, 128 + signum)
        self._resume_only_after_suspend()

    @staticmethod
    def _resume_only_after_suspend() -> None:
        """Pass SIGCONT on to Textual only when a SIGTSTP suspended the app.

        Textual restarts application mode, with a new output thread, on every SIGCONT. The
        kernel sends SIGCONT along with SIGHUP when a terminal hangs up (a dropped SSH
        connection, a closed tmux pane): the new output thread died writing to the closed
        terminal and leaving then blocked for ever on its full queue. One in three starts
        that tmux killed right after the first paint left such a process behind.
        """
        resume = signal.getsignal(signal.SIGCONT)
        suspend = signal.getsignal(signal.SIGTSTP)
        if not callable(resume) or not callable(suspend):
            return
        suspended = threading.Event()

        def on_suspend(signum: int, frame: FrameType | None) -> None:
            suspended.set()
            suspend(signum, frame)

        def on_resume(signum: int, frame: FrameType | None) -> None:
            if suspended.is_set():
                suspended.clear()
                resume(signum, frame)

        signal.signal(signal.SIGTSTP, on_suspend)
        signal.signal(signal.SIGCONT, on_resume)

    def _tell_store_warnings(self) -> None:
        """What went wrong opening the plan that did not keep it from opening."""
        for warning in self.store.warnings:
            self.notify(warning, title=_("Opened, with a warning"), severity="warning")
        self.store.warnings.clear()

    def _apply_settings(self) -> None:
        """The user's theme from their settings (not the plan's: a theme is personal)."""
        from socialplan.data.settings import load_settings

        theme = load_settings().get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self._settings_applied = True

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "_settings_applied", False):
            from socialplan.data.settings import save_setting

            try:
                save_setting("theme", theme)
            except OSError as error:
                self.notify(
                    _("The theme is not remembered: {value}").format(value=error.strerror or error)
                )

    def action_toggle_light(self) -> None:
        self.theme = "textual-dark" if self.current_theme.dark is False else "textual-light"

    async def action_language(self, code: str) -> None:
        """Speak another language from now on, and remember it for the next sessions.

        Every screen is built anew in that language (their cursors start afresh); the
        plan and any edit waiting for the disk are untouched."""
        from socialplan.data.settings import save_setting

        use_language(code)
        try:
            save_setting("lang", code)
        except OSError as error:
            self.notify(
                _("The language is not remembered: {value}").format(value=error.strerror or error)
            )
        self.retranslate_bindings()
        self._refresh_figures()
        await self._rebuild_screens()
        if self.unsaved:
            self._show_unsaved()
        self.notify(_("The interface speaks {language} now.").format(language=LANGUAGES[code]))

    async def _rebuild_screens(self) -> None:
        """Replace every phase screen with a new one; the current one last, from another."""
        current = self.current_mode
        stand_in = next(mode for mode in PHASE_SCREENS if mode != current)
        for mode in (*(m for m in PHASE_SCREENS if m != current), current):
            if mode == current:
                await self.switch_mode(stand_in)
            await self.remove_mode(mode)
            self.add_mode(mode, partial(make_phase_screen, mode))
        await self.switch_mode(current)

    def action_open_plan(self, path: str) -> None:
        """Switch the app to another plan file (agencies: one plan per client)."""
        if self.unsaved:
            self.notify(
                _("Edits are still waiting for the disk; switch plans once they are saved."),
                severity="warning",
            )
            return
        try:
            store = open_storage(path)
        except StoreError as error:
            self.notify(str(error), title=_("Not opened"), severity="error", timeout=15)
            return
        self.session.switch_to(store)
        self.plan_data = self.session.shown
        self._tell_store_warnings()
        self._offer_recovery()
        self.notify(f"{store.path}", title=_("Opened {name}").format(name=self.data.plan.name))

    def other_plans(self) -> list[Path]:
        """The plans ``socialplan plans`` lists, but the one open."""
        from socialplan.data.paths import plans_dir
        from socialplan.data.plans import plan_files

        return [p for p in plan_files(plans_dir()) if p.resolve() != self.store.path]

    def _hung_up(self, return_code: int) -> None:
        """A last try for edits still waiting for the disk; those the disk still refuses
        are kept in a recovery file for the next session. Then leave."""
        self.retry_unsaved()
        if self.unsaved:
            self._keep_for_recovery()
        self.exit(None, return_code)

    def _keep_for_recovery(self) -> None:
        from socialplan.data.recovery import RecoveryError, write_recovery

        records = [to_record(request) for request in self.unsaved.held]
        try:
            write_recovery(self.store.path, records)
        except RecoveryError as error:
            print(error, file=sys.stderr)  # the terminal may be gone: a last word at most

    def _offer_recovery(self) -> None:
        """Edits an earlier session could not save before it had to leave: offer to apply
        them, in order, through the same path as any edit (a conflict asks, as ever)."""
        from socialplan.data.recovery import RecoveryError, find_recovery, remove_recovery
        from socialplan.screens.confirm import ConfirmScreen

        try:
            recovery = find_recovery(self.store.path)
        except RecoveryError as error:
            self.notify(str(error), title=_("Not recovered"), severity="error", timeout=30)
            return
        if recovery is None:
            return
        try:
            requests = [from_record(record) for record in recovery.records]
        except ValueError:
            self.notify(
                _(
                    "The recovery file {path} holds edits socialplan cannot read; "
                    "it is left as it is."
                ).format(path=recovery.path),
                title=_("Not recovered"),
                severity="error",
                timeout=30,
            )
            return

        def answered(apply: bool | None) -> None:
            if not apply:
                self.notify(
                    _("The edits stay in {path}; they are offered again next time.").format(
                        path=recovery.path
                    )
                )
                return
            remove_recovery(recovery)
            for request in requests:
                self._submit(request)
            self.notify(
                ngettext(
                    "Applied {count} recovered edit.",
                    "Applied {count} recovered edits.",
                    len(requests),
                ).format(count=len(requests))
            )

        count = len(requests)
        self.push_screen(
            ConfirmScreen(
                ngettext(
                    "{count} edit was not saved when socialplan last closed. Apply it now?",
                    "{count} edits were not saved when socialplan last closed. Apply them now?",
                    count,
                ).format(count=count),
                _("Kept at {when:%Y-%m-%d %H:%M} UTC: {edits}.").format(
                    when=recovery.written, edits="; ".join(r.describe() for r in requests)
                ),
            ),
            answered,
        )

    async def action_quit(self) -> None:
        """Quit; with edits still waiting for the disk, ask first, as they would be lost."""
        if not self.unsaved:
            self.exit()
            return
        from socialplan.screens.confirm import ConfirmScreen

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        count = len(self.unsaved.held)
        self.push_screen(
            ConfirmScreen(
                ngettext(
                    "{count} edit is not saved yet. Quit anyway?",
                    "{count} edits are not saved yet. Quit anyway?",
                    count,
                ).format(count=count),
                _("The disk refused them ({problem}); quitting loses them.").format(
                    problem=self.unsaved.problem
                ),
            ),
            answered,
        )

    def watch_plan_data(self, data: PlanData) -> None:
        self.title = data.plan.name
        self._refresh_figures()

    def _refresh_figures(self) -> None:
        self.figures = panel_figures(self.plan_data, self.now())

    def on_save_entity(self, message: SaveEntity) -> None:
        self._submit(Save((message.entity,), bases=(message.base,)))

    def on_save_entities(self, message: SaveEntities) -> None:
        self._submit(
            Save(message.entities, message.label, _("Saved: {label}.").format(label=message.label))
        )

    def on_move_cards(self, message: MoveCards) -> None:
        self._submit(
            Save(message.cards, _("move {describe}").format(describe=describe(message.moved)))
        )

    def on_delete_entity(self, message: DeleteEntity) -> None:
        self._submit(Delete(message.entity))

    def _submit(self, request: Request) -> None:
        """Save a user's edit through the session, and show how it went."""
        self._told(self.session.submit(request))

    def _told(self, result: Submitted) -> None:
        """An edit's outcome, as the user sees it: the plan, a message, or a dialog."""
        self.plan_data = self.session.shown
        outcome = result.outcome
        if outcome is Outcome.SAVED:
            self._saved(result)
        elif outcome is Outcome.HELD:
            self._held(result)
        elif outcome is Outcome.CONFLICT:
            self._resolve_conflict(result)
        elif outcome is Outcome.GONE:
            self._resolve_deleted(result)
        elif outcome is Outcome.WAITING:
            self.notify(result.message, title=_("Waiting for the disk"), severity="warning")
        else:
            self.notify(result.message, title=_("Not saved"), severity="error", timeout=15)

    def _saved(self, result: Submitted) -> None:
        if result.saved is not None:
            self.last_saved = result.saved
        change = result.series
        if result.added or result.removed or (change and change.kept):
            self.notify(
                self._series_message(result.saved, len(result.added), len(result.removed), change)
            )
        if isinstance(result.request, Save) and result.request.announce:
            self.notify(result.request.announce)

    @property
    def data(self) -> PlanData:
        return self.plan_data

    def _series_message(
        self, head: ContentItem, added: int, removed: int, change: SeriesChange | None
    ) -> str:
        message = _("Repeats of '{title}': {count} planned, {count2} removed.").format(
            title=head.title, count=added, count2=removed
        )
        kept = change.kept if change else ()
        if kept:
            message += " " + ngettext(
                "{count} you changed is kept as it is: {when}.",
                "{count} you changed are kept as they are: {when}.",
                len(kept),
            ).format(count=len(kept), when=", ".join(self._local_when(r) for r in kept))
        return message

    def _local_when(self, item: ContentItem) -> str:
        from socialplan.tui.text import when
        from socialplan.tui.widgets.schedule_text import local_moment

        return when(local_moment(self.data, item))

    def _resolve_conflict(self, result: Submitted) -> None:
        """Another session changed the entry since this one loaded it: show both versions
        and let the user keep theirs, take the other, or (for a change) keep theirs as a
        new entry. Nothing is overwritten without that choice."""
        from socialplan.screens.conflict import ConflictChoice, ConflictScreen

        request, mine, theirs = result.request, result.mine, result.theirs

        def chosen(choice: ConflictChoice | None) -> None:
            if choice is ConflictChoice.KEEP_MINE:
                self._submit(request.rebased(theirs))
            elif choice is ConflictChoice.COPY_MINE and isinstance(request, Save):
                self._submit(request.with_copy_of(mine))
            else:
                self.notify(
                    _(
                        "Showing the other session's version of {describe}; your {describe2} was "
                        "not saved."
                    ).format(describe=describe(theirs), describe2=request.describe()),
                    title=_("Took their version"),
                )

        self.push_screen(ConflictScreen(mine, theirs, deleting=isinstance(request, Delete)), chosen)

    def _resolve_deleted(self, result: Submitted) -> None:
        """Another session deleted the entry this one saves: the typed changes stay, and
        the user saves them as a new entry or lets them go."""
        from socialplan.screens.conflict import DeletedElsewhereScreen

        request, mine = result.request, result.mine
        assert isinstance(request, Save)

        def answered(copy: bool | None) -> None:
            if copy:
                self._submit(request.with_copy_of(mine))
            else:
                self.notify(
                    _("{describe} stays deleted; your changes were not saved.").format(
                        describe=describe(mine)
                    ),
                    title=_("Left deleted"),
                )

        self.push_screen(DeletedElsewhereScreen(mine), answered)

    def _held(self, result: Submitted) -> None:
        """A request the disk refused (or one queued behind it), shown as made."""
        if result.message:
            self.notify(
                _(
                    "{error} It is shown as made and will be saved as soon as the disk takes "
                    "it; socialplan tries again every few seconds."
                ).format(error=result.message),
                title=_("Not saved yet"),
                severity="error",
                timeout=15,
            )
        self._show_unsaved()

    def _show_unsaved(self) -> None:
        """How many edits wait for the disk, in the title line."""
        count = len(self.unsaved.held)
        waiting = ngettext(
            "⚠ {count} edit not saved ({problem}): retrying",
            "⚠ {count} edits not saved ({problem}): retrying",
            count,
        ).format(count=count, problem=self.unsaved.problem)
        self.sub_title = waiting if count else ""

    def retry_unsaved(self) -> None:
        """Try the held requests again, in order; those the disk still refuses stay held."""
        count = len(self.unsaved.held)
        if not count:
            return
        for result in self.session.retry():
            self._told(result)
        if self.unsaved:
            return
        self.sub_title = ""
        self.notify(
            ngettext(
                "Saved {count} edit that had waited for the disk.",
                "Saved {count} edits that had waited for the disk.",
                count,
            ).format(count=count)
        )

    def action_undo(self) -> None:
        """Take back the last edit (see ``PlanSession.undo``)."""
        undone = self.session.undo()
        self.plan_data = self.session.shown
        if undone.dropped_held:
            self._show_unsaved()
            self.notify(
                _("Undone: {describe} (it had not been saved yet).").format(describe=undone.label)
            )
        elif not undone.ok and not undone.label:
            self.notify(undone.message, severity="warning")
        elif not undone.ok:
            self.notify(undone.message, title=_("Not undone"), severity="error", timeout=15)
        else:
            if undone.restored is not None:
                self.last_saved = undone.restored
            self.notify(_("Undone: {label}.").format(label=undone.label))

    def _watch_file(self) -> None:
        """Reload when another session wrote the plan (checked every second: one stat)."""
        if self.store.changed_elsewhere():
            self._reload(self.store.writes)

    @work(thread=True, exclusive=True, group="reload")
    def _reload(self, writes: int) -> None:
        try:
            data = self.store.reload()
        except StoreError as error:
            self.call_from_thread(
                self.notify, str(error), title=_("Not reloaded"), severity="error", timeout=30
            )
            return
        self.call_from_thread(self._take_reloaded, data, writes)

    def _take_reloaded(self, data: PlanData, writes: int) -> None:
        """Show the plan as another session left it. A reload read before this session's
        own latest write is stale: read again."""
        if writes != self.store.writes:
            self._reload(self.store.writes)
            return
        summary = self.session.take_reloaded(data)
        if not summary:
            return
        self.plan_data = self.session.shown
        self.notify(
            _("Another session changed the plan: {summary}.").format(summary=summary),
            title=_("Plan reloaded"),
        )

    def on_export_plan(self, message: ExportPlan) -> None:
        """Export beside the plan; a file of that name is replaced only when the user says so."""
        from socialplan.data.exports import beside

        data, target = self.data, beside(self.store.path, message.what)
        if not target.exists():
            self._export(message.what, data, replace=False)
            return
        from socialplan.screens.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self._export(message.what, data, replace=True)

        self.push_screen(
            ConfirmScreen(
                _("{name} exists already. Replace it?").format(name=target.name),
                _("It is in {folder}.").format(folder=target.parent),
            ),
            answered,
        )

    def action_export(self, what: str) -> None:
        self.post_message(ExportPlan(what))

    @work(thread=True, group="export")
    def _export(self, what: str, data: PlanData, *, replace: bool) -> None:
        """Written off the UI thread; the result is shown when it is done."""
        from socialplan.data.exports import beside, export_payload, write_export

        plan_file = self.store.path
        try:
            payload = export_payload(what, data, self.now())
            target = write_export(beside(plan_file, what), payload, plan_file, replace=replace)
        except StoreError as error:
            self.call_from_thread(
                self.notify, str(error), title=_("Not exported"), severity="error"
            )
            return
        except OSError as error:
            message = _("Could not write the export: {value}").format(value=error.strerror or error)
            self.call_from_thread(self.notify, message, title=_("Not exported"), severity="error")
            return
        self.call_from_thread(self.notify, str(target), title=_("Exported"))

    def on_import_results(self, message: ImportResults) -> None:
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
                self.notify, str(error), title=_("Not imported"), severity="error", timeout=30
            )
            return
        except InvalidInputError as error:
            message = _("Nothing imported from {path}: {message}.").format(
                path=path, message=error.problem.message
            )
            self.call_from_thread(
                self.notify, message, title=_("Not imported"), severity="error", timeout=30
            )
            return
        self.call_from_thread(self._review_import, planned, data, f"{found.layout}: {path.name}")

    def _review_import(self, planned: ImportPlan, data: PlanData, source: str) -> None:
        from socialplan.screens.import_results import ImportReviewScreen

        def confirmed(final: ImportPlan | None) -> None:
            if final is not None:
                label = _("import {count} {platform} results").format(
                    count=len(final.rows), platform=final.platform
                )
                self._submit(
                    Save(
                        final.results(),
                        label,
                        _("Imported: {describe}.").format(describe=final.describe()),
                    )
                )

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
            (_("Everywhere"), self._rows(own_bindings(type(self)))),
            (_("Everywhere (Textual)"), [("^p", _("Command palette: every action by name"))]),
        ]
        sections += [
            (_("{title} screen").format(title=screen.PHASE.title), self._rows(own_bindings(screen)))
            for screen in map(phase_screen_class, PHASE_SCREENS)
            if own_bindings(screen)
        ]
        from socialplan.screens.form import FormScreen
        from socialplan.tui.widgets.calendar import DayList, MonthGrid
        from socialplan.tui.widgets.kanban import KanbanColumn

        sections.append((_("Board and list"), self._rows(own_bindings(KanbanColumn))))
        sections.append((_("Calendar: month grid"), self._rows(own_bindings(MonthGrid))))
        sections.append((_("Calendar: day list"), self._rows(own_bindings(DayList))))
        sections.append((_("Forms"), self._rows(own_bindings(FormScreen))))
        return sections

    def _rows(self, bindings: Iterable[Binding]) -> list[tuple[str, str]]:
        rows = []
        for binding in bindings:
            shown = translated(binding)
            what = f"{shown.description}: {shown.tooltip}" if shown.tooltip else shown.description
            rows.append((self.get_key_display(binding), what))
        return rows

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for phase in PHASES:
            yield SystemCommand(
                _("{title} phase").format(title=phase.title),
                f"[{phase.key}] {phase.summary}",
                partial(self.action_phase, phase.name),
            )
        yield SystemCommand(
            _("Toggle the KPI panel"),
            _("[p] Show or hide the ratio/KPI panel"),
            self.action_toggle_panel,
        )
        yield SystemCommand(_("Help: all keys"), _("[?] Every key of the app"), self.action_help)
        yield SystemCommand(
            _("Light or dark theme"),
            _("Switch between the light and the dark theme (remembered)"),
            self.action_toggle_light,
        )
        for code, name in LANGUAGES.items():
            if code != language():
                yield SystemCommand(
                    _("Language: {name}").format(name=name),
                    _("Show the interface in {name} (remembered)").format(name=name),
                    partial(self.action_language, code),
                )
        for path in self.other_plans():
            yield SystemCommand(
                _("Open plan: {stem}").format(stem=path.stem),
                _("Switch to the plan in {name}").format(name=path.name),
                partial(self.action_open_plan, str(path)),
            )
        for what, title in EXPORTS.items():
            yield SystemCommand(
                _(title), _("Written beside the plan file"), partial(self.action_export, what)
            )
        if isinstance(screen, PhaseScreen):
            for binding in own_bindings(type(screen)):
                _namespace, name, parameters = parse_action(binding.action)
                if not screen.check_action(name, parameters):
                    continue
                yield SystemCommand(
                    _(binding.description),
                    _("[{key}] on the {title} screen").format(
                        key=binding.key, title=screen.PHASE.title
                    ),
                    partial(screen.run_action, binding.action),
                )
        yield from super().get_system_commands(screen)
