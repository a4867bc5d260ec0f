"""The row of phase tabs under the header: where you are in the 3-S cycle, and the keys."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from socialplan.core.cycle import PHASES


class PhaseBar(Static):
    """``1 Foundation  2 Strategy  3 Set up  4 Schedule  5 Measure``, current one marked."""

    def __init__(self, current: str, **kwargs: Any) -> None:
        super().__init__(self._render_tabs(current), **kwargs)

    @staticmethod
    def _render_tabs(current: str) -> Content:
        """Fixed labels only (no user text), so building markup by formatting is safe."""
        tabs = [
            f"[{'reverse bold' if phase.name == current else 'not reverse'} "
            f"@click=app.phase('{phase.name}')] {phase.key} {phase.title} [/]"
            for phase in PHASES
        ]
        return Content.from_markup(" ".join(tabs))
