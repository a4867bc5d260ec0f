"""Another session's commits, as they happen: a thread with its own connection LISTENs to
one plan's channel (``server_schema``'s notifications) and reconnects by itself."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import psycopg

from .errors import StoreError
from .server_connection import CONNECT_SECONDS, ServerAddress, connect


class Listener:
    """A thread holding its own connection that LISTENs to one plan's channel, and keeps
    (reconnecting by itself) whether another backend committed a change since asked."""

    def __init__(self, address: ServerAddress, plan_id: int, own_pid: Callable[[], int]) -> None:
        self._address = address
        self._channel = f"socialplan_{plan_id}"
        self._own_pid = own_pid
        self._changed = threading.Event()
        self._stopped = threading.Event()
        self._ready = threading.Event()
        self.notify: Callable[[], None] | None = None
        self._thread = threading.Thread(target=self._run, name="socialplan-listen", daemon=True)
        self._thread.start()
        self._ready.wait(CONNECT_SECONDS)

    def take(self) -> bool:
        if not self._changed.is_set():
            return False
        self._changed.clear()
        return True

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=2)

    def _run(self) -> None:
        first = True
        while not self._stopped.is_set():
            try:
                with connect(self._address) as connection:
                    connection.execute(f'LISTEN "{self._channel}"')
                    self._ready.set()
                    if not first:
                        self._changed_now()  # notifications may have been missed meanwhile
                    first = False
                    self._receive(connection)
            except (StoreError, psycopg.Error):
                self._ready.set()
                self._stopped.wait(1.0)

    def _receive(self, connection: psycopg.Connection[Any]) -> None:
        while not self._stopped.is_set():
            for notice in connection.notifies(timeout=0.5):
                if notice.payload != str(self._own_pid()):
                    self._changed_now()

    def _changed_now(self) -> None:
        self._changed.set()
        if self.notify is not None:
            self.notify()
