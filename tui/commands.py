"""Every action by name: the help screen's key sections and the command palette's
system commands, drawn from the bindings the App and its screens declare."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from socialplan.core.cycle import PHASES
from socialplan.core.i18n import LANGUAGES, N_, _, language, language_name
from socialplan.screens.base import PhaseScreen
from socialplan.tui.phases import PHASE_SCREENS, own_bindings, phase_screen_class
from socialplan.tui.widgets.translated import translated

if TYPE_CHECKING:
    from socialplan.screens.help import KeySection
    from socialplan.tui.app import SocialPlanApp

EXPORTS = {
    "plan": N_("Export the strategy (Markdown)"),
    "ics": N_("Export the schedule as a calendar (.ics)"),
    "csv": N_("Export the posts (bulk CSV)"),
    "json": N_("Export the whole plan (JSON)"),
}


def key_sections(app: SocialPlanApp) -> list[KeySection]:
    """Every key of the app, grouped by where it works, for the help screen."""
    sections: list[KeySection] = [
        (_("Everywhere"), _rows(app, own_bindings(type(app)))),
        (_("Everywhere (Textual)"), [("^p", _("Command palette: every action by name"))]),
    ]
    sections += [
        (_("{title} screen").format(title=screen.PHASE.title), _rows(app, own_bindings(screen)))
        for screen in map(phase_screen_class, PHASE_SCREENS)
        if own_bindings(screen)
    ]
    from socialplan.screens.form import FormScreen
    from socialplan.tui.widgets.calendar import DayList, MonthGrid
    from socialplan.tui.widgets.kanban import KanbanColumn

    sections.append((_("Board and list"), _rows(app, own_bindings(KanbanColumn))))
    sections.append((_("Calendar: month grid"), _rows(app, own_bindings(MonthGrid))))
    sections.append((_("Calendar: day list"), _rows(app, own_bindings(DayList))))
    sections.append((_("Forms"), _rows(app, own_bindings(FormScreen))))
    return sections


def _rows(app: SocialPlanApp, bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    rows = []
    for binding in bindings:
        shown = translated(binding)
        what = f"{shown.description}: {shown.tooltip}" if shown.tooltip else shown.description
        rows.append((app.get_key_display(binding), what))
    return rows


def system_commands(app: SocialPlanApp, screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The palette's commands for the phases, panel, help, theme, languages, plans and
    exports, and the keys of the screen on show."""
    for phase in PHASES:
        yield SystemCommand(
            _("{title} phase").format(title=phase.title),
            f"[{phase.key}] {phase.summary}",
            partial(app.action_phase, phase.name),
        )
    yield SystemCommand(
        _("Toggle the KPI panel"),
        _("[p] Show or hide the ratio/KPI panel"),
        app.action_toggle_panel,
    )
    yield SystemCommand(_("Help: all keys"), _("[?] Every key of the app"), app.action_help)
    yield SystemCommand(
        _("Settings of the plan"),
        _("[,] Time zone, ratio, CTA minimum, window, iteration length, currency"),
        app.action_settings,
    )
    yield SystemCommand(
        _("Light or dark theme"),
        _("Switch between the light and the dark theme (remembered)"),
        app.action_toggle_light,
    )
    for code, name in LANGUAGES.items():
        if code != language():
            yield SystemCommand(
                _("Language: {name}").format(name=name),
                _("Show the interface in {name} (remembered)").format(name=language_name(code)),
                partial(app.action_language, code),
            )
    for path in app.other_plans():
        yield SystemCommand(
            _("Open plan: {stem}").format(stem=path.stem),
            _("Switch to the plan in {name}").format(name=path.name),
            partial(app.action_open_plan, str(path)),
        )
    for what, title in EXPORTS.items():
        yield SystemCommand(
            _(title), _("Written beside the plan file"), partial(app.action_export, what)
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
