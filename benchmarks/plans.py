"""Big plans for benchmarks: the demo plan with its items replaced by N generated ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from socialplan.core.model import ContentItem, Kind, Status
from socialplan.core.plan_data import PlanData
from socialplan.data.demo import build_demo


def big_plan(items: int, now: datetime | None = None) -> PlanData:
    """``items`` posts every 3 hours from a week ago, over the demo's channels and stages."""
    now = now or datetime.now(UTC)
    demo = build_demo(now)
    start = now - timedelta(days=7)
    statuses = list(Status)
    generated = tuple(
        ContentItem(
            title=f"Generated post {n} about heat pumps and offices",
            channel=1 + n % 4,
            stage=1 + n % 4,
            kind=Kind.PROMOTION if n % 11 == 0 else Kind.CONTENT,
            cta=n % 7 == 0,
            status=statuses[n % len(statuses)],
            scheduled_at=start + timedelta(hours=3 * n),
            owner="Lotte",
            body="A realistic body of a few sentences. " * 4,
            id=n + 1,
        )
        for n in range(items)
    )
    return replace(demo, items=generated)
