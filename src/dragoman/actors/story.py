"""The story's country: a document-level default for domestic agents named without one.

"Police arrested two men", "the army said", "prosecutors charged him": an agent with a sector
and no country takes the country the story is about, decided once per document from three
kinds of evidence, each kept in the decision so that it can be shown:

* the dateline ("KABUL (Reuters) -", "PORTLAND, Maine —"): where the story was filed;
* the countries named in the text (country names, adjectives, capitals, leaders, groups of
  one country), each mention counted;
* the publisher (a country in its name, "The Moscow Times", or its web address's country
  domain, ``.co.uk``).

The rule, in order: the dateline's country, unless another country is named at least
:data:`OUTWEIGH` times as often (and at least :data:`MIN_NAMED` times); else the most named
country, if named at least :data:`MIN_NAMED` times and :data:`OUTWEIGH` times as often as the
next one; else the publisher's country when the text names no country at all. Otherwise the
story has no single country and the agents stay uncoded. Only state agents take the story's
country (:data:`DOMESTIC_SECTORS`): rebels, gunmen, pirates and crowds are as often foreign or
of no country, and a country named once ("a Saudi warship", "a UK-based group") is as often
the other party as the agents' own.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from dragoman.actors import tables
from dragoman.actors.lexicon import ActorLexicon
from dragoman.records import Actor, Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

EvidenceKind = Literal["dateline", "named", "publisher"]

# Sectors of agents that belong to the story's country when no country is named with them.
DOMESTIC_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
OUTWEIGH = 2  # how many times as often a country must be named to outweigh another
MIN_NAMED = 2  # mentions of a country needed for it to be the story's by naming alone
_HEAD_CHARS = 400  # the dateline is looked for in the first lines of the text

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.' ]{1,30}?))?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?P<agency>\([A-Za-z .&-]{1,30}\))?\s*(?:-{1,2}|—|–|:)\s+\S",
    re.MULTILINE,
)
# second-level labels under a country domain that say nothing more (".co.uk", ".com.au")
_GENERIC_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "news"})
_TLD_ALIASES = {"uk": "GB"}


@dataclass(frozen=True, slots=True)
class CountryEvidence:
    """One piece of evidence for the story's country."""

    kind: EvidenceKind
    code: str  # ISO3
    text: str  # what was read: "KABUL", "The Moscow Times", "Russia"
    count: int = 1  # mentions of the country (kind "named")


@dataclass(frozen=True, slots=True)
class StoryCountry:
    """The decision: a country (or none) and the evidence that chose it."""

    code: str | None
    reason: str  # which rule decided, in words
    evidence: tuple[CountryEvidence, ...]

    def explain(self) -> str:
        seen = "; ".join(
            f"{e.kind} {e.text!r} -> {e.code}" + (f" x{e.count}" if e.kind == "named" else "")
            for e in self.evidence
        )
        return f"story country {self.code or '-'}: {self.reason}" + (f" ({seen})" if seen else "")


def dateline_country(text: str, lexicon: ActorLexicon) -> CountryEvidence | None:
    """The country of a dateline at the start of one of the first lines of ``text``."""
    for match in _DATELINE.finditer(text[:_HEAD_CHARS]):
        place = match.group("place").strip()
        region = (match.group("region") or "").strip()
        if not (place.isupper() or match.group("agency") or region):
            continue  # "Police - who ..." is no dateline: a dateline is in capitals or has more
        for name in (region, place):
            entry = lexicon.place(name) if name else None
            if entry is not None and entry.country:
                return CountryEvidence("dateline", entry.country, match.group(0).strip()[:60])
    return None


def publisher_country(
    publisher: str | None, url: str | None, lexicon: ActorLexicon
) -> CountryEvidence | None:
    """A country named in the publisher's name, else its web address's country domain."""
    if publisher:
        for _s, _e, entry in lexicon.match(publisher.split()):
            if entry.kind == "country" and entry.code and len(entry.code) == 3:
                return CountryEvidence("publisher", entry.code, publisher)
    host = urlsplit(url).hostname if url else None
    if host:
        labels = host.lower().split(".")
        tld = labels[-1]
        iso2 = _TLD_ALIASES.get(tld, tld.upper())
        codes = {row.iso2: row.iso3 for row in tables.countries()}
        if len(tld) == 2 and iso2 in codes:
            return CountryEvidence("publisher", codes[iso2], host)
    return None


def named_countries(
    sentences: Sequence[Sequence[str]], lexicon: ActorLexicon, date: str | None
) -> Counter[str]:
    """How many times each country is named (through any actor of one country)."""
    countries = {row.iso3 for row in tables.countries()}
    counts: Counter[str] = Counter()
    for words in sentences:
        counts.update(
            entry.code for _s, _e, entry in lexicon.match(words, date) if entry.code in countries
        )
    return counts


def decide(
    dateline: CountryEvidence | None,
    named: Counter[str],
    publisher: CountryEvidence | None,
    country_name: Callable[[str], str | None] = lambda code: code,
) -> StoryCountry:
    """Apply the rule of the module doc to the evidence."""
    ranked = named.most_common()
    evidence: list[CountryEvidence] = [
        CountryEvidence("named", code, country_name(code) or code, n) for code, n in ranked[:3]
    ]
    if dateline is not None:
        evidence.insert(0, dateline)
    if publisher is not None:
        evidence.append(publisher)
    keep = tuple(evidence)
    if dateline is not None:
        rival = next(((c, n) for c, n in ranked if c != dateline.code), None)
        own = named.get(dateline.code, 0)
        if rival is None or rival[1] < max(MIN_NAMED, OUTWEIGH * own):
            return StoryCountry(dateline.code, "the dateline", keep)
        return StoryCountry(None, "the dateline is outweighed by another country named", keep)
    if ranked:
        top, n = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if n >= MIN_NAMED and n >= OUTWEIGH * second:
            return StoryCountry(top, "the country the text names most", keep)
        return StoryCountry(None, "several countries named, none clearly most", keep)
    if publisher is not None:
        return StoryCountry(publisher.code, "the publisher (no country named)", keep)
    return StoryCountry(None, "no dateline, no country named, no publisher country", keep)


def story_country(
    text: str,
    sentences: Sequence[Sequence[str]],
    lexicon: ActorLexicon,
    *,
    date: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> StoryCountry:
    """The story's country of a document: its text, its sentences' words, its publisher."""
    return decide(
        dateline_country(text, lexicon),
        named_countries(sentences, lexicon, date),
        publisher_country(publisher, url, lexicon),
        lexicon.country_name,
    )


def article_country(article: Article, docs: Sequence[Doc], lexicon: ActorLexicon) -> StoryCountry:
    """:func:`story_country` of an article and its parsed sentences."""
    return story_country(
        article.text,
        [[t.text for t in doc] for doc in docs],
        lexicon,
        date=article.date,
        publisher=article.publisher,
        url=article.url,
    )


def needs_country(actor: Actor, lexicon: ActorLexicon) -> bool:
    """A domestic agent named without a country ("police", "the army", "prosecutors"): its
    last word is an agent noun of a state sector ("joint military exercises" and "a state of
    emergency" are no agents), and no word marks it as foreign ("international forces")."""
    if actor.code is not None or actor.sector not in DOMESTIC_SECTORS:
        return False
    words = [w.strip(".,;:'\"()[]").lower() for w in actor.text.replace("-", " ").split()]
    words = [w for w in words if w]
    if not words or set(words) & tables.foreign_markers():
        return False
    ends = [sector for _s, e, sector in lexicon.sector_phrase(words) if e == len(words)]
    return bool(ends) and ends[-1] in DOMESTIC_SECTORS


def with_story_country(
    events: list[Event], decide_country: Callable[[], StoryCountry], lexicon: ActorLexicon
) -> list[Event]:
    """The events with their country-less domestic agents given the story's country.

    ``decide_country`` is called only when some event has such an agent; events are returned
    unchanged when the story has no single country.
    """
    if not any(needs_country(a, lexicon) for e in events for a in (*e.source, *e.target)):
        return events
    decision = decide_country()
    log.debug("%s", decision.explain())
    if decision.code is None:
        return events
    code = decision.code

    def fill(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
        return tuple(
            dataclasses.replace(a, code=code) if needs_country(a, lexicon) else a for a in actors
        )

    out: list[Event] = []
    for event in events:
        source, target = fill(event.source), fill(event.target)
        if source == event.source and target == event.target:
            out.append(event)
            continue
        out.append(dataclasses.replace(event, source=source, target=target))
    return out
