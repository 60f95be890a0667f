"""Convert the PETRARCH2 / Phoenix dictionaries into the packaged actor tables.

    python -m dragoman.actors.convert PETRARCH2_DIR [--out DIR]

reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt`` and ``Phoenix.agents.txt`` (Open Event Data Alliance, MIT)
with the lenient PETRARCH reader of :mod:`dragoman.actors.userdict`, and writes
``phoenix_actors.tsv`` and ``phoenix_agents.tsv`` under ``data/``. The output depends only on
the input files and the project's own tables, so a rerun gives the same bytes.

Merged with the project's tables, which win on a conflict:

* a name (folded, lower-cased) that one of our tables already has is left out of a Phoenix
  organisation, group or institution; an entry with no name left is dropped;
* people keep all their names: the lexicon resolves a name our leaders table also holds to our
  leader, and before our first term to a Phoenix dated role held that day;
* an agent noun that ``sectors.tsv`` has is dropped (our sector wins), and so is one whose
  head noun names no person or body of people (``phoenix_agents_skip.txt``: places,
  buildings, vehicles, publications, abstractions); civilian agents (``CVL``: "ethnic
  minority", "indigenous people", "hiker") are left out too, because the coder reads a group
  named with a country and no sector as a political actor and a civilian as a private party,
  and which group nouns are civilians is decided by ``sectors.tsv``;
* a one-word name that is also an English word (the spaCy pipeline's lemma index: "YOUTH",
  "SENATE") is left out;
* country entries (a bare country code: spellings, cities and provinces of a country) are not
  converted: ``countries.tsv`` and the place index cover countries and places.

Dated codes keep their dates (``[USAGOV 20090120-20170120]``); names are kept as written
(capitals, matched case-insensitively as proper names). Names lose parenthesised acronyms
(``(AAIA)``), quotes and a leading "THE" (names are matched without their article).
"""

from __future__ import annotations

import argparse
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dragoman.actors import tables
from dragoman.actors.phrases import key, singular
from dragoman.actors.userdict import (
    ORG_PREFIXES,
    SECTORS,
    DatedCode,
    UserActor,
    UserDictionary,
    parse_petrarch,
)
from dragoman.errors import DictionaryError

log = logging.getLogger(__name__)

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
ACTORS_TABLE = "phoenix_actors.tsv"
AGENTS_TABLE = "phoenix_agents.tsv"
CREDIT = "Open Event Data Alliance, PETRARCH2 / Phoenix dictionaries (MIT licence)"

_PARENS = re.compile(r"\([^()]*\)")
_JUNK = re.compile(r"[\"()\[\]{}<>!+=;*]")


@dataclass(frozen=True, slots=True)
class Converted:
    """The two tables as text, and what was kept and dropped (by reason)."""

    actors: str
    agents: str
    counts: dict[str, int]

    def files(self) -> dict[str, str]:
        return {ACTORS_TABLE: self.actors, AGENTS_TABLE: self.agents}


def clean_name(raw: str) -> str | None:
    """A dictionary name as matched: no parenthesised acronym, no quotes, single spaces."""
    text = _PARENS.sub(" ", raw)
    text = _JUNK.sub(" ", text)
    text = " ".join(text.replace("_", " ").split()).strip(" -,.'")
    if text.upper().startswith("THE ") and len(text.split()) > 2:
        text = text[4:]  # "THE ISLAMIC STATE": the matcher reads names without their article
    if sum(c.isalpha() for c in text) < 2 or any(c.isdigit() for c in text):
        return None
    return text.upper()


def format_code(code: DatedCode) -> str:
    """``CUBGOV 20090401-``, PETRARCH's bracket syntax with full dates and no brackets."""
    text = f"{code.code or ''}{code.sector or ''}"
    start = code.start.replace("-", "") if code.start else ""
    end = code.end.replace("-", "") if code.end else ""
    if start and end:
        return f"{text} {start}-{end}"
    if start:
        return f"{text} >{start}"
    if end:
        return f"{text} <{end}"
    return text


def our_names() -> frozenset[str]:
    """Folded keys of every name our own tables hold (the names that win on a conflict)."""
    names: set[str] = set()
    for c in tables.countries():
        names.update([c.name, c.official_name, *c.aliases, *c.adjectives, *c.demonyms])
        names.update([c.capital, *c.capital_aliases])
    for m in tables.metonyms():
        names.add(m.phrase)
    for o in tables.organisations():
        names.update([o.name, *o.aliases])
    for r in tables.leaders():
        names.update([r.name, *r.aliases])
    names.update(tables.blocks())
    return frozenset(_name_key(n) for n in names if n)


def _name_key(name: str) -> str:
    return " ".join(key(w) for w in name.replace("_", " ").split())


def agent_heads_to_skip() -> frozenset[str]:
    """Head nouns of agents that name no person or body (``data/phoenix_agents_skip.txt``)."""
    text = (package_data() / "phoenix_agents_skip.txt").read_text("utf-8")
    return frozenset(
        singular(line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _agent_key(phrase: str) -> str:
    return " ".join(singular(w) for w in phrase.lower().split())


def _kind(actor: UserActor, file: str) -> str:
    if file.startswith("Phoenix.Countries") and not any(
        c.sector in SECTORS or (c.code or "").startswith(ORG_PREFIXES) for c in actor.codes
    ):
        return "country"  # a country and its spellings, cities and provinces, maybe dated
    if any(c.dated for c in actor.codes) and any(c.sector in SECTORS for c in actor.codes):
        return "person"  # dated roles (GOV, ELI, ...): a person; a dated IGO or IMG is a body
    first = actor.codes[0]
    if first.code and first.code.startswith(("IGO", "NGO", "MNC")):
        return "org"
    return "group"


def english_words() -> frozenset[str]:
    """Lower-case English words of the spaCy pipeline's lemmatizer index (WordNet-derived)."""
    from dragoman.nlp import load_pipeline
    from dragoman.settings import Settings

    settings = Settings()
    nlp = load_pipeline(settings.spacy_model, settings.fallback_models)
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    return frozenset(str(w).lower() for words in table.values() for w in words)


def _common_word(name: str, words: frozenset[str]) -> bool:
    """A one-word name that is also an English word ("YOUTH", "SENATE", "FALCON")."""
    tokens = name.split()
    return len(tokens) == 1 and tokens[0].lower() in words


def _actor_rows(
    dictionary: UserDictionary,
    file: str,
    ours: frozenset[str],
    words: frozenset[str],
    counts: Counter[str],
) -> Iterable[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    for actor in dictionary.actors:
        kind = _kind(actor, file)
        if kind == "country":
            counts["dropped: country spellings and places"] += 1
            continue
        codes = tuple(dict.fromkeys(format_code(c) for c in actor.codes))
        names: list[str] = []
        for raw in actor.names:
            name = clean_name(raw)
            if name is None or name in names:
                continue
            if kind != "person" and _name_key(name) in ours:
                counts["names dropped: ours win"] += 1
                continue
            if _common_word(name, words):
                counts["names dropped: one common English word"] += 1
                continue
            names.append(name)
        if not names:
            counts["dropped: every name is ours"] += 1
            continue
        counts[f"kept: {kind}"] += 1
        yield kind, tuple(names), codes


def convert(source: Path) -> Converted:
    """Read the Phoenix files in ``source`` and build the two tables (see the module doc)."""
    counts: Counter[str] = Counter()
    ours = our_names()
    words = english_words()
    rows: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for file in ACTOR_FILES:
        dictionary = _read(source / file)
        counts["lines skipped by the reader"] += len(dictionary.skipped)
        rows.extend(_actor_rows(dictionary, file, ours, words, counts))
    merged: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for kind, names, codes in rows:  # the same actor in two files: one row, codes united
        held = merged.setdefault((kind, names), [])
        held.extend(c for c in codes if c not in held)
    actor_lines = [
        f"{kind}\t{'|'.join(names)}\t{'|'.join(codes)}"
        for (kind, names), codes in sorted(merged.items(), key=lambda kv: (kv[0][1][0], kv[0][0]))
    ]
    agents = _read(source / AGENT_FILE)
    counts["lines skipped by the reader"] += len(agents.skipped)
    known = {_agent_key(r.phrase) for r in tables.sectors()}
    skip = agent_heads_to_skip()
    phrases: dict[str, str] = {}
    for agent in agents.agents:
        phrase = " ".join(agent.phrase.replace("_", " ").split())
        if not phrase or any(c.isdigit() for c in phrase):
            continue
        if _agent_key(phrase) in known:
            counts["agents dropped: ours win"] += 1
            continue
        if agent.sector == "CVL":
            counts["agents dropped: civilians (sectors.tsv decides)"] += 1
            continue
        if _agent_key(phrase).split()[-1] in skip:
            counts["agents dropped: no person or body (phoenix_agents_skip.txt)"] += 1
            continue
        phrases.setdefault(phrase, agent.sector)
    counts["kept: agent"] = len(phrases)
    header = f"# Converted by dragoman.actors.convert from {CREDIT}; see PHOENIX_LICENSE.txt.\n"
    actors_text = (
        header
        + "# kind\tnames (| separated, as written in Phoenix)\t"
        + "codes (| separated: CODE, CODE >FROM, CODE <UNTIL or CODE FROM-UNTIL, YYYYMMDD)\n"
        + "".join(line + "\n" for line in actor_lines)
    )
    agents_text = (
        header
        + "# phrase (lower case, words separated by spaces)\tsector\n"
        + "".join(f"{p}\t{s}\n" for p, s in sorted(phrases.items()))
    )
    return Converted(actors_text, agents_text, dict(sorted(counts.items())))


def _read(path: Path) -> UserDictionary:
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read dictionary: {exc}") from exc
    level = logging.getLogger("dragoman.actors.userdict").level
    logging.getLogger("dragoman.actors.userdict").setLevel(logging.ERROR)
    try:
        return parse_petrarch(text, path.name)
    finally:
        logging.getLogger("dragoman.actors.userdict").setLevel(level)


def package_data() -> Path:
    """The folder of the packaged tables (in a source checkout: ``src/dragoman/actors/data``)."""
    return Path(__file__).with_name("data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dragoman.actors.convert", description=__doc__.splitlines()[0]
    )
    parser.add_argument("source", type=Path, help="folder with the Phoenix dictionary files")
    parser.add_argument("--out", type=Path, default=package_data(), help="output folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    result = convert(args.source)
    for name, text in result.files().items():
        (args.out / name).write_text(text, encoding="utf-8")
        log.info("wrote %s (%d bytes)", args.out / name, len(text.encode()))
    for what, n in result.counts.items():
        log.info("%8d  %s", n, what)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
