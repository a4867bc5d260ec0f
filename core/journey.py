"""The customer-journey stages a new plan starts with: See / Think / Do / Care."""

from __future__ import annotations

from dataclasses import replace

from .i18n import N_, _
from .model import Stage

DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage(
        N_("See"),
        1,
        N_("Everyone who could ever be interested: reach and awareness"),
        N_("Short video, photos, infographics"),
    ),
    Stage(
        N_("Think"),
        2,
        N_("People considering a solution: inform and help compare"),
        N_("How-to articles, explainers, comparisons"),
    ),
    Stage(
        N_("Do"),
        3,
        N_("People ready to act: offers, demos, a clear call to action"),
        N_("Case studies, demos, offers"),
    ),
    Stage(
        N_("Care"),
        4,
        N_("Customers: service, loyalty, advocacy"),
        N_("Tips for customers, reviews"),
    ),
)
"""See / Think / Do / Care (Avinash Kaushik), as catalog messages: see ``default_stages``."""


def default_stages() -> tuple[Stage, ...]:
    """The journey stages a new plan starts with, named in the interface's language."""
    return tuple(
        replace(
            stage, name=_(stage.name), description=_(stage.description), formats=_(stage.formats)
        )
        for stage in DEFAULT_STAGES
    )
