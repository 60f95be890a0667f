"""Sentence case for headlines, so that the tagger reads them like running text.

spaCy's small English pipeline reads "Obama Meets Merkel In Berlin" or "RUSSIA AND CHINA SIGN
GAS DEAL" as one long proper name and finds no verb. :func:`sentence_case` rewrites such a
headline the way a sub-editor would write it in a sentence: words the actor tables know as
names keep (or get back) their written form ("US", "NATO", "Merkel"), common words (function
words and the coder's trigger and sector vocabulary) are lower-cased, and other words keep an
initial capital. The text keeps its length, so character offsets into the article stay valid.
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Words that title case leaves in lower case.
_MINOR_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via vs v s t".split()
)
_LONG_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
# Common in headlines but not trigger words of the coder.
_HEADLINE_WORDS = frozenset(
    """says said new deal talks over amid after ahead dead killed kills die dies toll
    vote votes poll polls row bid plan plans chief head leader leaders top state states
    official officials minister ministers president premier envoy troops forces army police
    rebels militants protesters people crisis war peace gas oil border trade nuclear""".split()
)


@functools.cache
def _names() -> dict[str, str]:
    """Lower-cased words of the names in the actor tables, with their written form."""
    from dragoman.actors import tables

    phrases: list[str] = []
    for c in tables.countries():
        phrases += [c.name, *c.aliases, *c.adjectives, *c.demonyms, c.capital]
        phrases += list(c.capital_aliases)
    for o in tables.organisations():
        phrases += [o.name, *o.aliases]
    for m in tables.metonyms():
        phrases.append(m.phrase)
    for p in tables.leaders():
        phrases += [p.name, *p.aliases, *p.surnames]
    from spacy.lang.en.stop_words import STOP_WORDS

    out: dict[str, str] = {}
    for phrase in phrases:
        for word in _WORD.findall(phrase):
            # a capitalised word of a name: "US", "Merkel", "Bank" in "West Bank"; not a
            # function word ("The Gambia", "Moon Jae-In") unless an acronym ("US")
            if len(word) < 2 or not word[0].isupper():
                continue
            if word.lower() in STOP_WORDS and not word.isupper():
                continue
            out.setdefault(word.lower(), word)
    return out


@functools.cache
def _first_names() -> frozenset[str]:
    """First names of the leaders table: the next word is a surname, even "May"."""
    from dragoman.actors import tables

    return frozenset(p.name.split()[0].lower() for p in tables.leaders() if " " in p.name)


@functools.cache
def _common() -> frozenset[str]:
    """Words to write in lower case: function words and the coder's own vocabulary."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from dragoman.actors import tables
    from dragoman.events.patterns import default_patterns

    index = default_patterns()
    words = set(STOP_WORDS) | set(index.verbs) | set(index.nouns) | _HEADLINE_WORDS
    for row in tables.sectors():
        words.update(row.phrase.split())
    return frozenset(w for w in words if w.isalpha())


def _stems(low: str) -> tuple[str, ...]:
    out = [low]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            out.append(low[: len(low) - len(suffix)] + repl)
    if low.endswith("ing") and len(low) > 6:
        out += [low[:-3], low[:-3] + "e"]
    return tuple(out)


def headline_kind(text: str) -> str | None:
    """ "caps" for an all-capitals headline, "title" for a title-case one, else None."""
    letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    if len(letters) < 12:
        return None
    if sum(ch.isupper() for ch in letters) / len(letters) >= 0.7:
        return "caps"
    words = _WORD.findall(text)
    # Title case capitalises every word but short function words ("Obama Meets Merkel In
    # Berlin"); running text has lower-case verbs even among names ("... Lavrov met ...").
    lower = [w for w in words if not w[0].isupper() and w.lower() not in _MINOR_WORDS]
    if len(_LONG_WORD.findall(text)) >= 3 and not lower:
        return "title"
    return None


def sentence_case(text: str) -> str:
    """The headline in sentence case (the text itself when it is not a headline)."""
    kind = headline_kind(text)
    if kind is None:
        return text
    names, common, first_names = _names(), _common(), _first_names()
    parts: list[str] = []
    last = 0
    after_name = False
    for number, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        low = word.lower()
        if low in names and (kind == "caps" or word[0].isupper()):
            new = names[low]
        elif number == 0 or (after_name and word[0].isupper()):  # "Theresa May"
            new = word[0].upper() + word[1:].lower()
        elif any(s in common for s in _stems(low)):
            new = low
        elif kind == "caps":
            new = word[0].upper() + word[1:].lower()
        else:
            new = word
        if len(new) != len(word):
            new = word
        after_name = low in first_names
        parts.append(text[last : match.start()])
        parts.append(new)
        last = match.end()
    parts.append(text[last:])
    out = "".join(parts)
    return out if len(out) == len(text) else text
