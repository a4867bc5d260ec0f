"""The phases of the 3-S cycle, on the SocialStrategyModel's foundation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Phase:
    key: str
    """The keyboard key that opens the phase from anywhere in the app."""
    name: str
    title: str
    summary: str


PHASES: tuple[Phase, ...] = (
    Phase(
        "1",
        "foundation",
        "Foundation",
        "Internal support: stakeholders, change management, culture, project team",
    ),
    Phase(
        "2",
        "strategy",
        "Strategy",
        "Problem, target groups, SMART goals, online behaviour, channels, pillars",
    ),
    Phase(
        "3",
        "setup",
        "Set up",
        "Accounts, personal presence, following, conversations, partners, sources",
    ),
    Phase(
        "4",
        "schedule",
        "Schedule",
        "Posts per channel and journey stage, 10:1 content to promotion, calls to action",
    ),
    Phase(
        "5",
        "measure",
        "Measure",
        "Results, KPIs and ROI that feed the next iteration's strategy",
    ),
)


def phase_named(name: str) -> Phase:
    return next(p for p in PHASES if p.name == name)
