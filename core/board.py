"""The kanban board: one column per journey stage, cards in manual or time order."""

from __future__ import annotations

import weakref
from bisect import bisect_left, insort
from collections.abc import Iterable

from .figures import Ratio
from .filtering import ItemFilter
from .frozen import frozen
from .model import ContentItem, Kind, Stage
from .plan_data import PlanData

UNSCHEDULED_RANK = 4.0e9
"""Where unscheduled cards sort when never moved by hand: after every dated one."""
NUDGE = 0.001


@frozen
class BoardColumn:
    """The posts of one journey stage, with their content-to-promotion ratio."""

    stage: Stage
    items: tuple[ContentItem, ...]
    ratio: Ratio

    @property
    def header(self) -> str:
        """Name, count and content : promotion, e.g. ``Think  12 · 11:1``."""
        ratio = self.ratio
        mix = f"{ratio.content}:{ratio.promotion}" if ratio.promotion else f"{ratio.content}:0"
        return f"{self.stage.name}  {len(self.items)} · {mix}"

    def index_of(self, item: ContentItem) -> int | None:
        """Where ``item``, in the version this column holds, is: a bisection by its
        place, so finding a card does not walk the column; None when it is not here."""
        position = bisect_left(self.items, sort_key(item), key=sort_key)
        if position < len(self.items) and self.items[position].id == item.id:
            return position
        return None


def effective_rank(item: ContentItem) -> float:
    if item.rank is not None:
        return item.rank
    if item.scheduled_at is not None:
        return item.scheduled_at.timestamp()
    return UNSCHEDULED_RANK + item.id


def sort_key(item: ContentItem) -> tuple[float, int]:
    """A card's place in its column."""
    return effective_rank(item), item.id


def board(plan_data: PlanData, item_filter: ItemFilter | None = None) -> tuple[BoardColumn, ...]:
    """Columns in stage order; each holds the (filtered) items of its stage, ordered."""
    shown: Iterable[ContentItem] = plan_data.items
    if item_filter is not None and item_filter.active:
        shown = [i for i in plan_data.items if item_filter.matches(i, plan_data)]
    by_stage: dict[int, list[ContentItem]] = {s.id: [] for s in plan_data.stages}
    for item in shown:
        by_stage.setdefault(item.stage, []).append(item)
    return tuple(
        _column(stage, sorted(by_stage[stage.id], key=sort_key), plan_data)
        for stage in plan_data.ordered_stages()
    )


def _column(
    stage: Stage, items: list[ContentItem], plan_data: PlanData, promotions: int | None = None
) -> BoardColumn:
    """The column of ``items``; ``promotions`` counts them when the caller knows it."""
    plan = plan_data.plan
    if promotions is None:
        promotions = sum(1 for i in items if i.kind is Kind.PROMOTION)
    ratio = Ratio(len(items) - promotions, promotions, plan.ratio_content, plan.ratio_promotion)
    return BoardColumn(stage, tuple(items), ratio)


def _is_promotion(item: ContentItem) -> int:
    return 1 if item.kind is Kind.PROMOTION else 0


def board_after_edit(
    earlier: tuple[BoardColumn, ...], plan_data: PlanData, item_filter: ItemFilter
) -> tuple[BoardColumn, ...] | None:
    """The board of ``plan_data`` made from ``earlier``, the board of the snapshot it was
    derived from: only the columns an edit of posts touched change, each by a bisect per
    post and its counts carried over, so a card move does not walk or sort 10,000 posts
    again. None when the edit changed more than posts (a stage, a channel the filter may
    name, the plan's ratio)."""
    derivation = plan_data.derivation
    if derivation is None or not all(
        isinstance(e, ContentItem) for e in (*derivation.saved, *derivation.before)
    ):
        return None
    leaving: dict[int, list[ContentItem]] = {}
    for old in derivation.before:
        leaving.setdefault(old.stage, []).append(old)
    arriving: dict[int, list[ContentItem]] = {}
    for new in derivation.saved:
        if not item_filter.active or item_filter.matches(new, plan_data):
            arriving.setdefault(new.stage, []).append(new)
    if not {*leaving, *arriving} <= {column.stage.id for column in earlier}:
        return None
    columns = []
    for column in earlier:
        stage_id = column.stage.id
        if stage_id not in leaving and stage_id not in arriving:
            columns.append(column)
            continue
        items = list(column.items)
        promotions = column.ratio.promotion
        for position in sorted(_positions(column, leaving.get(stage_id, ())), reverse=True):
            promotions -= _is_promotion(items.pop(position))
        for new in arriving.get(stage_id, ()):
            insort(items, new, key=sort_key)
            promotions += _is_promotion(new)
        columns.append(_column(column.stage, items, plan_data, promotions))
    return tuple(columns)


def _positions(column: BoardColumn, versions: Iterable[ContentItem]) -> set[int]:
    """Where the posts of which ``versions`` are the earlier versions stand in
    ``column`` (a post the filter left out stands nowhere)."""
    found = (column.index_of(old) for old in versions)
    return {position for position in found if position is not None}


class BoardOfPlan:
    """The board of the snapshot shown last, brought up to date by each edit after it
    (``board_after_edit``), or built afresh when the snapshot came another way."""

    def __init__(self) -> None:
        self._plan: weakref.ref[PlanData] | None = None
        self._filter = ItemFilter()
        self.columns: tuple[BoardColumn, ...] = ()

    def of(self, plan_data: PlanData, item_filter: ItemFilter) -> tuple[BoardColumn, ...]:
        derivation = plan_data.derivation
        updated = None
        if (
            derivation is not None
            and self._plan is not None
            and derivation.base() is self._plan()
            and item_filter == self._filter
        ):
            updated = board_after_edit(self.columns, plan_data, item_filter)
        self.columns = updated if updated is not None else board(plan_data, item_filter)
        self._plan, self._filter = weakref.ref(plan_data), item_filter
        return self.columns


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
