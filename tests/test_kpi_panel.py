"""The panel's text: what it says and what it marks as off target."""

from __future__ import annotations

from dataclasses import replace

from socialplan.core.figures import panel_figures
from socialplan.tui.widgets.kpi_panel import panel_content
from tests.conftest import FROZEN_NOW


def flagged(content, needle: str) -> bool:
    start = str(content).index(needle)
    return any(s.start <= start < s.end and "$warning" in str(s.style) for s in content.spans)


def test_demo_panel_says_everything_and_flags_what_is_off(demo_data):
    content = panel_content(panel_figures(demo_data, FROZEN_NOW))
    text = str(content)
    for expected in (
        "Upcoming 14 days",
        "18 : 2 (9.0:1)  target 10:1 ⚠",
        "5 of 20 (25%)  min 10% ✓",
        "LinkedIn      5/5  ✓",
        "Instagram     2/3  ▼ under",
        "⚠ Too much promotion",
        "⚠ Instagram: 2 posts this week",
    ):
        assert expected in text
    assert flagged(content, "18 : 2")
    assert flagged(content, "2/3")
    assert not flagged(content, "5 of 20")
    assert not flagged(content, "5/5")


def test_on_target_plan_says_so(demo_data):
    data = replace(demo_data, items=(), channels=())
    content = panel_content(panel_figures(data, FROZEN_NOW))
    assert "No channels chosen yet" in str(content)
    assert "Nothing is scheduled in the upcoming window." in str(content)


def test_channel_names_are_literal_and_cut_to_fit(demo_data):
    channel = replace(demo_data.channels[0], name="[b]Very long channel name[/b]\x1b[2J")
    data = replace(demo_data, channels=(channel,))
    text = str(panel_content(panel_figures(data, FROZEN_NOW)))
    assert "[b]Very lon…" in text
    assert "\x1b" not in text
