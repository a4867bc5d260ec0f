"""The phase screens by mode name, each imported the first time it is shown."""

from __future__ import annotations

import importlib

from textual.binding import Binding

from socialplan.screens.base import PhaseScreen

PHASE_SCREENS: dict[str, str] = {
    "foundation": "socialplan.screens.foundation:FoundationScreen",
    "strategy": "socialplan.screens.strategy:StrategyScreen",
    "setup": "socialplan.screens.set_up:SetupScreen",
    "schedule": "socialplan.screens.schedule:ScheduleScreen",
    "measure": "socialplan.screens.measure:MeasureScreen",
}


def phase_screen_class(mode: str) -> type[PhaseScreen]:
    module, name = PHASE_SCREENS[mode].split(":")
    screen_class: type[PhaseScreen] = getattr(importlib.import_module(module), name)
    return screen_class


def make_phase_screen(mode: str) -> PhaseScreen:
    return phase_screen_class(mode)()


def own_bindings(cls: type) -> list[Binding]:
    """The bindings a class declares itself, not those it inherits from Textual."""
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
