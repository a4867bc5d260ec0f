"""Keys of a burst handled one after another, each by the widget that has the focus once
the keys before it are done.

Over SSH keys often arrive together. Textual hands every key to the widget focused when
the key arrives, and runs a priority binding at once, so in the burst ``text, tab, text``
the second text lands in the first field (the tab moves the focus only after it bubbled
up), and in ``text, ctrl+s`` the save ran before the field held the text. Here the next
key waits until the one before has been through the focused widget and each of its
ancestors up to the App (where its binding ran), and through a screen it opened.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.timer import Timer

STUCK_AFTER = 2.0
"""Seconds after which a key counts as done anyway (its widget went away meanwhile)."""


class KeysInOrderApp(App[Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting_keys: deque[events.Key] = deque()
        self._key_in_flight: int | None = None
        """The number of the key being handled, None when no key is."""
        self._keys_seen = 0
        self._stuck_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._key_in_flight is None:
                await self._handle_key_in_order(event)
            else:
                self._waiting_keys.append(event)
            return
        await super().on_event(event)

    async def _handle_key_in_order(self, event: events.Key) -> None:
        if not self.screen_stack:  # the App is closing
            return
        self._keys_seen += 1
        number = self._key_in_flight = self._keys_seen
        screen = self.screen
        target: DOMNode = self.focused or screen
        await super().on_event(event)
        self._stuck_timer = self.set_timer(STUCK_AFTER, lambda: self._key_done(number))
        _after_each(
            list(target.ancestors_with_self), lambda: self._through_new_screen(number, screen)
        )

    def _through_new_screen(self, number: int, screen_before: Screen[Any]) -> None:
        """A key that opened a screen is done once the screen has mounted and focused."""
        if self.screen is screen_before:
            self._key_done(number)
        else:
            _after_each([self.screen, self], lambda: self._key_done(number))

    def _key_done(self, number: int) -> None:
        if self._key_in_flight != number:
            return
        if self._stuck_timer is not None:
            self._stuck_timer.stop()
        self._key_in_flight = None
        if self._waiting_keys:
            self._key_in_flight = 0  # the next one is on its way: later keys queue behind it
            self.call_next(self._handle_key_in_order, self._waiting_keys.popleft())


def _after_each(nodes: list[DOMNode], then: Callable[[], object]) -> None:
    """``then`` once each node in turn has handled every message it holds now."""
    if not nodes:
        then()
        return
    first, *rest = nodes
    if not first.call_later(_after_each, rest, then):
        _after_each(rest, then)
