"""Event attributes: date (with precision), location, quantities and confidence.

Dates are resolved from the sentence's DATE entities relative to the article's publication
date ("on Tuesday" is the last Tuesday on or before publication for past events, the next one for
announced ones); without a date expression the event takes the publication date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from dragoman.nlp import entities
from dragoman.records import DatePrecision, Location, Modality, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dragoman.actors import ActorLexicon

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozens": 24,
    "dozen": 12,
    "hundreds": 200,
    "thousands": 2000,
    "scores": 40,
    "a": 1,
    "an": 1,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9}
_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
_MONEY = re.compile(
    r"(?P<cur>[$€£¥])\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|trillion|mln|bn)?"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?P<scale2>thousand|million|billion|trillion)?\s*"
    r"(?P<unit>dollars|euros|pounds|yuan|rubles|roubles|yen|rupees)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.IGNORECASE)
_CASUALTY = re.compile(
    rf"(?:at least |more than |nearly |about |some |over )?(?P<num>{_NUMBER})\s+"
    r"(?:[a-z-]+\s+){0,3}?(?P<noun>people|persons|civilians|soldiers|troops|police(?:men|officers)?|"
    r"officers|protesters|demonstrators|militants|rebels|fighters|children|students|journalists|"
    r"activists|members|villagers|workers|men|women|refugees|migrants|prisoners|dead|wounded|injured)"
    r"(?P<rest>[^.;]{0,40})",
    re.IGNORECASE,
)
_DEAD_CUES = ("kill", "dead", "death", "died", "die")
_INJURED_CUES = ("injur", "wound", "hurt")
_ARREST_CUES = ("arrest", "detain", "jail", "custody", "round")


def _num(text: str) -> float | None:
    t = text.lower().replace(",", "")
    if t in _NUM_WORDS:
        return float(_NUM_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


def quantities(sentence: str) -> tuple[Quantity, ...]:
    """Money, percentages and counts of dead, injured, arrested or people in a sentence."""
    out: list[Quantity] = []
    for m in _MONEY.finditer(sentence):
        num = _num(m.group("num") or m.group("num2") or "")
        if num is None:
            continue
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        unit = m.group("cur") or m.group("unit")
        unit_norm = {
            "$": "USD",
            "€": "EUR",
            "£": "GBP",
            "¥": "JPY",
            "dollars": "USD",
            "euros": "EUR",
            "pounds": "GBP",
        }.get((unit or "").lower(), unit)
        out.append(Quantity("money", num * _SCALE.get(scale, 1.0), unit_norm, m.group(0).strip()))
    for m in _PERCENT.finditer(sentence):
        out.append(Quantity("percent", float(m.group("num")), "%", m.group(0)))
    for m in _CASUALTY.finditer(sentence):
        num = _num(m.group("num"))
        if num is None:
            continue
        window = (sentence[max(0, m.start() - 40) : m.start()] + m.group(0)).lower()
        noun = m.group("noun").lower()
        if noun == "dead" or any(c in window for c in _DEAD_CUES):
            kind = "dead"
        elif noun in ("wounded", "injured") or any(c in window for c in _INJURED_CUES):
            kind = "injured"
        elif any(c in window for c in _ARREST_CUES):
            kind = "arrested"
        else:
            kind = "people"
        text = (m.group(0)[: m.end("noun") - m.start()]).strip()
        out.append(Quantity(kind, num, None, text))  # type: ignore[arg-type]
    return tuple(out)


def _weekday_date(base: dt.date, weekday: int, future: bool) -> dt.date:
    delta = (base.weekday() - weekday) % 7
    if future:
        return base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
    return base - dt.timedelta(days=delta)


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
        for i, name in enumerate(_WEEKDAYS):
            if name in low:
                return _weekday_date(base, i, future).isoformat(), "day"
        if low in ("today", "tonight"):
            return base.isoformat(), "day"
        if low == "yesterday":
            return (base - dt.timedelta(days=1)).isoformat(), "day"
        if low == "tomorrow":
            return (base + dt.timedelta(days=1)).isoformat(), "day"
        if "week" in low:
            shift = -7 if "last" in low or "past" in low else 7 if "next" in low else 0
            return (base + dt.timedelta(days=shift)).isoformat(), "week"
        if "month" in low and ("this" in low or "last" in low or "next" in low):
            shift = -30 if "last" in low else 30 if "next" in low else 0
            return (base + dt.timedelta(days=shift)).isoformat()[:8] + "01", "month"
        if "year" in low and ("this" in low or "last" in low or "next" in low):
            shift = -1 if "last" in low else 1 if "next" in low else 0
            return f"{base.year + shift:04d}-01-01", "year"
        has_month = any(m in low for m in _MONTHS) or any(m[:3] + " " in low + " " for m in _MONTHS)
        has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", low))
        year = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
        if not (has_month or year):
            continue
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


_YEARS_AGO = re.compile(
    r"\b(\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?\s+ago\b"
)
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
            n = _num(ago.group(1)) or 1
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


# Common nouns that name places ("the Syrian town", "the capital Kabul").
PLACE_NOUNS = frozenset(
    """village town city district province region area neighbourhood neighborhood suburb
    port harbour harbor coast island border outpost territory capital countryside
    camp hospital school market""".split()
)

# Nouns for a state of affairs whose modifier names its place or sides ("Iran unrest",
# "the Mali ambush"), never the attacker.
SITUATION_NOUNS = frozenset(
    "unrest violence clash clashes fighting riot riots ambush conflict war turmoil crisis".split()
)


def event_location(doc: Doc, lexicon: ActorLexicon, trigger: Token) -> Location | None:
    """The place where the event happened: a GPE/LOC named after in/near/at, else any."""
    candidates: list[tuple[int, bool, str, bool]] = []
    subtree = {t.i for t in trigger.subtree}
    for ent in entities(doc):
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        root = ent.root
        while root.dep_ in ("appos", "compound", "conj") and root.head.i != root.i:
            if (
                root.dep_ == "compound"
                and root.head.pos_ != "PROPN"
                and root.head.lemma_.lower() not in PLACE_NOUNS | SITUATION_NOUNS
            ):
                break  # "in a U.S. drone strike" names the striker, not the place
            root = root.head  # "in the capital Kabul"
        prep = root.head if root.dep_ == "pobj" else None
        if (
            prep is not None
            and prep.lower_ == "of"
            and prep.head.lemma_.lower() in PLACE_NOUNS
            and prep.head.dep_ == "pobj"
        ):
            prep = prep.head.head  # "in the Kenyan town of Garissa"
        score = 2 if prep is not None and prep.lower_ in ("in", "near", "at", "outside") else 0
        if root.head.i == trigger.i or (prep is not None and prep.head.i == trigger.i):
            score += 2
        locative = prep is not None and prep.lower_ in ("in", "near", "at", "outside")
        if ent.root.i in subtree:
            score += 3
        # "warned that the United States would pay": a subject or object is an actor
        acting = root.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "poss")
        candidates.append((score, locative, ent.text, acting))
    for _score, locative, name, acting in sorted(candidates, key=lambda c: -c[0]):
        if acting and not locative:
            continue
        place = lexicon.place(name)
        if place is None:
            continue
        # A bare country named without "in/near/at" is usually an actor, not the place.
        if (
            not locative
            and lexicon.match([name])
            and place.name == lexicon.country_name(place.country or "")
        ):
            continue
        return Location(place.name, place.country, place.lat, place.lon)
    return None


def confidence(
    *,
    kind: str,
    specificity: int,
    has_source: bool,
    has_target: bool,
    coded_source: bool,
    modality: Modality,
    pronoun: bool,
) -> float:
    """A 0..1 score for how likely the event is right, from how it was found."""
    score = 0.7 if kind == "verb" else 0.55
    score += min(specificity, 4) * 0.03
    score += 0.1 if coded_source else (0.0 if has_source else -0.25)
    score += 0.05 if has_target else 0.0
    if modality == "hypothetical":
        score -= 0.15
    if pronoun:
        score -= 0.05
    return round(max(0.05, min(0.99, score)), 2)
