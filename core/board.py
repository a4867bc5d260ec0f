"""The kanban board: one column per journey stage, cards in manual or time order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .figures import Ratio
from .filtering import ItemFilter
from .model import ContentItem, Kind, Stage
from .plan_data import PlanData

UNSCHEDULED_RANK = 4.0e9
"""Where unscheduled cards sort when never moved by hand: after every dated one."""
NUDGE = 0.001


@dataclass(frozen=True, slots=True)
class BoardColumn:
    stage: Stage
    items: tuple[ContentItem, ...]
    ratio: Ratio

    @property
    def header(self) -> str:
        """Name, count and content : promotion, e.g. ``Think  12 · 11:1``."""
        ratio = self.ratio
        mix = f"{ratio.content}:{ratio.promotion}" if ratio.promotion else f"{ratio.content}:0"
        return f"{self.stage.name}  {len(self.items)} · {mix}"


def effective_rank(item: ContentItem) -> float:
    if item.rank is not None:
        return item.rank
    if item.scheduled_at is not None:
        return item.scheduled_at.timestamp()
    return UNSCHEDULED_RANK + item.id


def board(plan_data: PlanData, item_filter: ItemFilter | None = None) -> tuple[BoardColumn, ...]:
    """Columns in stage order; each holds the (filtered) items of its stage, ordered."""
    shown: Iterable[ContentItem] = plan_data.items
    if item_filter is not None and item_filter.active:
        shown = [i for i in plan_data.items if item_filter.matches(i, plan_data)]
    by_stage: dict[int, list[ContentItem]] = {s.id: [] for s in plan_data.stages}
    for item in shown:
        by_stage.setdefault(item.stage, []).append(item)
    plan = plan_data.plan
    columns = []
    for stage in plan_data.ordered_stages():
        items = sorted(by_stage[stage.id], key=lambda i: (effective_rank(i), i.id))
        promotions = sum(1 for i in items if i.kind is Kind.PROMOTION)
        ratio = Ratio(len(items) - promotions, promotions, plan.ratio_content, plan.ratio_promotion)
        columns.append(BoardColumn(stage, tuple(items), ratio))
    return tuple(columns)


def moved_ranks(items: tuple[ContentItem, ...], index: int, step: int) -> dict[int, float]:
    """New ranks by item id that move ``items[index]`` one place up (-1) or down (+1);
    empty at an end. Usually one item changes; when no number fits between its new
    neighbours (floats run out of room), the whole column is numbered afresh."""
    target = index + step
    if not 0 <= target < len(items):
        return {}
    moving = items[index]
    passed = effective_rank(items[target])
    beyond = target + step
    if not 0 <= beyond < len(items):
        return {moving.id: passed + step}
    other = effective_rank(items[beyond])
    if other == passed:
        return {moving.id: passed + step * NUDGE}
    middle = (passed + other) / 2
    if min(passed, other) < middle < max(passed, other):
        return {moving.id: middle}
    order = [i.id for i in items]
    order[index], order[target] = order[target], order[index]
    return {item_id: float(position) for position, item_id in enumerate(order)}
