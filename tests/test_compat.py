"""The private Textual and TinyDB API socialplan uses lives in socialplan/compat.py alone,
and was written for the versions installed: an upgrade fails here first, loudly."""

from __future__ import annotations

import ast
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from socialplan.compat import VERSIONS

ROOT = Path(__file__).resolve().parent.parent
INTERNALS = {
    "_next_id",
    "_storage",
    "_update_table",
    "_get_next_id",
    "_read_table",
    "_variables",
    "_batch_count",
    "_clear_arrangement_cache",
    "_bindings",
    "_bindings_ready",
    "_notifications",
    "_compositor_refresh",
    "_on_focus",
    "_on_blur",
    "_dirty_regions",
    "_repaint",
    "_start_no_matches_countdown",
    "_stop_no_matches_countdown",
    "_NO_MATCHES",
    "_NO_MATCHES_COUNTDOWN",
    "_list_visible",
    "_no_matches_timer",
}
"""Textual's and TinyDB's underscore names that socialplan relies on."""


@pytest.mark.parametrize("package", sorted(VERSIONS))
def test_written_for_the_installed_version(package):
    assert version(package) == VERSIONS[package], (
        f"{package} {version(package)} is installed; socialplan/compat.py was written for "
        f"{VERSIONS[package]}. Check each internal it uses against the new release, then "
        "update VERSIONS (and pyproject.toml's pin)."
    )


def test_every_internal_still_exists():
    from textual.app import App
    from textual.css.stylesheet import Stylesheet
    from textual.screen import Screen
    from textual.widget import Widget
    from tinydb import TinyDB
    from tinydb.storages import MemoryStorage
    from tinydb.table import Table

    table = TinyDB(storage=MemoryStorage).table("t")
    assert hasattr(table, "_next_id") and hasattr(table, "_storage")
    assert all(hasattr(Table, name) for name in ("_update_table", "_get_next_id", "_read_table"))
    assert isinstance(Stylesheet()._variables, dict)
    app = App()
    assert isinstance(app._batch_count, int) and hasattr(app, "_notifications")
    assert hasattr(Widget, "_clear_arrangement_cache") and hasattr(Screen, "_compositor_refresh")
    assert hasattr(Widget, "_on_focus") and hasattr(Widget, "_on_blur")
    assert hasattr(Widget(), "_bindings")
    from textual._compositor import Compositor

    assert hasattr(Compositor(), "_dirty_regions")
    from textual.command import CommandPalette

    assert all(
        hasattr(CommandPalette, name)
        for name in ("_start_no_matches_countdown", "_stop_no_matches_countdown", "_NO_MATCHES")
    )
    assert hasattr(CommandPalette, "_NO_MATCHES_COUNTDOWN") and hasattr(
        CommandPalette, "_list_visible"
    )
    assert "_no_matches_timer" in CommandPalette.__init__.__code__.co_names
    import textual._wait as wait

    assert isinstance(wait.SLEEP_GRANULARITY, float) and isinstance(wait.SLEEP_IDLE, float)
    assert "SLEEP_GRANULARITY" in wait.wait_for_idle.__code__.co_names
    # compat.screen_focus_reactive exists because Textual's focus repaints every cell:
    assert Screen.__dict__["focused"]._repaint is True


def test_no_internal_is_used_anywhere_else():
    """Not as an attribute, not as a method that overrides one."""
    compat = ROOT / "socialplan" / "compat.py"
    found = []
    for folder in ("core", "data", "tui", "screens", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.resolve() == compat.resolve() or path.name == "test_compat.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.ImportFrom) and "._" in (node.module or ""):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
                name = (
                    node.attr
                    if isinstance(node, ast.Attribute)
                    else node.name
                    if isinstance(node, ast.FunctionDef)
                    else None
                )
                if name in INTERNALS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert found == []


def test_pyproject_pins_the_versions_compat_was_written_for():
    pyproject = (ROOT / "pyproject.toml").read_text()
    for package, pinned in VERSIONS.items():
        assert re.search(rf'"{package}=={re.escape(pinned)}"', pyproject), package
