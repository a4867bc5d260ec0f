"""The folders are the architecture: arrows point one way, and status stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STDLIB = sys.stdlib_module_names


def imported_modules(folder: str) -> dict[str, set[str]]:
    """Top-level absolute imports of each file in ``folder``, by file."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def offenders(folder: str, allowed) -> list[str]:
    return [
        f"{file}: {name}"
        for file, names in imported_modules(folder).items()
        for name in sorted(names)
        if not allowed(name)
    ]


def test_core_imports_only_the_standard_library_and_dateutil():
    def allowed(name: str) -> bool:
        top = name.split(".")[0]
        return top in STDLIB or top == "dateutil" or name.startswith("socialplan.core")

    assert offenders("core", allowed) == []


def test_data_imports_core_but_no_ui():
    def allowed(name: str) -> bool:
        top = name.split(".")[0]
        if top in ("textual", "rich"):
            return False
        return not name.startswith(("socialplan.tui", "socialplan.screens"))

    assert offenders("data", allowed) == []


@pytest.mark.parametrize("folder", ["core", "data", "tui/widgets"])
def test_nothing_below_the_screens_imports_them(folder):
    assert offenders(folder, lambda name: not name.startswith("socialplan.screens")) == []


def test_screens_use_core_and_widgets_but_never_the_store():
    def allowed(name: str) -> bool:
        return not name.startswith(("socialplan.data", "tinydb"))

    assert offenders("screens", allowed) == []


def test_status_command_never_imports_textual(demo_path):
    probe = (
        "import sys; from socialplan.cli import main; "
        f"code = main(['status', '--db', {str(demo_path)!r}]); "
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'); "
        "print('LEAKED', leaked); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "LEAKED []" in result.stdout


@pytest.mark.parametrize("folder", ["screens", "tui/widgets"])
def test_screens_and_widgets_never_touch_storage(folder):
    """They watch the App's plan and post messages; only the App opens, reads and writes
    a store (and the command line, outside the user interface)."""
    assert offenders(folder, lambda name: not name.startswith("socialplan.data")) == []
    for path in (ROOT / folder).rglob("*.py"):
        source = path.read_text()
        assert ".store." not in source and "open_storage" not in source, path


@pytest.mark.parametrize(
    "module",
    [*(str(p.relative_to(ROOT)) for p in sorted(ROOT.glob("tui/*.py"))), "cli/exchange.py"],
)
def test_edits_reach_the_store_only_through_the_session(module):
    """The App, its parts and the command line hand edits to data/session.py; none adds,
    updates, deletes, restores, replaces or batches in a store itself."""
    tree = ast.parse((ROOT / module).read_text())
    writes = {"add", "update", "delete", "restore", "batch", "replace_all"}
    calls = [
        f"{module}:{node.lineno} .{node.func.attr}()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in writes
        and isinstance(node.func.value, ast.Attribute | ast.Name)
        and "store" in ast.unparse(node.func.value)
    ]
    assert calls == []


def test_no_screen_imports_go_round_in_a_circle():
    """Screens may use each other (a phase opens its modals), one way only: imports
    inside functions count too (measure.py and review.py imported each other)."""
    graph: dict[str, set[str]] = {}
    for path in (ROOT / "screens").glob("*.py"):
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                targets.add(node.module)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "socialplan.screens."
            ):
                targets.add(node.module.rsplit(".", 1)[1])
        graph[path.stem] = targets

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
            for nxt in graph.get(start, ())
        )

    assert [name for name in graph if reaches(name, name, {name})] == []


def test_the_command_line_opens_no_screen_and_imports_the_app_only_when_it_runs_it():
    assert offenders("cli", lambda name: not name.startswith("socialplan.screens")) == []
    top_level = {
        name
        for file, names in imported_modules("cli").items()
        for name in names
        if name.startswith(("textual", "socialplan.tui"))
    }
    assert top_level <= {"socialplan.tui.app", "socialplan.tui.serve"}
