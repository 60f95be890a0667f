"""Event dates with a precision, resolved against the publication date.

"on Tuesday" is the last Tuesday on or before publication for past events (the next one for
announced ones); "last week", "two days ago", "earlier this month", "in March" are resolved the
same way, each with its precision (day, week, month, year). Without a date expression the
event takes the publication date. An event told as history ("18 years ago", "in 1988") is dated
at its own time by :func:`historical_date`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from dragoman.attributes.numbers import DIGIT_NUMBER, WORD_NUMBER, parse_number
from dragoman.nlp import entities
from dragoman.records import DatePrecision, Modality

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_AGO = re.compile(
    rf"\b(?P<n>{DIGIT_NUMBER}|{WORD_NUMBER}|a|an)\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<dir>ago|from now)\b"
)
_UNIT_DAYS = {"day": 1, "week": 7}
_PRECISION: dict[str, DatePrecision] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}


def _weekday_date(base: dt.date, weekday: int, future: bool) -> dt.date:
    if future:
        return base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
    return base - dt.timedelta(days=(base.weekday() - weekday) % 7)


def _shift_months(base: dt.date, months: int) -> dt.date:
    index = base.year * 12 + base.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@functools.cache
def _dateparser_settings(base: str, future: bool) -> dict[str, object]:
    return {
        "RELATIVE_BASE": dt.datetime.fromisoformat(base),
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": [],
    }


def _distance(a: Token, b: Token) -> int:
    """Tree distance between two tokens of one sentence."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            return n + ids_b[t.i]
    return 99


def relative_date(text: str, base: dt.date, future: bool) -> tuple[str, DatePrecision] | None:
    """A relative date expression (not a calendar date) resolved against ``base``."""
    low = " ".join(text.lower().split())
    ago = _AGO.search(low)
    if ago:
        n = parse_number(ago.group("n")) or 1.0
        unit = ago.group("unit")
        sign = 1 if ago.group("dir") == "from now" else -1
        if unit in _UNIT_DAYS:
            day = base + dt.timedelta(days=sign * n * _UNIT_DAYS[unit])
            return day.isoformat(), _PRECISION[unit]
        if unit == "month":
            return _shift_months(base, sign * int(n)).isoformat(), "month"
        return f"{base.year + sign * int(n):04d}-01-01", "year"
    for i, name in enumerate(_WEEKDAYS):
        if name in low:
            ahead = future or "next" in low
            day = _weekday_date(base, i, ahead)
            if "last" in low and not ahead and day == base:
                day -= dt.timedelta(days=7)
            return day.isoformat(), "day"
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return base.isoformat(), "day"
    if low in ("yesterday", "last night") or low.startswith("yesterday "):
        return (base - dt.timedelta(days=1)).isoformat(), "day"
    if low == "tomorrow" or low.startswith("tomorrow "):
        return (base + dt.timedelta(days=1)).isoformat(), "day"
    shift = -1 if re.search(r"\b(last|past|previous)\b", low) else 1 if "next" in low else 0
    if "weekend" in low:
        saturday = _weekday_date(base, 5, future or shift > 0)
        return (saturday + dt.timedelta(days=7 * min(shift, 0))).isoformat(), "day"
    if "week" in low:
        return (base + dt.timedelta(days=7 * shift)).isoformat(), "week"
    if "month" in low and (shift or re.search(r"\b(this|earlier|later)\b", low)):
        return _shift_months(base, shift).isoformat(), "month"
    if "year" in low and (shift or re.search(r"\b(this|earlier|later)\b", low)):
        return f"{base.year + shift:04d}-01-01", "year"
    return None


def event_date(
    doc: Doc, published: str | None, modality: Modality, trigger: Token | None = None
) -> tuple[str | None, DatePrecision | None]:
    """The event's date and its precision, from the DATE entity nearest the trigger in the
    parse, relative to publication."""
    if not published:
        return None, None
    try:
        base = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None, None
    future = modality == "intent"
    ents = [e for e in entities(doc) if e.label_ == "DATE"]
    if trigger is not None:
        ents.sort(key=lambda e: _distance(e.root, trigger))
    for ent in ents:
        low = ent.text.lower().strip()
        has_month = any(m in low for m in _MONTHS) or any(m[:3] + " " in low + " " for m in _MONTHS)
        year = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
        if not (has_month or year):
            found = relative_date(low, base, future)
            if found is not None:
                return found
            continue
        has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", low))
        import dateparser

        parsed = dateparser.parse(
            ent.text, languages=["en"], settings=_dateparser_settings(base.isoformat(), future)
        )
        if parsed is None:
            continue
        gap = (parsed.date() - base).days
        if (gap > 7 and not future) or gap < -366:
            # "the 1953 armistice", "the 2024 summit" in a 2018 story: a reference to another
            # time, not when this event happened.
            continue
        if has_month and has_day and not (year and re.fullmatch(r"\D*\d{4}\D*", low)):
            return parsed.date().isoformat(), "day"
        if has_month:
            return parsed.date().isoformat()[:8] + "01", "month"
        return f"{parsed.year:04d}-01-01", "year"
    return base.isoformat(), "day"


_YEARS_AGO = re.compile(rf"\b({DIGIT_NUMBER}|{WORD_NUMBER}|a)\s+years?\s+ago\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _attached(ent_root: Token, trigger: Token) -> bool:
    """Is the date said of the trigger itself ("expelled them 18 years ago", "attacked in
    1988"), not of a noun phrase around it ("the war that began in 1953")?"""
    cur = ent_root
    for _ in range(4):
        if cur.i == trigger.i:
            return True
        if cur.dep_ in ("relcl", "acl", "appos") or cur.head.i == cur.i:
            return False
        if cur.dep_ == "pobj" and cur.head.head.pos_ == "NOUN" and cur.head.head.i != trigger.i:
            return False
        cur = cur.head
    return cur.i == trigger.i


def historical_date(
    doc: Doc, published: str | None, trigger: Token
) -> tuple[str, DatePrecision] | None:
    """The date of an event told as past history: a date expression on the trigger more than a
    year before publication ("18 years ago", "in 1988", "in March 1990")."""
    if not published:
        return None
    try:
        base = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    for ent in entities(doc):
        if ent.label_ != "DATE" or not _attached(ent.root, trigger):
            continue
        low = ent.text.lower()
        if ent.end < len(doc) and doc[ent.end].lower_ == "after":
            low = f"{low} ago"  # "18 years after Washington invaded the country"
        ago = _YEARS_AGO.search(low)
        if ago:
            n = parse_number(ago.group(1)) or 1
            if n >= 2:
                return f"{base.year - int(n):04d}-01-01", "year"
            continue
        year = _YEAR.search(low)
        if year and int(year.group(1)) < base.year - 1:
            month = next((i for i, m in enumerate(_MONTHS, 1) if m in low), None)
            if month is not None:
                return f"{int(year.group(1)):04d}-{month:02d}-01", "month"
            return f"{int(year.group(1)):04d}-01-01", "year"
    return None
