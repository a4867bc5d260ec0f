"""The management report (``export report``), in Markdown or HTML, from
``core.report.report_figures``. The plan's Markdown export stays the strategy document.

One list of blocks is rendered both ways, so the two formats cannot say different things.
User text is data in both: escaped for Markdown by ``markdown.inline`` and for HTML by
``html.escape``; the HTML has no script and loads nothing. Trends are Unicode sparklines
in Markdown and SVG polylines in HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from socialplan.core.frozen import frozen
from socialplan.core.i18n import _
from socialplan.core.kpi import kpi_label
from socialplan.core.numbers import format_number
from socialplan.core.plan_data import PlanData
from socialplan.core.report import PostFigures, ReportFigures, report_figures, sparkline

from .markdown import inline, table

Cell = str


@frozen
class Block:
    kind: str
    """'h2', 'p', 'table' or 'trends'."""
    text: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    series: tuple[tuple[str, tuple[float | None, ...]], ...] = ()
    empty: str = ""


def report(plan_data: PlanData, now: datetime, fmt: str, iteration: int | None = None) -> str:
    """The report of an iteration (default: the current one) as ``fmt``: md or html."""
    figures = report_figures(plan_data, now.date(), iteration)
    title, blocks = _blocks(plan_data, figures, now)
    return _html(title, blocks) if fmt == "html" else _markdown(title, blocks)


def _figure(value: float | None, digits: int = 0, suffix: str = "") -> str:
    return "–" if value is None else format_number(value, digits) + suffix


def _blocks(plan_data: PlanData, figures: ReportFigures, now: datetime) -> tuple[str, list[Block]]:
    iteration = figures.iteration
    title = _("Results report: {name}").format(name=plan_data.plan.name)
    period = (
        _("Iteration {number} ({name}), {start} to {end}.").format(
            number=iteration.number, name=iteration.name, start=iteration.start, end=iteration.end
        )
        if iteration
        else _("All results.")
    )
    made = _("Made {now:%Y-%m-%d %H:%M} UTC by socialplan.").format(now=now.astimezone(UTC))
    blocks = [
        Block("p", period + " " + made),
        Block("h2", _("Objectives against their targets")),
        Block(
            "table",
            headers=(_("Objective"), "KPI", _("Now"), _("Target"), _("Status"), _("Source")),
            rows=tuple(
                (
                    p.goal.title,
                    kpi_label(p.goal.kpi),
                    _figure(p.current, 1),
                    f"{_figure(p.goal.target)} {p.goal.unit}".strip(),
                    p.status.label,
                    p.source.describe() if p.source else "–",
                )
                for p in figures.goals
            ),
            empty=_("No objectives yet."),
        ),
        Block("h2", _("ROI per channel")),
        Block(
            "table",
            headers=(
                _("Channel"),
                _("Reach"),
                _("Impressions"),
                _("Engagements"),
                _("Clicks"),
                _("Conversions"),
                _("Ad spend"),
                _("Tools"),
                _("Staff time"),
                _("Value"),
                "ROI %",
            ),
            rows=tuple(
                (
                    c.name,
                    _figure(c.totals.reach),
                    _figure(c.totals.impressions),
                    _figure(c.totals.engagements),
                    _figure(c.totals.clicks),
                    _figure(c.totals.conversions),
                    _figure(c.ad_spend, 2),
                    _figure(c.tools, 2),
                    _figure(c.time, 2),
                    _figure(c.totals.value, 2),
                    _figure(c.roi),
                )
                for c in figures.channels
            ),
            empty=_("No results in this iteration."),
        ),
        Block("h2", _("KPI trends, week by week")),
        Block(
            "trends",
            series=tuple((kpi_label(t.kpi), t.weeks) for t in figures.trends),
        ),
        Block("h2", _("Best posts (engagement rate)")),
        _posts_table(figures.best),
        Block("h2", _("Weakest posts")),
        _posts_table(figures.worst),
        Block("h2", _("Review and decisions")),
        Block("p", iteration.lessons if iteration and iteration.lessons else _("No review yet.")),
        Block(
            "table",
            headers=(_("Decision"), _("Done")),
            rows=tuple((d.text, _("yes") if d.done else _("no")) for d in figures.decisions),
            empty=_("No decisions yet."),
        ),
    ]
    return title, blocks


def _posts_table(posts: Sequence[PostFigures]) -> Block:
    return Block(
        "table",
        headers=(_("Post"), _("Channel"), _("Day"), _("Impressions"), _("Engagements"), "%"),
        rows=tuple(
            (
                p.title,
                p.channel,
                str(p.day),
                _figure(p.impressions),
                _figure(p.engagements),
                _figure(p.engagement_rate, 1),
            )
            for p in posts
        ),
        empty=_("Not enough measured posts."),
    )


def _markdown(title: str, blocks: Sequence[Block]) -> str:
    lines = [f"# {inline(title)}", ""]
    for block in blocks:
        if block.kind == "h2":
            lines += [f"## {inline(block.text)}", ""]
        elif block.kind == "p":
            lines += [inline(block.text), ""]
        elif block.kind == "table":
            lines += [*table(block.headers, block.rows, block.empty, _markdown_cell), ""]
        else:
            rows = [(inline(name), f"`{sparkline(values)}`") for name, values in block.series]
            lines += [*table(("KPI", _("Weekly")), rows, "", str), ""]
    return "\n".join(lines).rstrip() + "\n"


FIGURE = re.compile(r"^[\d.,\s%–-]+$")
"""A cell socialplan wrote as a figure: shown as it is (escaping ``-100`` or ``21.`` for
Markdown's list syntax showed a backslash in front of it)."""


def _markdown_cell(value: object) -> str:
    text = str(value)
    return text if FIGURE.match(text) else inline(text)


STYLE = (
    "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;color:#222}"
    "table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
    "th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}"
    "polyline{fill:none;stroke:#2a6;stroke-width:2}"
)


def _html(title: str, blocks: Sequence[Block]) -> str:
    escape = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    for block in blocks:
        if block.kind == "h2":
            parts.append(f"<h2>{escape(block.text)}</h2>")
        elif block.kind == "p":
            parts.append(f"<p>{escape(block.text)}</p>")
        elif block.kind == "table" and not block.rows:
            parts.append(f"<p><em>{escape(block.empty)}</em></p>")
        elif block.kind == "table":
            head = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            parts.append(f"<table><tr>{head}</tr>{body}</table>")
        else:
            rows = "".join(
                f"<tr><td>{escape(name)}</td><td>{_svg(values)}</td></tr>"
                for name, values in block.series
            )
            parts.append(f"<table>{rows}</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _svg(values: tuple[float | None, ...], width: int = 240, height: int = 32) -> str:
    """A trend as an SVG polyline, the lowest value at the bottom; gaps are skipped."""
    known = [(n, v) for n, v in enumerate(values) if v is not None]
    if not known:
        return "–"
    low = min(v for _n, v in known)
    high = max(v for _n, v in known)
    span = (high - low) or 1.0
    step = width / max(1, len(values) - 1)
    points = " ".join(
        f"{n * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}" for n, v in known
    )
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img"><polyline points="{points}"/></svg>'
    )
