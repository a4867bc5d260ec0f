"""The plan's entities: plain frozen dataclasses, one per kind of document.

Every entity has an ``id`` (0 until the store has saved it) and a ``TABLE`` naming the
collection it lives in. References between entities are by id.
"""

from dataclasses import field
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar, Protocol

from .frozen import frozen
from .i18n import N_, _


class Entity(Protocol):
    """What every stored entity has: the table it lives in and its id (0: not stored)."""

    TABLE: ClassVar[str]

    @property
    def id(self) -> int: ...


class Labelled(StrEnum):
    """A stored value with a label in the interface's language (``ENUM_LABELS``)."""

    @property
    def label(self) -> str:
        return _(self.value.replace("_", " "))


class Kind(Labelled):
    """What a post does: give value, or sell. The 3-S model asks about 10 of the first to 1."""

    CONTENT = "content"
    PROMOTION = "promotion"


class Status(Labelled):
    IDEA = "idea"
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


class SupportLevel(Labelled):
    OPPONENT = "opponent"
    NEUTRAL = "neutral"
    SUPPORTER = "supporter"
    CHAMPION = "champion"


class HandCount(Labelled):
    """How the values typed in for a custom KPI make its current value."""

    SUMMED = "summed"
    """Each period's count adds up: qualified leads, sign-ups."""
    LATEST = "latest"
    """The newest period's value stands: a score or a share (NPS, sentiment)."""


class SetupArea(Labelled):
    """The parts of setting up a channel, in the 3-S model's order."""

    ACCOUNT = "account"
    PERSONAL = "personal"
    FOLLOW = "follow"
    CONVERSATIONS = "conversations"
    RELATIONSHIPS = "relationships"
    PARTNERS = "partners"
    SOURCES = "sources"
    OTHER = "other"


class Activity(Labelled):
    """How active a target group is on a channel."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


ENUM_LABELS = (
    *(N_("content"), N_("promotion")),
    *(N_("idea"), N_("draft"), N_("in review"), N_("approved"), N_("scheduled"), N_("published")),
    *(N_("opponent"), N_("neutral"), N_("supporter"), N_("champion")),
    *(N_("account"), N_("personal"), N_("follow"), N_("conversations"), N_("relationships")),
    *(N_("partners"), N_("sources"), N_("other")),
    *(N_("none"), N_("low"), N_("medium"), N_("high")),
    *(N_("under"), N_("on plan"), N_("over")),
    *(N_("met"), N_("on track"), N_("behind"), N_("missed"), N_("not measured")),
    *(N_("open"), N_("complete"), N_("reopened")),
    *(N_("summed"), N_("latest")),
    *(N_("permalink"), N_("link"), N_("day and title"), N_("by hand"), N_("no match")),
)
"""Every ``Labelled`` value, marked for the catalog (a test checks none is missing)."""


@frozen
class Plan:
    """The plan itself and its settings (one document)."""

    TABLE: ClassVar[str] = "plan"

    name: str
    business_strategy: str = ""
    marketing_strategy: str = ""
    problem_statement: str = ""
    points_of_attention: tuple[str, ...] = ()
    culture_notes: str = ""
    tone: str = ""
    """Strategic frameworks: the voice the plan speaks in."""
    dos: tuple[str, ...] = ()
    donts: tuple[str, ...] = ()
    budget: float | None = None
    """Money for social media per iteration (ads, tools, outside help)."""
    hours_per_week: float | None = None
    """Team time the plan may take each week."""
    completed_steps: tuple[str, ...] = ()
    """Keys of the Strategy steps the team marked complete (see ``steps``)."""
    current_iteration: int = 1
    timezone: str = "Europe/Amsterdam"
    ratio_content: int = 10
    ratio_promotion: int = 1
    window_days: int = 14
    min_cta_percent: int = 10
    iteration_days: int = 14
    """How long an iteration runs: the first one, and each one that follows a closing."""
    currency: str = "EUR"
    """The three-letter code budgets, costs and values are in."""
    uid: str = ""
    """Names the plan in exports (calendar event UIDs) across renames and machines."""
    id: int = 0


@frozen
class Stakeholder:
    """Someone in the organisation whose support the plan needs: where they stand, how
    much they weigh, and the next step with them."""

    TABLE: ClassVar[str] = "stakeholders"

    name: str
    role: str = ""
    department: str = ""
    support: SupportLevel = SupportLevel.NEUTRAL
    influence: Activity = Activity.MEDIUM
    next_action: str = ""
    id: int = 0


@frozen
class ChangeAction:
    """A step of the change management that builds the support base: who, by when, done."""

    TABLE: ClassVar[str] = "change_actions"

    title: str
    owner: str = ""
    due: date | None = None
    done: bool = False
    id: int = 0


@frozen
class TeamMember:
    """A member of the project team: owners of posts and tasks are picked from the team."""

    TABLE: ClassVar[str] = "team"

    name: str
    role: str = ""
    id: int = 0


@frozen
class Channel:
    """A channel of the strategy: why it is used, for whom, in which forms, how often."""

    TABLE: ClassVar[str] = "channels"

    name: str
    planned_per_week: int = 0
    reason: str = ""
    role: str = ""
    audience: str = ""
    formats: str = ""
    owner: str = ""
    handle: str = ""
    """The company account on the channel: '@veldhuisklimaat'."""
    url: str = ""
    slots: str = ""
    """Posting slots: recurrence rules, one RRULE per line (see ``recurrence``)."""
    slots_from: date | None = None
    """The day the slot rules start counting from (matters for 'every 2 weeks', counts)."""
    planned_per_month: int = 0
    """Posts planned per calendar month, for a channel planned by the month (a monthly
    newsletter); it is then judged over the month, not the week. 0: planned by the week."""
    char_limit: int = 0
    """Characters a post may have here; 0: the platform's own limit (``core.limits``)."""
    imports_from: str = ""
    """The platform whose analytics exports import into this channel ('x' for a channel
    called Twitter): remembered from the first import mapped to it by hand."""
    id: int = 0


@frozen
class Stage:
    """A step of the customer journey (default See / Think / Do / Care)."""

    TABLE: ClassVar[str] = "stages"

    name: str
    order: int = 0
    description: str = ""
    formats: str = ""
    """Content formats that suit this stage (video, carousel, case study...)."""
    id: int = 0


@frozen
class Persona:
    """A persona of the target group: goals, pains and the content that reaches them."""

    TABLE: ClassVar[str] = "personas"

    name: str
    role: str = ""
    goals: str = ""
    pain_points: str = ""
    objections: str = ""
    triggers: str = ""
    preferred_formats: str = ""
    content_habits: str = ""
    id: int = 0


@frozen
class OnlineBehaviour:
    """Where a persona is online and how active: one row per persona and channel."""

    TABLE: ClassVar[str] = "behaviour"

    persona: int
    channel: int
    present: bool = True
    activity: Activity = Activity.MEDIUM
    when: str = ""
    id: int = 0


@frozen
class Goal:
    """A SMART objective: a KPI with a target value and a deadline."""

    TABLE: ClassVar[str] = "goals"

    title: str
    kpi: str = ""
    target: float | None = None
    unit: str = ""
    deadline: date | None = None
    channels: tuple[int, ...] = ()
    hand_count: HandCount = HandCount.SUMMED
    """For a custom KPI (one Measure does not compute): how its typed-in values count."""
    id: int = 0


@frozen
class KpiValue:
    """A custom KPI's value over one period, typed in by hand (Measure cannot compute it)."""

    TABLE: ClassVar[str] = "kpi_values"

    goal: int
    period_start: date
    period_end: date
    figure: float | None = None
    id: int = 0


@frozen
class Pillar:
    """A content pillar: a theme the content returns to, for the journey stages it serves."""

    TABLE: ClassVar[str] = "pillars"

    name: str
    description: str = ""
    stages: tuple[int, ...] = ()
    id: int = 0


@frozen
class SocialActivity:
    """A social-media activity and what in the wider marketing approach it connects to
    (campaigns, website, events, sales). One connected to nothing is an "island"."""

    TABLE: ClassVar[str] = "activities"

    name: str
    description: str = ""
    connects_to: tuple[str, ...] = ()
    channels: tuple[int, ...] = ()
    id: int = 0


@frozen
class ContentItem:
    """A post of the schedule: on a channel, for a journey stage, content or promotion."""

    TABLE: ClassVar[str] = "items"

    title: str
    channel: int
    stage: int
    kind: Kind = Kind.CONTENT
    cta: bool = False
    status: Status = Status.IDEA
    scheduled_at: datetime | None = None
    owner: str = ""
    body: str = ""
    pillar: int | None = None
    link: str = ""
    rank: float | None = None
    """Manual order within its journey stage; None means by scheduled time."""
    review_comment: str = ""
    """Why the last review sent the item back to draft."""
    repeat: str = ""
    """Recurrence rules (RRULE lines) of a repeating item; its repeats are items too."""
    series: int | None = None
    """For a repeat: the id of the item it repeats."""
    evergreen: bool = False
    """Timeless content that can be posted again (re-queued) once published."""
    media_url: str = ""
    tags: tuple[str, ...] = ()
    persona: int | None = None
    """The persona the post speaks to."""
    permalink: str = ""
    """The published post's address, as an analytics import found it: the next import
    matches by it first (a scheduler's link is not the platform's)."""
    variant_of: int | None = None
    """A cross-post: the id of the post it was made from, shared by all its variants."""
    modified_at: datetime | None = field(default=None, compare=False)
    """When the post was last saved (the session sets it): the calendar's LAST-MODIFIED
    and SEQUENCE. Not part of the post's value: two versions that differ only in it are
    the same version."""
    id: int = 0


@frozen
class SetupTask:
    """A Set up task for a channel: an account, a profile, who to follow, partners, sources."""

    TABLE: ClassVar[str] = "setup_tasks"

    channel: int
    title: str
    owner: str = ""
    due: date | None = None
    done: bool = False
    area: SetupArea = SetupArea.OTHER
    entries: tuple[str, ...] = ()
    """The task's list: people and pages to follow, groups, partners, sources."""
    id: int = 0


PLATFORM_NAMES = {
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
    "youtube": "YouTube",
}
"""The platforms a result can be imported from (its ``source``), each written as the
platform writes its own name."""


@frozen
class Result:
    """Measured figures for one content item, or for a channel over a period."""

    TABLE: ClassVar[str] = "results"

    period_start: date
    period_end: date
    item: int | None = None
    channel: int | None = None
    reach: int = 0
    impressions: int = 0
    engagements: int = 0
    clicks: int = 0
    conversions: int = 0
    followers_start: int = 0
    followers_end: int = 0
    ad_spend: float = 0.0
    tool_cost: float = 0.0
    hours: float = 0.0
    hourly_rate: float = 0.0
    value: float = 0.0
    """What the results brought in money (leads valued, sales), for the ROI."""
    source: str = ""
    """Where the figures came from: '' when typed in, else the platform they were imported from."""
    post_ref: str = ""
    """The platform's link or id of the post, so a re-import replaces rather than doubles."""
    id: int = 0

    @property
    def cost(self) -> float:
        """Everything the result cost: ad spend, tools and the team's time."""
        return self.ad_spend + self.tool_cost + self.hours * self.hourly_rate


@frozen
class Iteration:
    """One turn of the 3-S cycle: strategy, set-up, schedule, measure."""

    TABLE: ClassVar[str] = "iterations"

    number: int
    name: str
    start: date
    end: date
    closed: bool = False
    lessons: str = ""
    id: int = 0


@frozen
class Decision:
    """What an iteration review decided to change; shown on the Strategy screen until the
    team has acted upon it."""

    TABLE: ClassVar[str] = "decisions"

    iteration: int
    """The number of the iteration whose review made it."""
    text: str
    done: bool = False
    id: int = 0


ENTITY_TYPES: tuple[type[Entity], ...] = (
    Plan,
    Stakeholder,
    ChangeAction,
    TeamMember,
    Channel,
    Stage,
    Persona,
    OnlineBehaviour,
    Goal,
    Pillar,
    SocialActivity,
    ContentItem,
    SetupTask,
    Result,
    KpiValue,
    Iteration,
    Decision,
)
