"""The actor lexicon: known names over token sequences, sectors of role nouns, leaders by date.

Built once from the packaged tables (``data/``) plus optional user dictionaries, then
read-only: :meth:`ActorLexicon.match` is a longest-match scan over a token trie.
Which entry wins when one phrase is in several tables (highest first): user dictionaries,
leaders, organisations and armed groups, government metonyms, country names, capitals,
adjectives, demonyms; a block-list phrase ("New Mexico", "Latin America") wins only over
the shorter names it contains; the actors converted from the PETRARCH2 / Phoenix dictionaries
(``phoenix_actors.tsv``) come last, so the project's own tables win on a shared name.

Phoenix people resolve by the dated code valid on the sentence date (a role in office before
``ELI``), else by their undated default. Their one-word names and the short forms of long
names (given name and first surname, "Bruno Rodriguez"; given name and last surname, "Omar
al-Bashir") are guarded like the surnames of our leaders: they resolve only to a person in
office that day (a dated code other than ``ELI``), when exactly one such person has the name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dragoman.actors import tables
from dragoman.actors.phrases import PhraseTrie, fold, key, singular, tokenize_phrase
from dragoman.actors.places import PlaceEntry, PlaceIndex
from dragoman.actors.userdict import DatedCode, UserActor, UserDictionary, load, parse_code
from dragoman.records import ActorKind

ROLE_NAMES = {"HOS": "head_of_state", "HOG": "head_of_government", "FM": "foreign_minister"}
_ROLE_RANK = {"HOS": 0, "HOG": 1, "FM": 2}
# Capitals that are also common words, given names or other places: not used as metonyms.
_CAPITAL_SKIP = frozenset(
    {"Male", "Victoria", "Hamilton", "Douglas", "Plymouth", "Stanley", "Jamestown"}
    | {"Saint-Denis", "The Valley", "Brades", "Avarua", "Alofi", "Yaren", "Adamstown"}
)

_USER, _LEADER, _ORG, _METONYM, _COUNTRY, _CAPITAL, _ADJ, _DEMONYM, _BLOCK = range(9)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name denotes: a country, organisation, person or group, with its sector."""

    code: str | None  # ISO3, IGO..., NGO..., IMG..., or None when only a sector is known
    sector: str | None  # GOV, MIL, ...
    kind: ActorKind
    name: str | None  # canonical name (person or organisation), None for plain countries
    source: str  # country, adjective, demonym, capital, metonym, igo, group, leader, user, phoenix
    role: str | None = None  # leaders: head_of_state, head_of_government, foreign_minister


@dataclass(frozen=True, slots=True)
class _Item:
    tier: int
    entry: Entry | None = None
    person: str | None = None  # canonical leader name
    surname: bool = False
    user: UserActor | None = None


_BLOCKED = Entry(None, None, "group", None, "block")


def normalize_date(date: str | None) -> str | None:
    """``YYYY-MM-DD`` from ISO dates or timestamps and ``YYYYMMDD``.

    A month (``YYYY-MM``) stands for its 15th, a bare year for 1 July.
    """
    if not date:
        return None
    text = date.strip()
    if re.match(r"^\d{8}$", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return text[:10]
    if re.match(r"^\d{4}-\d{2}$", text):
        return f"{text}-15"
    if re.match(r"^\d{4}$", text):
        return f"{text}-07-01"
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


class ActorLexicon:
    """Names, sectors and leaders; build with :meth:`default` (cached)."""

    def __init__(self, dictionaries: Sequence[UserDictionary] = ()) -> None:
        self._trie: PhraseTrie[_Item] = PhraseTrie()
        self._names: dict[str, str] = {}
        self._terms: dict[str, list[tables.LeaderRow]] = {}
        self._full_names: dict[str, str] = {}
        self._surnames: dict[str, list[str]] = {}
        self._sectors: dict[str, tuple[str, bool]] = {}
        self._sector_heads: dict[str, int] = {}  # first word -> most words of a phrase
        self._places: PlaceIndex | None = None
        # Phoenix people by full name, and by guarded short name (one word, two of a long name)
        self._phoenix_names: dict[str, list[UserActor]] = {}
        self._phoenix_heads: dict[str, int] = {}  # first word -> most words of a name
        self._phoenix_short: dict[str, list[UserActor]] = {}
        self._build_countries()
        self._build_tables()
        self._build_leaders()
        self._build_phoenix()
        for row in tables.sectors():
            self._add_sector(row.phrase, row.sector, row.person_role, override=False)
        for row in tables.phoenix_agents():
            self._add_sector(row.phrase, row.sector, row.person_role, override=False)
        for dictionary in dictionaries:
            for actor in dictionary.actors:
                for name in actor.names:
                    self._trie.add(name, _Item(_USER, user=actor), caseless=actor.caseless)
            for agent in dictionary.agents:
                self._add_sector(agent.phrase, agent.sector, agent.person_role, override=True)

    @classmethod
    def default(cls, extra_dictionaries: tuple[str, ...] = ()) -> ActorLexicon:
        """The packaged lexicon plus user dictionary files (YAML or PETRARCH); cached per tuple."""
        return _default(tuple(extra_dictionaries))

    # -- building -------------------------------------------------------------------------

    def _build_countries(self) -> None:
        seen_capitals: set[str] = set()
        for row in tables.countries():
            self._names[row.iso3] = row.name
            self._names.setdefault(row.iso2, row.name)
            country = Entry(row.iso3, None, "country", None, "country")
            for name in {row.name, *row.aliases}:
                self._trie.add(name, _Item(_COUNTRY, country))
            adjective = Entry(row.iso3, None, "country", None, "adjective")
            for name in row.adjectives:
                self._trie.add(name, _Item(_ADJ, adjective))
            demonym = Entry(row.iso3, None, "group", None, "demonym")
            for name in row.demonyms:
                self._trie.add(name, _Item(_DEMONYM, demonym))
            capital = Entry(row.iso3, "GOV", "country", None, "capital")
            for name in (row.capital, *row.capital_aliases):
                if not name or name in _CAPITAL_SKIP or name in seen_capitals:
                    continue
                seen_capitals.add(name)
                self._trie.add(name, _Item(_CAPITAL, capital))

    def _build_tables(self) -> None:
        for met in tables.metonyms():
            code = None if met.code == "None" else met.code
            kind: ActorKind = "org" if code and code.startswith(("IGO", "NGO")) else "country"
            entry = Entry(code, met.sector, kind, met.name, "metonym")
            self._trie.add(met.phrase, _Item(_METONYM, entry))
        for org in tables.organisations():
            kind = "group" if org.kind == "group" else "org"
            source = "group" if kind == "group" else "igo"
            entry = Entry(org.code, org.sector, kind, org.name, source)
            for name in (org.name, *org.aliases):
                self._trie.add(name, _Item(_ORG, entry))
        for phrase in tables.blocks():
            self._trie.add(phrase, _Item(_BLOCK, _BLOCKED))

    def _build_leaders(self) -> None:
        stop = tables.surname_stoplist()
        self._common_surnames = frozenset(key(name) for name in stop)
        for row in tables.leaders():
            self._terms.setdefault(row.name, []).append(row)
            for name in (row.name, *row.aliases):
                self._full_names[key(name)] = row.name
                self._trie.add(name, _Item(_LEADER, person=row.name))
            for surname in row.surnames:
                persons = self._surnames.setdefault(key(surname), [])
                if row.name not in persons:
                    persons.append(row.name)
                if surname not in stop:
                    self._trie.add(surname, _Item(_LEADER, person=row.name, surname=True))
        for terms in self._terms.values():
            terms.sort(key=lambda r: r.start)

    def _build_phoenix(self) -> None:
        """Phoenix names go to a dict by folded words (a trie of 50,000 names costs seconds)."""
        for row in tables.phoenix_actors():
            codes = tuple(c for c in (_phoenix_code_of(text) for text in row.codes) if c)
            if not codes:
                continue
            kind: ActorKind = (
                "person" if row.kind == "person" else "org" if row.kind == "org" else "group"
            )
            actor = UserActor(row.names, codes, kind, row.names[0], caseless=True)
            for name in row.names:
                words = name.split()
                if kind == "person":
                    for short in _short_forms(words):
                        self._phoenix_short.setdefault(_name_key(short), []).append(actor)
                    if len(words) == 1:
                        continue  # short names of people only through leader(), in office
                variants = tokenize_phrase(name) if "-" in name or "," in name else [words]
                for tokens in variants:
                    folded = [key(t) for t in tokens]
                    self._phoenix_names.setdefault(" ".join(folded), []).append(actor)
                    if len(folded) > self._phoenix_heads.get(folded[0], 0):
                        self._phoenix_heads[folded[0]] = len(folded)

    def _phoenix_at(
        self, keys: Sequence[str], words: Sequence[str], i: int, day: str | None
    ) -> tuple[int, Entry] | None:
        """The longest Phoenix name starting at ``i`` that denotes one actor on ``day``."""
        longest = self._phoenix_heads.get(keys[i])
        if not longest:
            return None
        for length in range(min(longest, len(keys) - i), 0, -1):
            actors = self._phoenix_names.get(" ".join(keys[i : i + length]))
            if not actors or not _proper(words[i : i + length]):
                continue
            entry = _phoenix_pick(actors, day, in_office=False)
            if entry is not None:
                return i + length, entry
        return None

    def _add_sector(self, phrase: str, sector: str, role: bool, *, override: bool) -> None:
        words = [singular(w) for w in phrase.lower().split()]
        norm = " ".join(words)
        if override or norm not in self._sectors:
            self._sectors[norm] = (sector, role)
        if words and len(words) > self._sector_heads.get(words[0], 0):
            self._sector_heads[words[0]] = len(words)

    # -- names ------------------------------------------------------------------------------

    def match(self, words: Sequence[str], date: str | None = None) -> list[tuple[int, int, Entry]]:
        """Longest, non-overlapping matches of known names over a token sequence.

        Returns ``(start, end_exclusive, Entry)``. Proper names match on their capitalised
        forms and in all-caps text; acronyms (``US``, ``UN``) only in their exact case;
        lower-case common words never match. A token such as ``U.S.-led`` matches by the
        part before its first hyphen.
        """
        day = normalize_date(date)
        tokens = list(words)
        keys = [key(w) for w in tokens]
        out: list[tuple[int, int, Entry]] = []
        i = 0
        n = len(tokens)
        while i < n:
            found: tuple[int, Entry] | None = None
            for end, items in self._trie.prefixes(keys, tokens, i):
                entry = self._resolve(items, day)
                if entry is not None:
                    found = (end, entry)
                    break
            phoenix = self._phoenix_at(keys, tokens, i, day)
            if phoenix is not None and (found is None or phoenix[0] > found[0]):
                found = phoenix  # a longer Phoenix name; on the same words our tables win
            if found is not None:
                end, entry = found
                if entry is not _BLOCKED:
                    out.append((i, end, entry))
                i = end
                continue
            entry = self._hyphen_prefix(tokens[i], day)
            if entry is not None:
                out.append((i, i + 1, entry))
            i += 1
        return out

    def _hyphen_prefix(self, token: str, day: str | None) -> Entry | None:
        head, sep, _ = token.partition("-")
        if not sep or not head:
            return None
        for end, items in self._trie.prefixes([key(head)], [head], 0):
            if end == 1:
                entry = self._resolve(items, day)
                if entry is not None and entry is not _BLOCKED:
                    return entry
        return None

    def _resolve(self, items: list[_Item], day: str | None) -> Entry | None:
        for tier in sorted({item.tier for item in items}):
            group = [item for item in items if item.tier == tier]
            if tier == _USER:
                entry = self._resolve_user([i.user for i in group if i.user is not None], day)
            elif tier == _LEADER:
                entry = self._resolve_leader(group, day)
            else:
                entry = group[0].entry
            if entry is not None:
                return entry
        return None

    @staticmethod
    def _resolve_user(actors: list[UserActor], day: str | None) -> Entry | None:
        """A dated code valid on the day wins, then an undated default, then (no date) any."""
        candidates = [(actor, code) for actor in actors for code in actor.codes]
        chosen = None
        if day is not None:
            chosen = next(((a, c) for a, c in candidates if c.dated and c.valid_on(day)), None)
        if chosen is None:
            chosen = next(((a, c) for a, c in candidates if not c.dated), None)
        if chosen is None and day is None and candidates:
            chosen = candidates[-1]
        if chosen is None:
            return None
        actor, code = chosen
        return Entry(code.code, code.sector, actor.kind, actor.name, "user")

    def _resolve_leader(self, group: list[_Item], day: str | None) -> Entry | None:
        full = [i.person for i in group if not i.surname and i.person]
        if full:
            return self._person_entry(full[0], day)
        persons = list(dict.fromkeys(i.person for i in group if i.person))
        return self._pick_person(persons, day)

    def _pick_person(self, persons: list[str], day: str | None) -> Entry | None:
        if len(persons) == 1:
            return self._person_entry(persons[0], day)
        if day is None:
            return None
        active = [p for p in persons if any(_in_term(t, day) for t in self._terms[p])]
        if len(active) == 1:
            return self._person_entry(active[0], day)
        return None

    def _person_entry(self, person: str, day: str | None) -> Entry:
        terms = self._terms[person]
        if day is None:
            last = max(terms, key=lambda t: (t.end is None, t.end or "", -_ROLE_RANK[t.role]))
            return Entry(last.iso3, "GOV", "person", person, "leader", ROLE_NAMES[last.role])
        current = [t for t in terms if _in_term(t, day)]
        if current:
            best = min(current, key=lambda t: _ROLE_RANK[t.role])
            return Entry(best.iso3, "GOV", "person", person, "leader", ROLE_NAMES[best.role])
        # before our first term our table says nothing: a Phoenix dated role, if one holds
        # (after our terms it does: Phoenix's open-ended roles end where ours say)
        if day < terms[0].start:
            people = self._phoenix_persons(_name_key(person))
            other = _phoenix_pick(people, day, in_office=True)
            if other is not None and other.code == terms[0].iso3:
                return Entry(other.code, other.sector, "person", person, "leader", None)
        past = [t for t in terms if t.end is not None and t.end <= day]
        if past:
            last = max(past, key=lambda t: t.end or "")
            return Entry(last.iso3, "ELI", "person", person, "leader", ROLE_NAMES[last.role])
        return Entry(terms[0].iso3, None, "person", person, "leader", None)

    def leader(self, name: str, date: str | None = None) -> Entry | None:
        """A head of state/government or foreign minister by full name or surname.

        With a date, the role held that day (sector GOV), or ELI after leaving office. A
        surname shared by several leaders resolves only when exactly one was in office.
        """
        day = normalize_date(date)
        folded = " ".join(key(w) for w in name.split())
        person = self._full_names.get(folded)
        if person is not None:
            return self._person_entry(person, day)
        persons = self._surnames.get(folded)
        if not persons:
            persons = self._surnames.get(folded.replace(" - ", "-"))
        if persons:
            entry = self._pick_person(persons, day)
            if entry is not None and folded in self._common_surnames and entry.sector != "GOV":
                return None  # "Taylor could not perform" in 2019 is not Charles Taylor
            return entry
        return self._phoenix_person(name, day)

    def _phoenix_persons(self, folded: str) -> list[UserActor]:
        return [a for a in self._phoenix_names.get(folded, ()) if a.kind == "person"]

    def _phoenix_person(self, name: str, day: str | None) -> Entry | None:
        """A Phoenix person by full name, else by a guarded short form (in office that day)."""
        folded = _name_key(name)
        people = self._phoenix_persons(folded)
        if people:
            return _phoenix_pick(people, day, in_office=False)
        if folded in self._common_surnames:
            return None
        words = folded.split()
        for short in (folded, *_short_forms(words)):
            holders = self._phoenix_short.get(short)
            if holders:
                return _phoenix_pick(holders, day, in_office=True)
        return None

    def country_name(self, code: str) -> str | None:
        """Common English name of an ISO 3166 alpha-3 (or alpha-2) code."""
        return self._names.get(code.upper())

    # -- sectors ----------------------------------------------------------------------------

    def _sector_row(self, lemma: str) -> tuple[str, bool] | None:
        words = lemma.lower().split()
        if not words:
            return None
        return self._sectors.get(" ".join(singular(w) for w in words))

    def sector(self, lemma: str) -> str | None:
        """Sector code of a role noun or phrase: ``minister`` -> GOV, ``troops`` -> MIL."""
        row = self._sector_row(lemma)
        return row[0] if row else None

    def is_person_role(self, lemma: str) -> bool:
        """Whether a named person can hold this role (``minister``, ``president``...)."""
        row = self._sector_row(lemma)
        return bool(row and row[1])

    def sector_phrase(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """Longest, non-overlapping sector phrases over lower-cased lemmas or words."""
        norm = [singular(w.lower()) for w in words]
        out: list[tuple[int, int, str]] = []
        i = 0
        n = len(norm)
        while i < n:
            for length in range(min(self._sector_heads.get(norm[i], 0), n - i), 0, -1):
                row = self._sectors.get(" ".join(norm[i : i + length]))
                if row is not None:
                    out.append((i, i + length, row[0]))
                    i += length
                    break
            else:
                i += 1
        return out

    # -- places -----------------------------------------------------------------------------

    def place(self, name: str) -> PlaceEntry | None:
        """Coordinates of a country (its capital) or a city of 15,000+ people."""
        if self._places is None:
            self._places = PlaceIndex.build()
        return self._places.lookup(fold(name))


def _proper(words: Sequence[str]) -> bool:
    """The case rule of a Phoenix name (written in capitals): a one-word name of up to three
    letters is an acronym and must be in capitals; any other word must carry a capital."""
    if len(words) == 1 and len(words[0]) <= 3:
        return fold(words[0]).isupper()
    for word in words:
        folded = fold(word)
        if folded == folded.lower() and folded != folded.upper():
            return False
    return True


@lru_cache(maxsize=4096)
def _phoenix_code_of(text: str) -> DatedCode | None:
    return parse_code(text, "phoenix_actors.tsv")


def _name_key(name: str) -> str:
    return " ".join(key(w) for w in name.split())


@lru_cache(maxsize=4096)
def _display(name: str) -> str:
    """ "BRUNO RODRIGUEZ PARRILLA" -> "Bruno Rodriguez Parrilla"; one word ("ACLU") stays."""
    words = name.split()
    if len(words) == 1:
        return name
    return " ".join(
        w if "." in w or not any(c in "AEIOUY" for c in w) else w.title() for w in words
    )


def _short_forms(words: Sequence[str]) -> list[str]:
    """The guarded short names of a person: a one-word name itself; for a name of three or
    more words, given name and first surname, and given name and last surname."""
    if len(words) < 3:
        return [" ".join(words)] if len(words) == 1 else []
    forms = [f"{words[0]} {words[1]}", f"{words[0]} {words[-1]}"]
    return list(dict.fromkeys(f for f in forms if len(f.split()[-1].strip(".")) > 2))


def phoenix_code(codes: Sequence[DatedCode], day: str | None) -> DatedCode | None:
    """The code of a Phoenix actor on ``day``: a dated code valid that day (a role before
    ``ELI``, then the latest start), else the undated default; without a day, the default or
    the latest code."""
    if day is not None:
        valid = sorted(
            (c for c in codes if c.dated and c.valid_on(day)),
            key=lambda c: c.start or "",
            reverse=True,
        )
        if valid:
            return next((c for c in valid if c.sector != "ELI"), valid[0])
    undated = [c for c in codes if not c.dated]
    if undated:
        return undated[0]
    if day is None and codes:
        return max(codes, key=lambda c: c.start or "")
    return None


def _phoenix_pick(actors: Sequence[UserActor], day: str | None, *, in_office: bool) -> Entry | None:
    """The one actor a Phoenix name denotes on ``day``; None when several differ.

    ``in_office``: only a dated role other than ``ELI`` valid that day counts (short names).
    """
    found: dict[tuple[str | None, str | None], Entry] = {}
    for actor in dict.fromkeys(actors):
        if in_office:
            if day is None:
                continue
            code = next(
                (c for c in actor.codes if c.dated and c.sector != "ELI" and c.valid_on(day)), None
            )
        else:
            code = phoenix_code(actor.codes, day)
        if code is None:
            continue
        entry = Entry(code.code, code.sector, actor.kind, _display(actor.name or ""), "phoenix")
        found.setdefault((entry.code, entry.name), entry)
    if len(found) == 1:
        return next(iter(found.values()))
    if len(found) > 1 and not in_office and day is not None:
        return _phoenix_pick(actors, day, in_office=True)
    return None


def _in_term(term: tables.LeaderRow, day: str) -> bool:
    return term.start <= day and (term.end is None or day < term.end)


@lru_cache(maxsize=16)
def _default(extra: tuple[str, ...]) -> ActorLexicon:
    return ActorLexicon([load(path) for path in extra])
