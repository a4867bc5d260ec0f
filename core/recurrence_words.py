"""The words of spoken repeat rules, in English and Dutch: a table, apart from the parser
that reads them (``recurrence``)."""

from __future__ import annotations

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_WORDS = {name: n for n, name in enumerate(WEEKDAYS)} | {
    "monday": 0,
    "tues": 1,
    "tuesday": 1,
    "wednesday": 2,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

SPOKEN_IN_DUTCH = {
    "daily": "dagelijks",
    "weekly": "wekelijks",
    "monthly": "maandelijks",
    "every": "elke",
    "other": "andere",
    "day": "dag",
    "days": "dagen",
    "week": "week",
    "weeks": "weken",
    "month": "maand",
    "months": "maanden",
    "mon": "ma",
    "tue": "di",
    "wed": "wo",
    "thu": "do",
    "fri": "vr",
    "sat": "za",
    "sun": "zo",
    "last": "laatste",
    "until": "tot",
    "count": "aantal",
    "times": "keer",
    "weekdays": "werkdagen",
    "weekends": "weekenden",
}
"""How a rule is said in Dutch, word for word: ``describe`` says it so, and ``parse_rules``
reads Dutch as well as English (``di do 09:00``, ``werkdagen 08:30``, ``elke 2 weken``)."""
FROM_DUTCH = {dutch: english for english, dutch in SPOKEN_IN_DUTCH.items()} | {
    "maandag": "mon",
    "dinsdag": "tue",
    "woensdag": "wed",
    "donderdag": "thu",
    "vrijdag": "fri",
    "zaterdag": "sat",
    "zondag": "sun",
    "iedere": "every",
    "weekend": "weekends",
    "om": "at",
    "op": "on",
    "en": "and",
    "de": "the",
    "van": "of",
    "keren": "times",
}
