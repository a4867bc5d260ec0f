"""The socialplan App: wires the store to the phase screens.

The App owns the plan: it holds the current ``PlanData`` and the panel's figures as
attributes the screens watch; its edit pipeline side (edit_outcomes.py) hands the
screens' edits to the edit session (data/session.py) and tells the user how each went.
Its other parts sit beside it: the palette and help (commands.py), exports and imports
(exchange_workers.py), recovery (recovery_offer.py) and hang-ups (hang_up.py).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from platformdirs import user_downloads_path
from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from socialplan.compat import SpokenNoMatches
from socialplan.core.activity import Change
from socialplan.core.cycle import PHASES, opening_phase
from socialplan.core.edits import describe
from socialplan.core.figures import PanelFigures, panel_figures
from socialplan.core.i18n import N_, _, language_name, ngettext, use_language
from socialplan.core.model import ContentItem, Plan
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import local_time
from socialplan.data.errors import StoreError
from socialplan.data.interface import PlanStorage, open_storage
from socialplan.data.requests import (
    Save,
)
from socialplan.data.session import PlanSession
from socialplan.screens.base import PhaseScreen
from socialplan.tui.commands import key_sections, system_commands
from socialplan.tui.edit_outcomes import EditOutcomes
from socialplan.tui.exchange_workers import export_beside_plan, import_results
from socialplan.tui.hang_up import exit_on_hang_up
from socialplan.tui.key_order import KeysInOrderApp
from socialplan.tui.messages import (
    ExportPlan,
    ImportResults,
)
from socialplan.tui.phases import PHASE_SCREENS, make_phase_screen
from socialplan.tui.recovery_offer import leave_keeping_held_edits, offer_recovery
from socialplan.tui.stylesheet import APP_STYLES, ReusingStylesheet
from socialplan.tui.widgets.translated import NO_MATCHES, TranslatedBindings

Clock = Callable[[], datetime]
FIGURES_REFRESH_SECONDS = 60
WATCH_SECONDS = 1.0
RETRY_SECONDS = 5.0
YOUNG_GC_THRESHOLD = 10_000


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


def system_clock() -> datetime:
    return datetime.now(UTC)


class Palette(SpokenNoMatches, TranslatedBindings, CommandPalette):
    """Textual's command palette, its keys and its "no matches" line translated."""

    def no_matches_text(self) -> str:
        return _(NO_MATCHES)


class SocialPlanApp(TranslatedBindings, EditOutcomes, KeysInOrderApp):
    CSS_PATH = APP_STYLES
    TITLE = "socialplan"
    MODES: ClassVar = {mode: partial(make_phase_screen, mode) for mode in PHASE_SCREENS}
    BINDINGS: ClassVar = [
        *(
            Binding(p.key, f"phase('{p.name}')", p.title, tooltip=p.summary, show=False)
            for p in PHASES
        ),
        Binding("p", "toggle_panel", N_("Panel"), tooltip=N_("Show or hide the ratio/KPI panel")),
        Binding(
            "comma",
            "settings",
            N_("Settings"),
            key_display=",",
            tooltip=N_("The plan's time zone, ratio, CTA minimum, window, iteration and currency"),
            show=False,
        ),
        Binding(
            "A",
            "activity",
            N_("Activity"),
            tooltip=N_("Who changed what, and when"),
            show=False,
        ),
        Binding("question_mark", "help", N_("Help"), key_display="?"),
        Binding("ctrl+z", "undo", N_("Undo"), tooltip=N_("Take back the last change"), show=False),
        Binding("q", "quit", N_("Quit")),
    ]

    figures: var[PanelFigures | None] = var(None)
    show_panel: var[bool] = var(True)

    def __init__(
        self,
        store: PlanStorage,
        *,
        clock: Clock = system_clock,
        start_phase: str | None = None,
    ) -> None:
        """``start_phase`` None: a blank plan opens at the Foundation, any other on the
        Schedule (``opening_phase``)."""
        self._clock = clock
        session = PlanSession(store, self.now)
        self.DEFAULT_MODE = start_phase or opening_phase(session.shown)  # type: ignore[misc]
        super().__init__()
        self.stylesheet = ReusingStylesheet.taking_over(self.stylesheet)
        self.session = session
        self.plan_data = self.session.shown
        tune_garbage_collector()

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
        self.call_after_refresh(offer_recovery, self)
        self.set_interval(FIGURES_REFRESH_SECONDS, self._refresh_figures)
        self.set_interval(WATCH_SECONDS, self._watch_file)
        self.set_interval(RETRY_SECONDS, self.retry_unsaved)
        self.store.watch(self._changed_elsewhere_now)
        exit_on_hang_up(partial(leave_keeping_held_edits, self))

    def _tell_store_warnings(self) -> None:
        """What went wrong opening the plan that did not keep it from opening."""
        for warning in self.store.warnings:
            self.notify(warning, title=_("Opened, with a warning"), severity="warning")
        self.store.warnings.clear()

    def _apply_settings(self) -> None:
        """The user's theme and panel from their settings (not the plan's: they are
        personal)."""
        from socialplan.data.settings import load_settings

        settings = load_settings()
        theme = settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        if isinstance(settings.get("panel"), bool):
            self.show_panel = settings["panel"]
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
        self.notify(_("The interface speaks {language} now.").format(language=language_name(code)))

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
        store.watch(self._changed_elsewhere_now)
        self.plan_data = self.session.shown
        self._tell_store_warnings()
        offer_recovery(self)
        self.notify(
            str(store.path),
            title=_("Opened {name}").format(name=self.plan_data.plan.name),
            markup=False,
        )

    def other_plans(self) -> list[Path]:
        """The plans ``socialplan plans`` lists, but the one open."""
        from socialplan.data.paths import plans_dir
        from socialplan.data.plans import plan_files

        return [p for p in plan_files(plans_dir()) if p.resolve() != self.store.path]

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

    def watch_plan_data(self, plan_data: PlanData) -> None:
        self.title = plan_data.plan.name
        self._refresh_figures()

    def _refresh_figures(self) -> None:
        self.figures = panel_figures(self.plan_data, self.now())

    def action_phase(self, name: str) -> None:
        self.switch_mode(name)

    def action_toggle_panel(self) -> None:
        """Show or hide the panel, remembered for the next sessions; in a terminal too
        narrow for it, unfold the one-line strip into the full panel and back."""
        from socialplan.data.settings import save_setting

        screen = self.screen
        if self.show_panel and isinstance(screen, PhaseScreen) and screen.panel_folds():
            screen.panel_unfolded = not screen.panel_unfolded
            return
        self.show_panel = not self.show_panel
        try:
            save_setting("panel", self.show_panel)
        except OSError as error:
            self.notify(
                _("The panel setting is not remembered: {value}").format(
                    value=error.strerror or error
                )
            )

    def action_settings(self) -> None:
        """Edit the plan's settings in a form: checked, saved as one edit, undoable."""
        from socialplan.core.entries import PLAN_SECTIONS
        from socialplan.screens.entry_form import EntryForm

        plan = self.plan_data.plan

        def saved(changed: Plan | None) -> None:
            if changed is not None and changed != plan:
                self.submit(Save((changed,), bases=(plan,)))

        self.push_screen(
            EntryForm(plan, self.plan_data, _("settings"), PLAN_SECTIONS["settings"]), saved
        )

    def on_export_plan(self, message: ExportPlan) -> None:
        export_beside_plan(self, message.what)

    def action_export(self, what: str) -> None:
        self.post_message(ExportPlan(what))

    def on_import_results(self, message: ImportResults) -> None:
        import_results(self, message.path)

    def action_command_palette(self) -> None:
        """Textual's palette, in the interface's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = _("Search for commands…")
            self.push_screen(Palette(placeholder=placeholder, id="--command-palette"))

    def action_activity(self) -> None:
        """Who changed what: the plan's latest changes, and those of the selected post."""
        selected = getattr(self.screen, "selected_item", None)
        item = selected() if callable(selected) else None
        self._load_activity(item)

    @work(thread=True, exclusive=True, group="activity")
    def _load_activity(self, item: ContentItem | None) -> None:
        try:
            plan_changes = self.store.activity()
            entry_changes = self.store.activity(kind=item.TABLE, entry_id=item.id) if item else None
        except StoreError as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=15)
            return
        self.call_from_thread(self._show_activity, plan_changes, entry_changes, item)

    def _show_activity(
        self,
        plan_changes: list[Change],
        entry_changes: list[Change] | None,
        item: ContentItem | None,
    ) -> None:
        from socialplan.screens.activity import ActivityScreen

        zone = self.plan_data.plan.timezone
        self.push_screen(
            ActivityScreen(
                plan_changes,
                entry_changes,
                plan_name=self.plan_data.plan.name,
                entry_name=describe(item) if item else "",
                local=lambda moment: local_time(moment, zone),
            )
        )

    def action_help(self) -> None:
        from socialplan.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_sections(self)))

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """In a terminal, saved in Downloads, or in the home directory where there is no
        Downloads (Textual's delivery failed there), and said in plain words."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        downloads = user_downloads_path()
        directory = Path(path) if path else downloads if downloads.is_dir() else Path.home()
        try:
            saved = self.save_screenshot(filename, str(directory), time_format)
        except OSError as error:
            self.notify(
                _("The screenshot was not saved: {value}").format(value=error.strerror or error),
                severity="error",
            )
            return None
        self.notify(saved, title=_("Screenshot saved"))
        return saved

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from system_commands(self, screen)
        yield from super().get_system_commands(screen)
