"""Actors in a parsed sentence: noun phrases resolved to actors, and who is source or target.

Resolution uses the packaged actor lexicon (:mod:`dragoman.actors`) over the words of a noun
phrase, spaCy's PERSON entities, and a per-document :class:`DocContext` that remembers people
introduced with a role ("Cuban Foreign Minister Bruno Rodriguez" -> later "Rodriguez"), the last
person in subject position (for "he"/"she") and the countries mentioned so far (for "the
country", "the island").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dragoman.actors import ActorLexicon, Entry
from dragoman.events.rulebook import words as rule_words
from dragoman.nlp import doc_text, entities
from dragoman.records import Actor, ActorKind

if TYPE_CHECKING:
    from spacy.tokens import Token

# Dependencies that keep a token inside the noun phrase of its head.
_NP_DEPS = frozenset(
    {
        "compound",
        "amod",
        "det",
        "poss",
        "nmod",
        "appos",
        "nummod",
        "quantmod",
        "case",
        "flat",
        "predet",
        "nn",
        "punct",
    }
)
_SUBJ = frozenset({"nsubj", "csubj"})
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
_GENERIC_COUNTRY = frozenset({"country", "nation", "island", "state", "kingdom", "republic"})
_TARGET_PREPS = rule_words("read.target-preps")
_QUANTITY_HEADS = frozenset(
    {
        "thousand",
        "thousands",
        "hundred",
        "hundreds",
        "dozen",
        "dozens",
        "ten",
        "tens",
        "million",
        "millions",
        "score",
        "scores",
        "number",
        "group",
        "groups",
        "crowd",
        "crowds",
        "majority",
        "some",
        "many",
        "most",
        "all",
        "few",
        "several",
        "one",
        "two",
        "three",
        "band",
        "handful",
        "contingent",
        "unit",
        "batch",
        "patch",
        "wave",
        "bunch",
        "column",
        "deployment",
        "detachment",
        "convoy",
    }
)
_AFFILIATION_PREPS = frozenset(
    {"from", "in", "throughout", "across", "at", "inside", "within", "of"}
)
# Nouns that stand for an actor without a sector of their own ("the Cuban side").
_ACTOR_NOUNS = frozenset(
    [
        "side",
        "delegation",
        "leadership",
        "regime",
        "people",
        "camp",
        "coalition",
        "alliance",
        "bloc",
        "counterpart",
        "representative",
        "team",
        "group",
        "faction",
        "member",
        "partner",
        "ally",
        "neighbour",
        "neighbor",
        "power",
        "capital",
        "embassy",
        "consulate",
        "prisoner",
        "detainee",
        "national",
        "youth",
        "inmate",
        "supporter",
        "elder",
        "service",
        "agency",
        "landowner",
        "fundamentalist",
        "hacker",
        "opponent",
        "observer",
        "inspector",
        "expert",
        "helicopter",
        "ship",
        "vessel",
        "organisation",
        "organization",
        "movement",
        "party",
        "union",
        "association",
        "council",
        "committee",
        "commission",
        "body",
        "administration",
        "authorities",
        "family",
        "families",
        "tribe",
        "clan",
        "community",
        "minority",
        "majority",
        "unit",
        "battalion",
        "brigade",
        "division",
        "regiment",
        "squad",
        "militia",
        "contingent",
        "mission",
        "inhabitant",
        "local",
        "native",
        "loyalist",
    ]
)


# How a leader in office is referred to later without a name ("the president").
_OFFICE_WORDS = {
    "head_of_state": ("president",),
    "head_of_government": ("premier", "chancellor"),
    "foreign_minister": (),
}


@dataclass
class DocContext:
    """What the coder remembers across the sentences of one document."""

    date: str | None
    lexicon: ActorLexicon
    people: dict[str, Actor] = field(default_factory=dict)
    last_person: Actor | None = None
    countries: list[str] = field(default_factory=list)
    roles: dict[str, Actor] = field(default_factory=dict)
    # everyone introduced with a role, in order ("the foreign ministers": all of them)
    role_holders: dict[str, list[Actor]] = field(default_factory=dict)
    # Country codes a recipient should not resolve to (the source's), while finding targets:
    # set only on the copy that target finding gets (coder._avoiding), never reset.
    avoid: frozenset[str] = frozenset()
    # Actors of the last event coded in the previous sentence, for agentless passives that
    # continue it ("The remaining 90 percent of the debt has been written off.").
    last_source: tuple[Actor, ...] = ()
    last_target: tuple[Actor, ...] = ()

    def remember_person(self, actor: Actor, roles: Iterable[str] = ()) -> None:
        if not actor.name:
            return
        parts = actor.name.split()
        self.people[actor.name] = actor
        if len(parts) > 1:
            self.people.setdefault(parts[-1], actor)
        for role in roles:  # "President Raul Castro" -> later "the president"
            self.roles[role] = actor
            holders = self.role_holders.setdefault(role, [])
            if all(h.name != actor.name for h in holders):
                holders.append(actor)

    def note_countries(self, actors: Iterable[Actor]) -> None:
        for a in actors:
            if a.code and len(a.code) == 3 and not a.code.startswith(("IGO", "NGO")):
                if a.code in self.countries:
                    self.countries.remove(a.code)
                self.countries.append(a.code)


def noun_phrase(head: Token) -> list[Token]:
    """The tokens of ``head``'s noun phrase: modifiers, possessors, appositions, "of" phrases."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if (
                child.dep_ in _NP_DEPS
                or (
                    child.dep_ == "conj"
                    and tok.dep_ in ("amod", "compound", "nmod", "poss")
                    and tok.i != head.i
                )
                or (child.dep_ == "prep" and child.lower_ == "of")
                or (child.dep_ == "pobj" and tok.dep_ == "prep" and tok.lower_ == "of")
                or (child.dep_ == "cc" and tok.i != head.i)
                # "Vietnamese-led forces": "Vietnamese" hangs on "led"
                or (child.dep_ == "npadvmod" and tok.i != head.i and tok.dep_ == "amod")
            ):
                stack.append(child)
    out.sort(key=lambda t: t.i)
    # The phrase is the run of words around its head that no word outside the head's own
    # subtree interrupts: an apposition parsed far away ("Japan helped Fiji build a road in
    # Suva — two small towns on the coast") is not part of it.
    own = {t.i for t in head.subtree}
    at = next(k for k, t in enumerate(out) if t.i == head.i)
    first, last = at, at
    while first > 0 and all(i in own for i in range(out[first - 1].i, out[first].i)):
        first -= 1
    while last < len(out) - 1 and all(i in own for i in range(out[last].i, out[last + 1].i)):
        last += 1
    out = out[first : last + 1]
    # Trim punctuation and a dangling conjunction ("his counterpart Bruno Rodriguez and")
    # at the edges.
    while out and (out[0].is_punct or out[0].dep_ == "cc"):
        out.pop(0)
    while out and (out[-1].is_punct or out[-1].dep_ == "cc"):
        out.pop()
    return out


def conjuncts(head: Token) -> list[Token]:
    """``head`` and the heads coordinated with it ("Russia and Cuba")."""
    out = [head]
    holders = [head]
    if head.ent_iob_ != "O" and head.ent_type_ == "PERSON":
        # a misparsed name ("Barack" as the head of "Barack Obama and Vladimir Putin")
        ent = next((e for e in entities(head.doc) if e.start <= head.i < e.end), None)
        if ent is not None:
            holders = list(ent)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "conj" and child.i not in {h.i for h in holders}:
                out.extend(conjuncts(child))
            elif child.dep_ == "appos" and holder.i == head.i:
                # "his counterpart Bruno Rodriguez and President Raul Castro"
                out.extend(c for c in conjuncts(child)[1:])
    return out


def _entry_actor(entry: Entry, text: str, start: int, end: int, sector: str | None) -> Actor:
    kind: ActorKind = entry.kind
    return Actor(
        text=text,
        code=entry.code,
        sector=entry.sector or sector,
        name=entry.name,
        kind=kind,
        start=start,
        end=end,
    )


def resolve_phrase(head: Token, ctx: DocContext, offset: int, _depth: int = 0) -> list[Actor]:
    """Actors named by the noun phrase headed by ``head`` (several for "Hungarian and Romanian").

    "Thousands of Nigerians" resolves through its "of" phrase; a group without a country of its
    own takes the one of its place or affiliation ("demonstrators in Baghdad", "activists from
    the Fatah party").
    """
    if _depth > 2:
        return []
    if head.lemma_.lower() in _QUANTITY_HEADS or head.pos_ == "NUM":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return resolve_phrase(pobj, ctx, offset, _depth + 1)
        if head.pos_ == "NUM":
            return []
    actors = _resolve_np(head, ctx, offset)
    if actors and all(a.code is None for a in actors):
        codes = _affiliation(head, ctx, offset, _depth)
        if codes:
            # "officials from Greece and Cyprus": the group of each country
            actors = [
                Actor(a.text, code, a.sector, a.name, a.kind, a.start, a.end)
                for code in codes
                for a in actors
            ]
    return actors


_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
_PRONOUNS_GROUP = frozenset({"they", "them", "it", "we", "their", "its", "our"})
_SAYING = frozenset({"say", "claim", "announce", "state", "tell", "declare", "report", "add"})


def _group_pronoun(pron: Token, ctx: DocContext, offset: int) -> list[Actor]:
    """ "The US claimed that they had attacked Iraq": "they" is the speaker."""
    cur = pron.head
    for _ in range(6):
        if cur.dep_ == "ccomp" and cur.head.lemma_ in _SAYING:
            speakers = [c for c in cur.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            if speakers:
                return resolve_heads(speakers, ctx, offset)
        if cur.head.i == cur.i:
            break
        cur = cur.head
    if pron.lower_ in ("they", "them", "their") and ctx.last_source:
        last = [a for a in ctx.last_source if a.kind != "person"]
        return [_at_pronoun(a, pron, offset) for a in last]
    return []


def _at_pronoun(actor: Actor, pron: Token, offset: int) -> Actor:
    """The actor a pronoun stands for, with the pronoun's text and place in the article."""
    start = offset + pron.idx
    return dataclasses.replace(actor, text=pron.text, start=start, end=start + len(pron))


def _person_speaker(pron: Token, ctx: DocContext, offset: int) -> Actor | None:
    """ "Trump said he had watched": "he" is the person subject of the saying verb."""
    cur = pron.head
    for _ in range(6):
        if cur.dep_ in ("ccomp", "conj") and cur.head.lemma_ in _SAYING:
            for c in cur.head.children:
                if c.dep_ == "nsubj" and c.pos_ == "PROPN":
                    for a in _resolve_np(c, ctx, offset):
                        if a.kind == "person":
                            return _at_pronoun(a, pron, offset)
                    return None
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def _sentence_person(pron: Token, ctx: DocContext, offset: int) -> Actor | None:
    """ "Buttigieg surged in Iowa, and black Democrats blasted him": a named person subject
    earlier in the same sentence, but not the subject of the pronoun's own verb ("Sanders
    criticized him" is someone else)."""
    if pron.dep_ == "poss":
        return None  # "pleased to see authorities investigate his death": told before
    own_verb = pron.head.head if pron.dep_ == "pobj" else pron.head
    if pron.dep_ not in ("nsubj", "nsubjpass") and any(
        c.dep_ == "nsubj" and c.lower_ in _PRONOUNS_PERSON for c in own_verb.children
    ):
        return None  # "saying he would only welcome him": "him" is not "he"
    sent = pron.sent
    for tok in reversed(sent[: pron.i - sent.start]):
        named = tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and not tok.ent_type_)
        if tok.dep_ not in ("nsubj", "nsubjpass") or not named:
            continue
        if tok.head.i == own_verb.i and pron.dep_ not in ("nsubj", "nsubjpass"):
            continue
        found = _resolve_np(tok, ctx, offset)
        for a in found:
            if a.kind == "person":
                return _at_pronoun(a, pron, offset)
        if not found:
            # a person in no table is still the nearer antecedent: "Smith, who led the
            # party until he resigned" is not the last leader named before
            name = " ".join(t.text for t in tok.lefts if t.dep_ == "compound") + " " + tok.text
            unknown = Actor(name.strip(), None, None, name.strip(), "person", 0, 0)
            return _at_pronoun(unknown, pron, offset)
    return None


def _affiliation(head: Token, ctx: DocContext, offset: int, depth: int) -> list[str]:
    """The countries of "X in/from/throughout <place or organisation>" ("affiliated with");
    several for "officials from Greece and Cyprus"."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    for acl in (c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        preps.extend(c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("with", "to"))
    for child in preps:
        if child.lower_ not in _AFFILIATION_PREPS and child.head.dep_ != "acl":
            continue
        codes: list[str] = []
        for first in child.children:
            if first.dep_ != "pobj":
                continue
            for pobj in (first, *first.conjuncts):
                code = _place_code(pobj, ctx, offset, depth)
                if code is not None and code not in codes:
                    codes.append(code)
        if codes:
            return codes
    return []


def _place_code(pobj: Token, ctx: DocContext, offset: int, depth: int) -> str | None:
    for actor in resolve_phrase(pobj, ctx, offset, depth + 1):
        if actor.code and not actor.code.startswith(("IGO", "NGO")):
            return actor.code[:3]
    span = pobj.doc[pobj.left_edge.i : pobj.i + 1].text
    place = ctx.lexicon.place(span) or ctx.lexicon.place(pobj.text)
    if place is not None and place.country:
        return place.country
    return None


def _after_anti(tokens: Sequence[Token], s: int) -> bool:
    """ "anti-Trump groups", "Never Trump Republicans": the name is what they oppose."""
    tok = tokens[s]
    if tok.lower_.startswith("anti-"):
        return True
    before = [t.lower_ for t in tokens[max(0, s - 2) : s]]
    return before[-2:] == ["anti", "-"] or before[-1:] in (["anti"], ["never"])


def _resolve_np(head: Token, ctx: DocContext, offset: int) -> list[Actor]:
    low = head.lower_
    if head.pos_ == "PRON":
        if low in _PRONOUNS_PERSON:
            speaker = _person_speaker(head, ctx, offset) or _sentence_person(head, ctx, offset)
            if speaker is not None:
                return [speaker]
        if low in _PRONOUNS_PERSON and ctx.last_person is not None:
            return [_at_pronoun(ctx.last_person, head, offset)]
        if low in _PRONOUNS_GROUP or low in _PRONOUNS_PERSON:
            return _group_pronoun(head, ctx, offset)
        return []
    tokens = noun_phrase(head)
    if head.ent_iob_ != "O":
        # keep a whole named entity together even when the parse splits it
        ent = next((e for e in entities(head.doc) if e.start <= head.i < e.end), None)
        if ent is not None:
            have = {t.i for t in tokens}
            tokens = sorted([*tokens, *(t for t in ent if t.i not in have)], key=lambda t: t.i)
    if not tokens:
        return []
    if head.pos_ == "NOUN" and not _actor_noun(head, ctx):
        return []
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1])
    text = doc_text(head.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    lex = ctx.lexicon

    # Sector: a multi-word role ending at the head ("attorney general" is no general), else
    # the head noun's, else a multi-word role ("foreign minister"), else any modifier's.
    lemmas = [t.lemma_.lower() for t in tokens]
    sector = next(
        (sec for s, e, sec in lex.sector_phrase(lemmas) if e - s > 1 and tokens[e - 1].i == head.i),
        None,
    )
    if sector is None and head.pos_ in ("NOUN", "PROPN"):
        sector = lex.sector(head.lemma_.lower())
    if sector is None:
        for _s, _e, sec in lex.sector_phrase([t.lemma_.lower() for t in tokens]):
            sector = sec
            break
    if sector is None:
        for t in tokens:
            noun_sector = lex.sector(t.lemma_.lower()) if t.pos_ == "NOUN" else None
            if noun_sector:
                sector = noun_sector
                break

    # People: PERSON entities inside the phrase, known leaders, or people met earlier.
    person_name: str | None = None
    for ent in entities(head.doc):
        if ent.label_ == "PERSON" and ent.start >= tokens[0].i and ent.end - 1 <= tokens[-1].i:
            if ent.root.dep_ == "poss" and not (ent.start <= head.i < ent.end):
                continue  # "Osama bin Laden's network" is the network, not the man
            person_name = ent.text.strip()
            break
    if person_name is None and head.pos_ == "PROPN" and head.ent_type_ in ("", "PERSON"):
        known = ctx.people.get(head.text)
        if known is not None:
            person_name = known.name

    matches = _match_tokens(lex, tokens, ctx.date)
    head_index = next((i for i, t in enumerate(tokens) if t.i == head.i), -1)
    # "ethnic Albanians in Macedonia" are not Albania's: an ethnic group has no state code;
    # "Jordan Peterson" is a person, not Jordan.
    people = [(e.start, e.end) for e in entities(head.doc) if e.label_ == "PERSON" and len(e) > 1]

    def in_person(span: Sequence[Token]) -> bool:
        first, last = span[0].i, span[-1].i + 1
        return any(s <= first and last <= e and (e - s) > (last - first) for s, e in people)

    def other_person(span: Sequence[Token], entry: Entry) -> bool:
        """ "Cameron Horve", "Dwayne Johnson": a leader's surname in someone else's name."""
        if entry.source != "leader" or not entry.name or not in_person(span):
            return False
        known = {w.lower() for w in entry.name.replace("-", " ").split()}
        ent = next(e for e in entities(head.doc) if e.start <= span[0].i < e.end)
        # ("Vladimir Putin Portugal expels": a country glued to the name is not a first name)
        return any(
            t.text.lower() not in known
            for t in ent
            if t.i not in {x.i for x in span}
            and t.is_alpha
            and len(t.text) > 1
            and lex.place(t.text) is None
        )

    entries = [
        (s, e, entry)
        for s, e, entry in matches
        if not (
            entry.source in ("adjective", "demonym") and s > 0 and tokens[s - 1].lower_ == "ethnic"
        )
        and not (entry.kind == "country" and in_person(tokens[s:e]))
        and not other_person(tokens[s:e], entry)
        and not (_after_anti(tokens, s) and not s <= head_index < e)
    ]
    head_pos = next((i for i, tok in enumerate(tokens) if tok.i == head.i), None)
    if head_pos is None:
        return []
    covering = [m for m in entries if m[0] <= head_pos < m[1]]
    if covering and not person_name:
        # "Pakistan, a key U.S. ally": the head names the actor; appositions do not add one.
        before = [m for m in entries if m[1] <= covering[0][0] and m[2].kind == "country"]
        if (
            before
            and (covering[0][2].kind == "person" or covering[0][2].sector == "PTY")
            and before[-1][2].code
        ):
            # "Jordan's King Abdullah": the named country decides which king ("Sweden
            # Democrats" are Sweden's party, not the US one).
            named = covering[0][2]
            entries = [
                (
                    covering[0][0],
                    covering[0][1],
                    Entry(before[-1][2].code, named.sector, "person", named.name, named.source),
                )
            ]
        else:
            entries = covering
    actors: list[Actor] = []
    if person_name:
        leader = lex.leader(person_name, ctx.date)
        known = ctx.people.get(person_name) or ctx.people.get(person_name.split()[-1])
        code: str | None = None
        psector: str | None = sector
        for _s, _e, entry in entries:
            if entry.kind in ("country", "org", "group") and entry.code:
                code = entry.code
                psector = psector or entry.sector
                break
            if entry.kind == "person" and entry.code:
                code, psector = entry.code, entry.sector or psector
                break
        if code is None and leader is not None:
            code, psector = leader.code, psector or leader.sector
        if code is None and known is not None:
            code, psector = known.code, psector or known.sector
        name = leader.name if leader is not None and leader.name else person_name
        if code is not None or psector is not None:
            actor = Actor(text, code, psector, name, "person", start, end)
            roles = [t.lemma_.lower() for t in tokens if lex.is_person_role(t.lemma_.lower())]
            if not roles and leader is not None and leader.sector == "GOV" and leader.role:
                # "Vladimir Putin met ... The president later said": the office held that day
                roles = list(_OFFICE_WORDS.get(leader.role, ()))
            ctx.remember_person(actor, roles)
            if person_name != name:
                ctx.people.setdefault(person_name, actor)
                ctx.people.setdefault(person_name.split()[-1], actor)
            return [actor]
        # "Pete Buttigieg" in no table: a person all the same, without a code, remembered for
        # "him" and "Buttigieg" later
        actor = Actor(text, None, None, person_name, "person", start, end)
        ctx.remember_person(actor)
        return [actor]

    seen: set[str] = set()
    for _s, _e, entry in entries:
        if entry.kind == "person":
            actor = _entry_actor(entry, text, start, end, sector)
            ctx.remember_person(actor)
            return [actor]
        if entry.code and entry.code not in seen:
            seen.add(entry.code)
            actors.append(_entry_actor(entry, text, start, end, sector))
    if actors:
        if sector is not None and any(a.kind == "country" for a in actors):
            kind: ActorKind = (
                "person"
                if lex.is_person_role(head.lemma_.lower()) and head.tag_ in ("NN", "NNP")
                else "group"
            )
            if head.lemma_.lower() not in {a.text.lower() for a in actors}:
                actors = [
                    Actor(
                        a.text,
                        a.code,
                        a.sector or sector,
                        a.name,
                        kind if a.kind == "country" else a.kind,
                        a.start,
                        a.end,
                    )
                    for a in actors
                ]
        return actors
    # "the president": the person last introduced with that role; "the foreign ministers":
    # everyone introduced with it, not the one last named.
    role = head.lemma_.lower()
    if (
        head.pos_ == "NOUN"
        and role in ctx.roles
        and any(t.lower_ == "the" for t in tokens)
        and not any(t.lower_ in ("former", "ex", "late", "then", "new", "next") for t in tokens)
        and not entries
    ):
        if head.tag_ == "NNS":
            return [
                Actor(text, h.code, h.sector, h.name, "person", start, end)
                for h in ctx.role_holders.get(role, ())
            ]
        known_role = ctx.roles[role]
        return [
            Actor(text, known_role.code, known_role.sector, known_role.name, "person", start, end)
        ]
    # "the country", "the island": the last country mentioned in the document.
    if head.lemma_.lower() in _GENERIC_COUNTRY and any(t.lower_ == "the" for t in tokens):
        for code in reversed(ctx.countries):
            if code not in ctx.avoid:
                return [Actor(text, code, None, None, "country", start, end)]
        return []
    if sector is not None:
        kind = (
            "person"
            if head.tag_ in ("NN", "NNP") and lex.is_person_role(head.lemma_.lower())
            else "group"
        )
        return [Actor(text, None, sector, None, kind, start, end)]
    if head.pos_ == "NOUN" and head.lemma_.lower() in _ACTOR_NOUNS:
        return [Actor(text, None, None, None, "group", start, end)]  # "fundamentalists"
    return []


def _match_tokens(
    lex: ActorLexicon, tokens: Sequence[Token], date: str | None
) -> list[tuple[int, int, Entry]]:
    """Lexicon matches over tokens, gluing a split plural possessive back on ("Workers ' Party"
    is "Workers' Party"); offsets index ``tokens``."""
    words: list[str] = []
    where: list[int] = []
    for n, tok in enumerate(tokens):
        if tok.text in ("'", "’") and tok.dep_ == "case" and words:
            words[-1] += tok.text
            continue
        words.append(tok.text)
        where.append(n)
    where.append(len(tokens))
    out: list[tuple[int, int, Entry]] = []
    for s, e, entry in lex.match(words, date):
        end = where[e] if e < len(where) else len(tokens)
        out.append((where[s], end, entry))
    return out


def _actor_noun(head: Token, ctx: DocContext) -> bool:
    """Can this common noun name an actor ("authorities", "side", "country"), or is it a thing?"""
    lemma = head.lemma_.lower()
    if ctx.lexicon.sector(lemma) is not None or lemma in _GENERIC_COUNTRY:
        return True
    if (
        lemma == "power"
        and head.tag_ == "NN"
        and not any(c.dep_ in ("det", "amod", "compound") for c in head.children)
    ):
        return False  # "the resolution and power to end the unrest": might, not a state
    if lemma in _ACTOR_NOUNS:
        return True
    compounds = [c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")]
    if compounds and ctx.lexicon.sector_phrase([*compounds, lemma]):
        return True
    # "the al-Qaeda terror network", "the Hamas movement": a named group's body.
    names = [t.text for t in head.subtree if t.i < head.i and t.dep_ in ("compound", "poss")]
    if names and any(e.kind in ("org", "group") for _s, _e, e in ctx.lexicon.match(names)):
        return True
    # "Cuban officials" style phrases the lexicon knows as a whole ("security forces").
    return bool(ctx.lexicon.match([head.text]))


def resolve_heads(heads: Sequence[Token], ctx: DocContext, offset: int) -> list[Actor]:
    out: list[Actor] = []
    for h in heads:
        for c in conjuncts(h):
            out.extend(resolve_phrase(c, ctx, offset))
    return dedupe(out)


def dedupe(
    actors: Iterable[Actor],
    key: Callable[[Actor], object] = lambda a: (a.code, a.sector, a.name),
) -> list[Actor]:
    """The actors in order, each ``key`` once (by default code, sector and name)."""
    seen: set[object] = set()
    out: list[Actor] = []
    for a in actors:
        k = key(a)
        if k not in seen:
            seen.add(k)
            out.append(a)
    return out


def subjects(verb: Token) -> tuple[list[Token], bool]:
    """The subject heads of ``verb`` (inherited through xcomp/conj/advcl); and whether passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj = [c for c in verb.children if c.dep_ in _SUBJ]
    if subj and reduced_passive(verb):
        passive = True  # "More than 100 protesters killed in Iran unrest": the victims
    if passive:
        agents = [
            gc for c in verb.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"
        ]
        if not agents and verb.lemma_.lower() in _STATIVE_PASSIVE:
            # "Israel is opposed to ...", "Serb forces were engaged in ...": the subject acts.
            return [c for c in verb.children if c.dep_ == "nsubjpass"], False
        return agents, True
    if subj:
        if verb.dep_ == "relcl" and all(t.tag_ in ("WP", "WDT") for t in subj):
            return [antecedent(verb)], False  # "militants, who fired shells": the antecedent
        return subj, False
    opener = [
        c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i < verb.i
    ]
    if opener and opener[0].i == verb.doc[0].i:
        return opener, False  # "Sweden suspended aid": a misparsed sentence-initial subject
    if participle_adjunct(verb):
        # "the leader is dead, killed in a raid", "Backed by Russia, the rebels ...": the
        # subject of the clause is the participle's patient; its agent is in "by"
        return [gc for c in verb.children if c.dep_ == "agent" for gc in c.children], True
    if verb.dep_ == "acl" and verb.head.i != verb.i:
        if verb.tag_ == "VBN":  # "the civilians imprisoned by ...": the noun is the patient
            agents = [
                gc
                for c in verb.children
                if c.dep_ == "agent"
                for gc in c.children
                if gc.dep_ == "pobj"
            ]
            return agents, True
        return [verb.head], False  # "militants attacking the base"
    tok = verb
    for _ in range(4):
        if (
            tok.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp", "prep")
            and tok.head.i != tok.i
        ):
            head = tok.head
            if tok.dep_ == "ccomp" and head.lemma_.lower() in _REPORTING:
                break  # "..., the news agency reported": the reporter did not do it
            if tok.dep_ == "xcomp":
                # Object control: "urged Israel to allow" -> Israel does the allowing.
                objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
                if objs and head.lemma_ in _OBJECT_CONTROL:
                    return objs, False
            hs = [c for c in head.children if c.dep_ in _SUBJ]
            if (
                tok.dep_ == "conj"
                and not hs
                and not any(c.dep_ == "auxpass" for c in tok.children)
                and tok.tag_ in ("VB", "VBZ", "VBP")
            ):
                # "was indicted ... and will resign": the passive subject resigns
                hs = [c for c in head.children if c.dep_ == "nsubjpass"]
            if tok.dep_ == "xcomp" and any(c.dep_ == "nsubjpass" for c in head.children):
                # "is set to meet": the passive subject acts
                hs = [c for c in head.children if c.dep_ == "nsubjpass"]
            if hs and head.dep_ == "relcl" and all(t.tag_ in ("WP", "WDT") for t in hs):
                return [antecedent(head)], False  # "the states that met and agreed"
            if hs:
                return hs, False
            tok = head
            continue
        if tok.dep_ == "relcl":
            return [antecedent(tok)], False
        if tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBG"):
            return [tok.head], False  # "youths resorted to throwing stones" misparsed as acl
        break
    return [], False


def antecedent(relcl: Token) -> Token:
    """Who a relative clause's "who/that/which" stands for: the noun it modifies, or the
    member ``X`` when that noun is the group of "X is one of the (N) countries that ...",
    "X was among the states that ...", "X, one of the countries that ..." (see
    :func:`group_member`)."""
    return group_member(relcl.head) or relcl.head


def relative_pronoun(tok: Token) -> bool:
    """``tok`` is the "who/that/which" subject or object of a relative clause."""
    verb = tok.head
    if verb.dep_ != "relcl" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    # ("that" before the subject of its clause is sometimes tagged as a preposition)
    return tok.tag_ in ("WP", "WDT") or (tok.tag_ == "IN" and tok.dep_ == "dobj" and tok.i < verb.i)


def group_member(group: Token) -> Token | None:
    """``X`` when ``group`` is the plural a partitive picks ``X`` out of and says ``X`` is in:
    the object of "of" under a numeral or a quantifier (``read.partitive``: "one of the
    countries", "one of a handful of states") or of "among", where that phrase is the
    predicate of a linking verb whose subject is ``X`` ("X is one of ...", "X remained
    among ...": ``change.group-member``) or in apposition to ``X`` ("X, one of ...")."""
    partitive = rule_words("read.partitive")
    tok = group
    for _ in range(3):  # "one of a handful of the countries"
        prep = tok.head
        if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in partitive:
            break
        if prep.lower_ != "of":  # "among the countries": the phrase itself
            tok = prep
            break
        if not (prep.head.tag_ == "CD" or prep.head.lower_ in partitive):
            break
        tok = prep.head
    if tok is group:
        return None
    if tok.dep_ == "appos":
        return tok.head
    verb = tok.head
    if tok.dep_ in ("attr", "prep", "acomp", "oprd") and (
        verb.lemma_.lower() in rule_words("change.group-member")
    ):
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        return subj[0] if subj else None
    return None


_REPORTING = frozenset({"say", "report", "tell", "write", "add", "note", "quote", "cite"})
_STATIVE_PASSIVE = frozenset(
    [
        "oppose",
        "commit",
        "determine",
        "prepare",
        "engage",
        "involve",
        "dedicate",
        "poise",
        "resolve",
        "opposed",
        "committed",
        "determined",
        "prepared",
        "engaged",
        "involved",
    ]
)
_OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "press",
        "force",
        "order",
        "persuade",
        "encourage",
        "invite",
        "tell",
        "allow",
        "help",
        "warn",
        "request",
        "pressure",
        "push",
        "compel",
        "appeal",
        "demand",
    }
)


def participle_adjunct(verb: Token) -> bool:
    """A past participle that modifies a clause, with no auxiliary or subject of its own
    ("..., killed in a raid", "Backed by Russia, ..."): a passive whose patient is the
    clause's subject."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and verb.head.i != verb.i
        and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark", "dobj")
            for c in verb.children
        )
    )


def reduced_passive(verb: Token) -> bool:
    """A headline's participle with a subject and no auxiliary or object ("protesters killed
    in Iran unrest") is a passive with the auxiliary left out; so is "helicopter shot down"
    (shooting down always has an object)."""
    if any(c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for c in verb.children):
        return False
    if verb.lemma_.lower() in ("shoot", "gun") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in verb.children
    ):
        return True
    return verb.dep_ == "ROOT" and verb.tag_ == "VBN"


def control_complement(clause: Token) -> bool:
    """An infinitive complement with a subject of its own after the verb ("helped Ghana
    build a port", "pressed Iran to stop"), not a finite or modal clause ("said Iran would
    stop")."""
    return (
        clause.dep_ in ("ccomp", "xcomp")
        and clause.tag_ == "VB"
        and clause.i > clause.head.i
        and not any(c.dep_ == "mark" for c in clause.children)
        and all(c.lower_ == "to" for c in clause.children if c.dep_ == "aux")
        and any(c.dep_ == "nsubj" and c.i > clause.head.i for c in clause.children)
    )


def objects(verb: Token, rule: str, extra_preps: Sequence[str] = ()) -> list[Token]:
    """Heads that may name the target of ``verb`` under a pattern's target rule."""
    if rule == "none":
        return []
    out: list[Token] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        out.extend(
            antecedent(verb) if relative_pronoun(c) else c
            for c in verb.children
            if c.dep_ == "nsubjpass"
        )
    elif reduced_passive(verb):
        out.extend(c for c in verb.children if c.dep_ == "nsubj")
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.i != verb.i
        # ("the announcement that the two had reached a deal" is no patient)
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    ):
        out.append(verb.head)  # "five soldiers killed in an ambush": the noun is the patient
    if participle_adjunct(verb):
        out.extend(c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    out.extend(
        # "the countries that the EU sanctioned": the "that" is the clause's antecedent
        antecedent(verb) if relative_pronoun(c) else c
        for c in verb.children
        if c.dep_ in ("dobj", "dative", "attr", "oprd")
    )
    if not any(c.dep_ == "dobj" for c in verb.children):
        # "helped Ghana build a port", "pressured Iran to stop": the one made or helped
        # to act, parsed as the subject of an infinitive complement (``change.control-object``)
        out.extend(
            s
            for c in verb.children
            if control_complement(c)
            for s in c.children
            if s.dep_ == "nsubj"
        )
    # "Turkey met Armenia": a bare name after the verb, misparsed as an adverbial noun
    out.extend(
        c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i > verb.i
    )
    preps = (("with",) if rule == "with" else ("with", *_TARGET_PREPS)) + tuple(extra_preps)
    for c in verb.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            out.extend(gc for gc in c.children if gc.dep_ == "pobj")
        if c.dep_ == "prt":
            for gc in c.children:
                if gc.dep_ == "pobj":
                    out.append(gc)
    return out


def nearest_actors(
    heads: Sequence[Token],
    ctx: DocContext,
    offset: int,
    depth: int = 4,
    skip: frozenset[str] = frozenset(),
    places: bool = True,
    named_objects: bool = True,
) -> list[Actor]:
    """Actors named by ``heads`` or, failing that, the closest ones inside their phrases.

    Possessors are looked at last: in "Russia's support for Cuba" the recipient is Cuba.
    Heads whose lemma is in ``skip`` (the trigger's own object, "staged a protest") are not
    actors themselves, but their phrases are searched.
    """

    def keep(actors: list[Actor]) -> list[Actor]:
        # ("Russia's ... Russia" is no target, but "Trump accused the Democrats" is)
        return [
            a
            for a in actors
            if not (a.kind == "country" and a.code in ctx.avoid and a.sector is None)
        ]

    # ("killed civilians": a pattern's object word that names people is still the target)
    # (but "sent troops to Syria": the troops are sent, not the recipient; ``named_objects``)
    named = [
        h
        for h in heads
        if h.lemma_ not in skip or (named_objects and ctx.lexicon.sector(h.lemma_) is not None)
    ]
    direct = keep(resolve_heads(named, ctx, offset))
    if any(a.code for a in direct):
        return direct
    for allow_poss in (False, True):
        frontier = list(heads)
        for _ in range(depth):
            nxt: list[Token] = []
            for tok in frontier:
                for child in tok.children:
                    if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "mark"):
                        continue
                    if not places and child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                        continue  # "held talks in Cairo": a place, not a party
                    if child.dep_ == "poss" and not allow_poss:
                        continue
                    nxt.append(child)
            # ("condemned Russian aggression": a national adjective names the party, but
            # only with a code: "military aggression" names no one)
            cands = [
                t
                for t in nxt
                if t.pos_ in ("PROPN", "NOUN", "PRON") or (t.pos_ == "ADJ" and t.dep_ == "amod")
            ]
            for cand in sorted(cands, key=lambda c: c.i):
                found = keep(resolve_heads([cand], ctx, offset))
                if cand.pos_ == "ADJ" and not any(a.code for a in found):
                    continue
                if found and (any(a.code for a in found) or not direct):
                    return found
            frontier = nxt
    return direct or _unlisted_name(named, offset)


def _unlisted_name(heads: Sequence[Token], offset: int) -> list[Actor]:
    """ "criticized Elizabeth Warren", "is investigating WeWork": a person or organisation
    named as the object but in no dictionary is still the target, without a code."""
    for head in heads:
        # (the small model often calls an unknown company a FAC or PRODUCT, or a noun)
        camel = head.text[:1].isupper() and any(ch.isupper() for ch in head.text[1:3])
        if head.ent_type_ not in ("PERSON", "ORG", "FAC", "PRODUCT") and not camel:
            continue
        if head.pos_ != "PROPN" and not camel:
            continue
        ent = next((e for e in entities(head.doc) if e.start <= head.i < e.end), None)
        if ent is not None and ent.root.i != head.i:
            continue
        kind: ActorKind = "person" if ent is not None and ent.label_ == "PERSON" else "org"
        first, last = (ent[0], ent[-1]) if ent is not None else (head, head)
        start, end = first.idx, last.idx + len(last)
        text = doc_text(head.doc)[start:end]
        return [Actor(text, None, None, text, kind, offset + start, offset + end)]
    return []
