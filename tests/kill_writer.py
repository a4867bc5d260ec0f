"""The child of the kill test: adds numbered items to a plan, acknowledging each one only
after the store returned (the edit is on disk), until it is killed."""

from __future__ import annotations

from multiprocessing.connection import Connection

from socialplan.core.model import ContentItem
from socialplan.data.store import PlanStore


def write_until_killed(path: str, prefix: str, acks: Connection) -> None:
    store = PlanStore.open(path)
    acks.send("ready")
    number = 0
    while True:
        store.add(ContentItem(f"{prefix}-{number}", 1, 1))
        acks.send(number)
        number += 1
