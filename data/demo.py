"""The bundled demo plan: Veldhuis Klimaattechniek, a small Dutch B2B installer.

Built relative to an anchor moment so the schedule is always "now": two weeks published
with results, the current week half done, three weeks ahead. Deterministic for a given
anchor, so snapshot tests can freeze it.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from socialplan.core.model import (
    Activity,
    ChangeAction,
    Channel,
    ContentItem,
    Goal,
    Iteration,
    Kind,
    OnlineBehaviour,
    Persona,
    Pillar,
    Plan,
    Result,
    SetupArea,
    SetupTask,
    SocialActivity,
    Stakeholder,
    Status,
    SupportLevel,
    TeamMember,
)
from socialplan.core.plan_data import PlanData
from socialplan.core.recurrence import parse_rules, rules_text
from socialplan.data.store import starter_plan

TIMEZONE = "Europe/Amsterdam"
SEE, THINK, DO, CARE = 1, 2, 3, 4
LINKEDIN, INSTAGRAM, YOUTUBE, NEWSLETTER = 1, 2, 3, 4
KNOWHOW, STORIES, SUBSIDY, BEHIND, SERVICE = 1, 2, 3, 4, 5

# (title, stage, pillar, kind, call to action) per channel, in posting order.
C, P = Kind.CONTENT, Kind.PROMOTION
LINKEDIN_POSTS = [
    ("Heat pump or hybrid? Five questions for your office", THINK, KNOWHOW, C, False),
    ("Energy label C for offices: what the rule asks of you", SEE, KNOWHOW, C, False),
    ("Project story: Nijverheidsweg office cut gas use by 72%", THINK, STORIES, C, False),
    ("Meet Henk: 25 years of climate systems", SEE, BEHIND, C, False),
    ("Free energy scan for offices up to 2,000 m²", DO, SUBSIDY, P, True),
    ("Why your office is cold at 8 and hot at 3", SEE, KNOWHOW, C, False),
    ("ISDE subsidy 2027: what changes for businesses", THINK, SUBSIDY, C, True),
    ("Customer review: Van Dam Accountants after one winter", THINK, STORIES, C, False),
    ("Three myths about heat pumps in older buildings", SEE, KNOWHOW, C, False),
    ("Care tip: what to check before the first frost", CARE, SERVICE, C, False),
    ("Payback time, worked out for a 900 m² office", THINK, SUBSIDY, C, False),
    ("A weekend installation with zero downtime", SEE, BEHIND, C, False),
    ("Checklist: is your building ready to go all-electric?", THINK, KNOWHOW, C, True),
    ("What facility managers ask us most in November", SEE, KNOWHOW, C, False),
    ("Maintenance contracts: what a filter change saves", CARE, SERVICE, C, False),
    ("Project story: school in Leusden, warm and quiet", THINK, STORIES, C, False),
    ("Noise of outdoor units: the facts and the rules", THINK, KNOWHOW, C, False),
    ("Webinar 17 December: heat pumps for offices", DO, KNOWHOW, C, True),
    ("Our apprentices' first installation", SEE, BEHIND, C, False),
    ("How to read your building's energy bills", SEE, KNOWHOW, C, False),
    ("Book a maintenance check before the winter peak", DO, SERVICE, P, True),
    ("Hybrid first, all-electric later: a phased route", THINK, KNOWHOW, C, False),
    ("Year in review: 38 buildings off gas", SEE, STORIES, C, False),
    ("Refrigerants explained for non-engineers", THINK, KNOWHOW, C, False),
    ("Thank you: our customers' favourite service moments", CARE, SERVICE, C, False),
    ("Planning 2027: which subsidies to apply for first", THINK, SUBSIDY, C, False),
    ("Heat recovery ventilation: the quiet energy saver", SEE, KNOWHOW, C, False),
    ("Project story: dental practice in Baarn", THINK, STORIES, C, False),
    ("Request a quote for a 2027 installation slot", DO, SUBSIDY, P, True),
    ("Ask us anything: climate systems Q&A recap", CARE, KNOWHOW, C, False),
]
INSTAGRAM_POSTS = [
    ("On the roof in Amersfoort: unit goes up", SEE, BEHIND, C, False),
    ("Before and after: boiler room to heat pump", SEE, STORIES, C, False),
    ("Team Friday: soup and a toolbox talk", SEE, BEHIND, C, False),
    ("Reel: how a heat pump makes heat from cold air", SEE, KNOWHOW, C, False),
    ("Customer smile: warm office, first winter", CARE, STORIES, C, False),
    ("Meet the van that carries it all", SEE, BEHIND, C, False),
    ("Reel: 30-second filter check", CARE, SERVICE, C, False),
    ("Frosty morning, warm building", SEE, STORIES, C, False),
    ("Behind the scenes at our training day", SEE, BEHIND, C, False),
    ("Winter maintenance: book before 15 December", DO, SERVICE, P, True),
    ("Reel: outdoor unit noise, measured", THINK, KNOWHOW, C, False),
    ("Henk's tip of the week", CARE, SERVICE, C, False),
    ("Project: office in Soest goes gas-free", THINK, STORIES, C, False),
    ("Apprentice diary, week 12", SEE, BEHIND, C, False),
    ("Reel: what an energy scan looks like", THINK, SUBSIDY, C, True),
    ("Holiday greetings from the whole team", CARE, BEHIND, C, False),
    ("Year in pictures: 38 buildings", SEE, STORIES, C, False),
    ("New year, new installation slots", DO, SUBSIDY, C, True),
]
YOUTUBE_POSTS = [
    ("How a heat pump works, explained in 4 minutes", SEE, KNOWHOW, C, False),
    ("Case film: Nijverheidsweg office one year on", THINK, STORIES, C, True),
    ("Maintenance walk-through for facility managers", CARE, SERVICE, C, False),
    ("Hybrid or all-electric: a whiteboard session", THINK, KNOWHOW, C, False),
    ("Webinar recording: heat pumps for offices", THINK, KNOWHOW, C, True),
    ("Q&A: subsidies for 2027", THINK, SUBSIDY, C, False),
]
NEWSLETTER_POSTS = [
    ("November letter: energy label C and your building", THINK, KNOWHOW, C, True),
    ("Project stories from the autumn", THINK, STORIES, C, False),
    ("Winter checklist for facility managers", CARE, SERVICE, C, True),
    ("Invitation: webinar 17 December", DO, KNOWHOW, C, True),
    ("Subsidies 2027: the overview", THINK, SUBSIDY, C, False),
    ("Year-end letter and 2027 installation slots", DO, SUBSIDY, C, True),
]

# Posting slots: weekday (0 = Monday) and local time.
SLOTS = {
    LINKEDIN: [(day, time(8, 30)) for day in range(5)],
    INSTAGRAM: [(1, time(19, 0)), (3, time(19, 0)), (5, time(10, 0))],
    YOUTUBE: [(2, time(12, 0))],
    NEWSLETTER: [(3, time(7, 30))],
}
POSTS = {
    LINKEDIN: LINKEDIN_POSTS,
    INSTAGRAM: INSTAGRAM_POSTS,
    YOUTUBE: YOUTUBE_POSTS,
    NEWSLETTER: NEWSLETTER_POSTS,
}
OWNERS = {LINKEDIN: "Lotte", INSTAGRAM: "Daan", YOUTUBE: "Lotte", NEWSLETTER: "Joost"}
FIRST_WEEK = -2
WEEKS = 6


def build_demo(now: datetime) -> PlanData:
    """The demo plan with its schedule around ``now`` (an aware datetime)."""
    zone = ZoneInfo(TIMEZONE)
    local_now = now.astimezone(zone)
    monday = local_now.date() - timedelta(days=local_now.weekday())
    items = _items(monday, now, zone)
    starter = starter_plan("")
    return replace(
        starter,
        plan=_plan(),
        stakeholders=_numbered(STAKEHOLDERS),
        change_actions=_numbered(_change_actions(monday)),
        team=_numbered(TEAM),
        channels=_numbered(_channels(monday + timedelta(days=7 * FIRST_WEEK))),
        personas=_numbered(PERSONAS),
        behaviour=_numbered(BEHAVIOUR),
        goals=_numbered(_goals(monday)),
        pillars=_numbered(PILLARS),
        activities=_numbered(ACTIVITIES),
        items=items,
        setup_tasks=_numbered(_setup_tasks(monday)),
        results=_numbered([*_results(items, now), *_channel_results(monday, local_now.date())]),
        iterations=_numbered(_iterations(monday)),
    )


def _numbered(entities: list[Any]) -> tuple[Any, ...]:
    return tuple(replace(e, id=n) for n, e in enumerate(entities, start=1))


def _plan() -> Plan:
    return Plan(
        name="Veldhuis Klimaattechniek",
        uid="veldhuis-demo",
        business_strategy=(
            "Grow from 38 to 60 commercial installations a year by 2028 as the regional "
            "specialist for gas-free offices, schools and practices around Amersfoort."
        ),
        marketing_strategy=(
            "Be the trusted explainer: facility managers and owner-directors find us while "
            "they research going gas-free, long before they ask for quotes."
        ),
        problem_statement=(
            "Nine in ten leads come from referrals. Facility managers research online but "
            "do not find us, and our social posts so far were one person's island: no plan, "
            "no link with sales, no figures."
        ),
        points_of_attention=(
            "Only 16 hours a week for social media across the team",
            "Technicians must never show a client's address or security systems",
            "ISDE subsidy rules change on 1 January",
        ),
        culture_notes=(
            "A technical, modest company: people prefer doing to showing. Sharing work on "
            "social media feels like bragging to some technicians; start with those who "
            "enjoy it and show what it brings."
        ),
        tone=(
            "Plain Dutch, the way a good technician explains at the kitchen table: concrete, "
            "calm, no jargon without explanation, no hype."
        ),
        dos=(
            "Show real projects, with the client's permission",
            "Give numbers: savings, payback time, subsidy amounts",
            "Answer every comment within one working day",
        ),
        donts=(
            "No client addresses, floor plans or security systems",
            "No fear marketing about gas prices",
            "No stock photos of smiling engineers",
        ),
        budget=4500,
        hours_per_week=16,
        completed_steps=(
            "inputs",
            "problem",
            "personas",
            "goals",
            "behaviour",
            "channels",
            "content",
            "frameworks",
        ),
        current_iteration=2,
        timezone=TIMEZONE,
        id=1,
    )


STAKEHOLDERS = [
    Stakeholder(
        "Marieke Veldhuis",
        "Owner-director",
        "Management",
        SupportLevel.CHAMPION,
        Activity.HIGH,
        "Share one personal post a week",
    ),
    Stakeholder(
        "Joost de Wit",
        "Sales manager",
        "Sales",
        SupportLevel.SUPPORTER,
        Activity.HIGH,
        "Log leads that mention social media",
    ),
    Stakeholder(
        "Henk Bakker",
        "Lead technician",
        "Installation",
        SupportLevel.OPPONENT,
        Activity.MEDIUM,
        "Pair him with Daan for one job photo story",
    ),
    Stakeholder(
        "Sanne Mulder",
        "Finance",
        "Finance",
        SupportLevel.NEUTRAL,
        Activity.MEDIUM,
        "Agree the ROI figures she trusts",
    ),
    Stakeholder(
        "Fatima El Amrani",
        "Customer service",
        "Service",
        SupportLevel.SUPPORTER,
        Activity.LOW,
        "Collect customer questions for Q&A posts",
    ),
]


def _change_actions(monday: date) -> list[ChangeAction]:
    return [
        ChangeAction(
            "Kick-off: why we go social, with all staff",
            "Marieke",
            monday - timedelta(days=60),
            True,
        ),
        ChangeAction(
            "Social media guidelines (privacy, tone, photos)",
            "Lotte",
            monday - timedelta(days=30),
            True,
        ),
        ChangeAction(
            "Train technicians to take shareable job photos", "Daan", monday + timedelta(days=10)
        ),
        ChangeAction(
            "Monthly 'what social brought us' in the team meeting",
            "Sanne",
            monday + timedelta(days=4),
        ),
    ]


TEAM = [
    TeamMember("Marieke Veldhuis", "Owner and sponsor"),
    TeamMember("Lotte van den Berg", "Content creator"),
    TeamMember("Daan Smit", "Community manager"),
    TeamMember("Joost de Wit", "Social selling"),
    TeamMember("Sanne Mulder", "Analyst"),
]


def _channels(first_monday: date) -> list[Channel]:
    """The channels, with posting slots matching the demo's schedule (``SLOTS``)."""
    slots = {
        "LinkedIn": "weekdays 08:30",
        "Instagram": "tue thu 19:00 + sat 10:00",
        "YouTube": "wed 12:00",
        "Newsletter": "thu 07:30",
    }
    channels = [
        Channel(
            "LinkedIn",
            5,
            "Facility managers and directors research here",
            "Lead channel",
            "Facility managers, owner-directors",
            "Articles, carousels, case studies",
            "Joost",
            "Veldhuis Klimaattechniek",
            "https://www.linkedin.com/company/veldhuis-klimaat",
        ),
        Channel(
            "Instagram",
            3,
            "Employer branding and local visibility",
            "Show the work",
            "Future technicians, local owners",
            "Reels, stories, photos",
            "Lotte",
            "@veldhuisklimaat",
            "https://www.instagram.com/veldhuisklimaat",
        ),
        Channel(
            "YouTube",
            1,
            "Explainers that sales can send after a call",
            "Explain",
            "Prospects comparing heat pumps",
            "Explainer videos",
            "Lotte",
            "@veldhuisklimaat",
            "https://www.youtube.com/@veldhuisklimaat",
        ),
        Channel(
            "Newsletter",
            1,
            "Owned audience of 600 contacts",
            "Nurture and convert",
            "Clients and warm leads",
            "Monthly digest, offers",
            "Daan",
            "Veldhuis Nieuws",
            "https://veldhuis-klimaat.nl/nieuwsbrief",
        ),
    ]
    return [
        replace(c, slots=rules_text(parse_rules(slots[c.name])), slots_from=first_monday)
        for c in channels
    ]


PERSONAS = [
    Persona(
        "Facility manager Frank",
        "Facility manager, offices of 50-200 staff",
        "Lower energy costs without complaints from staff",
        "Cold mornings, hot afternoons, rising gas bills",
        "Fear of disruption during installation",
        "Energy label deadline, broken boiler",
        "Short how-to posts, checklists, case films",
        "Reads LinkedIn on the train at 7:30",
    ),
    Persona(
        "Owner-director Olga",
        "Owner of a practice or SME building",
        "A sound investment with a clear payback",
        "Too many conflicting offers",
        "Up-front cost",
        "Subsidy deadlines, a sustainability-minded client",
        "Project stories, subsidy overviews",
        "Evenings, on her phone",
    ),
    Persona(
        "Sustainability adviser Sven",
        "Independent energy consultant",
        "Reliable installers to recommend",
        "Installers who overpromise",
        "Unknown track record",
        "A client asking for an installer",
        "Technical explainers, data",
        "LinkedIn daily, YouTube for depth",
    ),
]

BEHAVIOUR = [
    OnlineBehaviour(1, LINKEDIN, True, Activity.HIGH, "weekdays 7:30-9:00"),
    OnlineBehaviour(1, YOUTUBE, True, Activity.MEDIUM, "lunch"),
    OnlineBehaviour(1, NEWSLETTER, True, Activity.HIGH, "Thursday morning"),
    OnlineBehaviour(1, INSTAGRAM, False, Activity.LOW, ""),
    OnlineBehaviour(2, LINKEDIN, True, Activity.MEDIUM, "evenings"),
    OnlineBehaviour(2, INSTAGRAM, True, Activity.MEDIUM, "evenings and weekends"),
    OnlineBehaviour(2, NEWSLETTER, True, Activity.MEDIUM, "weekend"),
    OnlineBehaviour(3, LINKEDIN, True, Activity.HIGH, "daily"),
    OnlineBehaviour(3, YOUTUBE, True, Activity.HIGH, "when researching"),
]


def _goals(monday: date) -> list[Goal]:
    quarter_end = monday + timedelta(days=76)
    """The last day of the current iteration (see ``_iterations``)."""
    return [
        Goal(
            "40 qualified leads from social media",
            "conversions",
            40,
            "leads",
            quarter_end,
            (LINKEDIN, NEWSLETTER),
        ),
        Goal(
            "LinkedIn engagement rate of at least 4%",
            "engagement rate (impressions)",
            4.0,
            "%",
            quarter_end,
            (LINKEDIN,),
        ),
        Goal(
            "Newsletter from 600 to 900 subscribers",
            "follower growth",
            50.0,
            "%",
            quarter_end,
            (NEWSLETTER,),
        ),
        Goal(
            "Social ROI of at least 150%",
            "social ROI",
            150.0,
            "%",
            quarter_end,
            (LINKEDIN, INSTAGRAM, YOUTUBE, NEWSLETTER),
        ),
    ]


PILLARS = [
    Pillar("Practical know-how", "Explain climate systems plainly", (SEE, THINK)),
    Pillar("Project stories", "Real buildings, real figures", (THINK, DO)),
    Pillar("Subsidies and costs", "Money questions answered", (THINK, DO)),
    Pillar("Behind the scenes", "The people and the craft", (SEE, CARE)),
    Pillar("Service and maintenance", "Keep customers' systems at their best", (CARE,)),
]


ACTIVITIES = [
    SocialActivity(
        "Project stories on LinkedIn",
        "A finished project each fortnight, with the facility manager's own words",
        ("Reference page on the website", "Sales follow-up calls"),
        (LINKEDIN,),
    ),
    SocialActivity(
        "Webinar 17 December: heat pumps for offices",
        "Invitations, reminders and the recording",
        ("Webinar landing page", "Newsletter invitation", "Trade fair Facilitair 2027"),
        (LINKEDIN, NEWSLETTER, YOUTUBE),
    ),
    SocialActivity(
        "Reels from the workshop",
        "Technicians show their craft; started in the pilot, not yet tied to anything",
        (),
        (INSTAGRAM,),
    ),
]


def _setup_tasks(monday: date) -> list[SetupTask]:
    done_long_ago = monday - timedelta(days=50)
    soon = monday + timedelta(days=7)
    return [
        SetupTask(
            LINKEDIN,
            "Company page created",
            "Lotte",
            done_long_ago,
            True,
            SetupArea.ACCOUNT,
        ),
        SetupTask(
            LINKEDIN,
            "Every team member's profile names Veldhuis",
            "Marieke",
            soon,
            area=SetupArea.PERSONAL,
            entries=("Marieke", "Joost", "Henk", "Lotte"),
        ),
        SetupTask(
            LINKEDIN,
            "Follow 30 facility-management pages",
            "Daan",
            done_long_ago,
            True,
            SetupArea.FOLLOW,
            ("Facility Management Nederland", "RVO", "TechniekNL", "Dutch Green Building Council"),
        ),
        SetupTask(
            LINKEDIN,
            "Join the groups facility managers talk in",
            "Joost",
            done_long_ago,
            True,
            SetupArea.CONVERSATIONS,
            ("Facilitair Management Nederland", "Duurzame Schoolgebouwen"),
        ),
        SetupTask(
            LINKEDIN,
            "Installer network shares our project stories",
            "Marieke",
            soon,
            area=SetupArea.PARTNERS,
            entries=("Warmtepomp Collectief Utrecht",),
        ),
        SetupTask(
            INSTAGRAM, "Business account created", "Daan", done_long_ago, True, SetupArea.ACCOUNT
        ),
        SetupTask(
            INSTAGRAM,
            "Technicians who want to, post from their own accounts",
            "Daan",
            soon,
            area=SetupArea.PERSONAL,
        ),
        SetupTask(
            YOUTUBE,
            "Channel created with playlists per persona",
            "Lotte",
            done_long_ago,
            True,
            SetupArea.ACCOUNT,
        ),
        SetupTask(
            NEWSLETTER,
            "Sign-up form on the website and under every post",
            "Lotte",
            done_long_ago,
            True,
            SetupArea.ACCOUNT,
        ),
        SetupTask(
            NEWSLETTER,
            "Content sources for the monthly digest",
            "Sanne",
            soon,
            area=SetupArea.SOURCES,
            entries=("RVO subsidy news", "Installatie.nl", "Our own project log"),
        ),
    ]


def _iterations(monday: date) -> list[Iteration]:
    start = monday - timedelta(days=14)
    return [
        Iteration(
            1,
            "Pilot",
            start - timedelta(days=91),
            start - timedelta(days=1),
            True,
            "LinkedIn project stories beat everything; Instagram reels cost too much "
            "time for the reach. Decision: one reel a fortnight.",
        ),
        Iteration(2, "Winter campaign", start, start + timedelta(days=90)),
    ]


def _items(monday: date, now: datetime, zone: ZoneInfo) -> tuple[ContentItem, ...]:
    items: list[ContentItem] = []
    for channel, posts in POSTS.items():
        slots = [
            (week, day, at)
            for week in range(FIRST_WEEK, FIRST_WEEK + WEEKS)
            for day, at in SLOTS[channel]
        ]
        for (title, stage, pillar, kind, cta), (week, day, at) in zip(posts, slots, strict=True):
            when_day = monday + timedelta(days=7 * week + day)
            if channel == INSTAGRAM and week == 0 and day == 5:
                when_day += timedelta(days=7)
            when = datetime.combine(when_day, at, tzinfo=zone)
            items.append(
                ContentItem(
                    title=title,
                    channel=channel,
                    stage=stage,
                    kind=kind,
                    cta=cta,
                    status=_status_for(when, now),
                    scheduled_at=when,
                    owner=OWNERS[channel],
                    pillar=pillar,
                    body=f"{title}. Written for our {_STAGE_AUDIENCE[stage]}.",
                    link="https://veldhuis-klimaat.nl/" if cta else "",
                    evergreen=pillar == KNOWHOW and kind is C,
                )
            )
    items.sort(key=lambda i: (i.scheduled_at, i.channel))
    return tuple(replace(item, id=n) for n, item in enumerate(items, start=1))


_STAGE_AUDIENCE = {
    SEE: "wide audience of building owners and users",
    THINK: "readers comparing options",
    DO: "readers ready to ask for an offer",
    CARE: "customers",
}


def _status_for(when: datetime, now: datetime) -> Status:
    ahead = when - now
    if ahead < timedelta(0):
        return Status.PUBLISHED
    if ahead < timedelta(days=4):
        return Status.SCHEDULED
    if ahead < timedelta(days=8):
        return Status.APPROVED
    if ahead < timedelta(days=12):
        return Status.IN_REVIEW
    if ahead < timedelta(days=18):
        return Status.DRAFT
    return Status.IDEA


def _results(items: tuple[ContentItem, ...], now: datetime) -> list[Result]:
    """Figures for published items, seeded so the demo is the same every time."""
    rng = random.Random(2026)
    reach_base = {LINKEDIN: 1400, INSTAGRAM: 600, YOUTUBE: 300, NEWSLETTER: 580}
    results = []
    for item in items:
        if item.status is not Status.PUBLISHED or item.scheduled_at is None:
            continue
        reach = int(reach_base[item.channel] * rng.uniform(0.6, 1.8))
        impressions = int(reach * rng.uniform(1.3, 2.0))
        clicks = int(impressions * rng.uniform(0.005, 0.03))
        day = item.scheduled_at.date()
        results.append(
            Result(
                period_start=day,
                period_end=day,
                item=item.id,
                channel=item.channel,
                reach=reach,
                impressions=impressions,
                engagements=int(impressions * rng.uniform(0.02, 0.07)),
                clicks=clicks,
                conversions=int(clicks * rng.uniform(0.0, 0.08)),
                ad_spend=round(rng.uniform(20, 90), 2),
                value=round(rng.uniform(600, 2400), 2) if item.cta else 0.0,
            )
        )
    return results


HOURLY_RATE = 55.0
HOURS_PER_WEEK = {LINKEDIN: 7.0, INSTAGRAM: 5.0, YOUTUBE: 2.5, NEWSLETTER: 1.5}


def _channel_results(monday: date, today: date) -> list[Result]:
    """Weekly figures per channel: the pilot's totals (before items were planned here),
    and from then on the team's hours, so the ROI counts staff time."""
    rng = random.Random(2025)
    start = monday - timedelta(days=14)
    pilot_start = start - timedelta(days=91)
    reach_base = {LINKEDIN: 3200, INSTAGRAM: 2400, YOUTUBE: 500, NEWSLETTER: 1900}
    results = []
    for week in range(13):
        first = pilot_start + timedelta(weeks=week)
        growth = 1 + week / 20
        for channel, base in reach_base.items():
            reach = int(base * growth * rng.uniform(0.8, 1.2))
            impressions = int(reach * rng.uniform(1.4, 1.9))
            clicks = int(impressions * rng.uniform(0.004, 0.012))
            results.append(
                Result(
                    period_start=first,
                    period_end=first + timedelta(days=6),
                    channel=channel,
                    reach=reach,
                    impressions=impressions,
                    engagements=int(impressions * rng.uniform(0.012, 0.03) * growth),
                    clicks=clicks,
                    conversions=int(clicks * rng.uniform(0.0, 0.08)),
                    ad_spend=round(rng.uniform(0, 60), 2),
                    hours=HOURS_PER_WEEK[channel] + 2,
                    hourly_rate=HOURLY_RATE,
                    value=round(rng.uniform(0, 900), 2),
                )
            )
    for week in range((today - start).days // 7 + 1):
        first = start + timedelta(weeks=week)
        for channel, hours in HOURS_PER_WEEK.items():
            followers = (640 + 31 * week, 671 + 31 * week) if channel == NEWSLETTER else (0, 0)
            results.append(
                Result(
                    period_start=first,
                    period_end=first + timedelta(days=6),
                    channel=channel,
                    followers_start=followers[0],
                    followers_end=followers[1],
                    tool_cost=12.5,
                    hours=hours,
                    hourly_rate=HOURLY_RATE,
                )
            )
    return results
