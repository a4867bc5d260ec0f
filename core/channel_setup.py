"""Set up, the second S: a checklist per chosen channel, generated from the method and
then the team's own to edit, and how far each channel is."""

from __future__ import annotations

from .frozen import frozen
from .i18n import N_, _
from .model import Channel, SetupArea, SetupTask
from .plan_data import PlanData

CHECKLIST: dict[SetupArea, str] = {
    SetupArea.ACCOUNT: N_("Create the company account on {channel}"),
    SetupArea.PERSONAL: N_("Team members active on {channel} under their own name"),
    SetupArea.FOLLOW: N_("Follow and like relevant people, pages and companies"),
    SetupArea.CONVERSATIONS: N_("Join the conversations and groups that matter to customers"),
    SetupArea.RELATIONSHIPS: N_("Build relationships with customers and influencers"),
    SetupArea.PARTNERS: N_("Find partners who share our content"),
    SetupArea.SOURCES: N_("Line up content sources to share and to build on"),
}
"""One task per area of the method's set-up step; the title names the channel."""


def missing_checklist(plan_data: PlanData, channel: Channel) -> list[SetupTask]:
    """Tasks for the method's areas that ``channel`` has no task for yet (unsaved)."""
    present = {t.area for t in plan_data.setup_tasks if t.channel == channel.id}
    return [
        SetupTask(channel.id, _(title).format(channel=channel.name), owner=channel.owner, area=area)
        for area, title in CHECKLIST.items()
        if area not in present
    ]


def missing_checklists(plan_data: PlanData) -> list[SetupTask]:
    return [
        task for channel in plan_data.channels for task in missing_checklist(plan_data, channel)
    ]


@frozen
class SetupProgress:
    """How many of a channel's Set up tasks are done."""

    channel: str
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total

    @property
    def percent(self) -> float:
        return 100 * self.done / self.total if self.total else 0.0

    def describe(self) -> str:
        return f"{self.done}/{self.total}" if self.total else _("no checklist")


def setup_progress(plan_data: PlanData) -> list[SetupProgress]:
    """Set-up tasks done per channel, in the plan's channel order."""
    done: dict[int, int] = {}
    total: dict[int, int] = {}
    for task in plan_data.setup_tasks:
        total[task.channel] = total.get(task.channel, 0) + 1
        done[task.channel] = done.get(task.channel, 0) + task.done
    return [
        SetupProgress(c.name, done.get(c.id, 0), total.get(c.id, 0)) for c in plan_data.channels
    ]


def overall_setup(progress: list[SetupProgress]) -> SetupProgress:
    return SetupProgress(
        _("All channels"), sum(p.done for p in progress), sum(p.total for p in progress)
    )


def open_setup_tasks(plan_data: PlanData) -> list[SetupTask]:
    """Tasks not done yet, the soonest due first (undated last), in channel order."""
    order = {c.id: position for position, c in enumerate(plan_data.channels)}
    waiting = [t for t in plan_data.setup_tasks if not t.done]
    return sorted(
        waiting, key=lambda t: (t.due is None, t.due, order.get(t.channel, len(order)), t.id)
    )


def incomplete_setup(plan_data: PlanData) -> tuple[str, ...]:
    """Channels whose set-up is not finished (or has no checklist yet)."""
    return tuple(p.channel for p in setup_progress(plan_data) if not p.complete)
