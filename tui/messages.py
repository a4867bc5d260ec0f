"""Messages that carry a user's edit up to the App, which persists it.

Screens and widgets never write to the store themselves: they post one of these, the App
saves it, and the new plan flows back down as the App's ``plan_data`` attribute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message


class SaveEntity(Message):
    """Add (id 0) or update an entity of the plan."""

    def __init__(self, entity: Any, base: Any = None) -> None:
        super().__init__()
        self.entity = entity
        self.base = base
        """The version the change was made to (a form's starting point); when another
        session changed the entry since, saving asks instead of overwriting. None: the
        version the App shows now."""


class SaveEntities(Message):
    """Add or update several entities in one write, taken back by one undo."""

    def __init__(self, entities: tuple[Any, ...], label: str) -> None:
        super().__init__()
        self.entities = entities
        self.label = label
        """What the edit did, for the undo message: 'add 18 checklist tasks'."""


class MoveCards(Message):
    """Cards moved on the board (to another stage, or up or down a column): saved in one
    write and taken back by one undo, however many cards had to be renumbered."""

    def __init__(self, cards: tuple[Any, ...], moved: Any) -> None:
        super().__init__()
        self.cards = cards
        self.moved = moved
        """The card the user moved, as it was, for the undo message."""


class DeleteEntity(Message):
    def __init__(self, entity: Any) -> None:
        super().__init__()
        self.entity = entity


class DeleteEntities(Message):
    """Delete several entities in one write, taken back by one undo."""

    def __init__(self, entities: tuple[Any, ...], label: str) -> None:
        super().__init__()
        self.entities = entities
        self.label = label


class ExportPlan(Message):
    """Write an export beside the plan file: ``what`` is plan (the strategy as Markdown),
    json, csv or ics (see ``data.exports``)."""

    def __init__(self, what: str = "plan") -> None:
        super().__init__()
        self.what = what


class ImportResults(Message):
    """Read a platform's analytics export, then let the user review it before saving."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
