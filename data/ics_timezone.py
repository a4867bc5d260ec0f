"""A VTIMEZONE in the RRULE form (RFC 5545 3.6.5): a zone's daylight-saving rule as a
yearly rule, not a list of dates.

icalendar writes a zone as RDATE lists over given years; vobject-based readers (Radicale
among them) read summer posts an hour off from such a zone, and posts after its last year
have no rule at all. The RRULE form holds for every year the zone's rule holds. It is
derived from the zone's own transitions, and written only when every transition from the
year before the first post to the year of the last follows it; a zone whose rules changed
in those years is written in icalendar's form instead.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from socialplan.core.frozen import frozen

RFC_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@frozen
class Transition:
    """A change of a zone's offset: when (UTC), and the offsets and name around it."""

    at: datetime
    before: timedelta
    after: timedelta
    name: str
    daylight: bool

    @property
    def local(self) -> datetime:
        """The wall-clock moment of the change, in the offset it leaves (as DTSTART)."""
        return (self.at + self.before).replace(tzinfo=None)

    def rule(self) -> tuple[int, str]:
        """(month, BYDAY) of the change: '-1SU' for the last Sunday, '2SU' the second."""
        day = self.local.date()
        last = day.day + 7 > calendar.monthrange(day.year, day.month)[1]
        ordinal = -1 if last else (day.day - 1) // 7 + 1
        return day.month, f"{ordinal}{RFC_DAYS[day.weekday()]}"

    def shape(self) -> tuple[object, ...]:
        return (*self.rule(), self.local.time(), self.before, self.after, self.name)


def transitions(zone: ZoneInfo, year: int) -> list[Transition]:
    """The zone's offset changes in ``year``, found day by day and then to the minute."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    while moment < end:
        following = moment + timedelta(days=1)
        if _offset(zone, moment) != _offset(zone, following):
            found.append(_refined(zone, moment, following))
        moment = following
    return found


def _offset(zone: ZoneInfo, moment: datetime) -> timedelta:
    return moment.astimezone(zone).utcoffset() or timedelta(0)


def _refined(zone: ZoneInfo, low: datetime, high: datetime) -> Transition:
    before = _offset(zone, low)
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if _offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    high = high.replace(second=0, microsecond=0)
    local = high.astimezone(zone)
    daylight = bool(local.dst())
    return Transition(high, before, _offset(zone, high), local.tzname() or "", daylight)


def vtimezone(name: str, first: date, last: date) -> Timezone:
    """The zone for events from ``first`` to ``last``: in the RRULE form where its rule
    holds over those years, else in icalendar's RDATE form."""
    zone = ZoneInfo(name)
    years = range(first.year - 1, last.year + 1)
    per_year = [transitions(zone, year) for year in years]
    component = Timezone()
    component.add("tzid", name)
    if not any(per_year):
        standard = TimezoneStandard()
        offset = _offset(zone, datetime(first.year, 1, 1, tzinfo=UTC))
        standard.add("dtstart", datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", datetime(first.year, 1, 1, tzinfo=zone).tzname() or name)
        component.add_component(standard)
        return component
    shapes = {tuple(t.shape() for t in year) for year in per_year}
    if len(shapes) != 1 or len(per_year[0]) != 2:
        return Timezone.from_tzinfo(zone, first_date=date(first.year, 1, 1), last_date=last)
    for change in per_year[0]:
        observance = TimezoneDaylight() if change.daylight else TimezoneStandard()
        month, byday = change.rule()
        observance.add("dtstart", change.local)
        observance.add("tzoffsetfrom", change.before)
        observance.add("tzoffsetto", change.after)
        observance.add("tzname", change.name)
        observance.add("rrule", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": byday})
        component.add_component(observance)
    return component
