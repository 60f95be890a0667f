"""The event coder: parsed sentences in, CAMEO/PLOVER events with evidence out.

For each sentence: find triggers (verbs and nouns matching :mod:`patterns`), drop those another
trigger absorbs ("urged X to withdraw" is one request, "condemned the attack" one criticism),
find source and target actors from the dependency structure, read negation and modality, and
attach date, place, quantities, confidence and provenance. Statements (CAMEO 01) are never
coded, and an event needs at least one actor unless it is material conflict.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dragoman import __version__
from dragoman.actors import ActorLexicon
from dragoman.attributes import confidence, event_date, event_location, quantities
from dragoman.events.arguments import (
    DocContext,
    nearest_actors,
    objects,
    resolve_heads,
    resolve_phrase,
    subjects,
)
from dragoman.events.modality import is_negated, modality
from dragoman.events.ontology import cameo, intent_code
from dragoman.events.patterns import PREPOSITIONS, Pattern, PatternIndex
from dragoman.records import Actor, Article, DocInfo, Event, Evidence, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dragoman.settings import Settings

_REGION_SKIP = frozenset(
    {"nsubj", "csubj", "conj", "cc", "advcl", "punct", "mark", "parataxis", "relcl", "appos"}
)
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_ANNOUNCING = frozenset({"announce", "say", "declare", "confirm", "state", "pledge", "decide"})
_ACTORLESS_OK = frozenset({"14", "15", "17", "18", "19", "20"})


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    pattern: Pattern
    span: tuple[int, int]  # token index range of the trigger words


def _region(verb: Token) -> list[Token]:
    out: list[Token] = []
    stack = [c for c in verb.children if c.dep_ not in _REGION_SKIP]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "advcl", "parataxis"))
    return out


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _verb_keys(tok: Token) -> list[str]:
    """The trigger's lemma, then crude stems of its form (the lemmatizer misses some verbs)."""
    low = tok.lower_
    keys = [_lemma(tok), low]
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
    ):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            keys.append(low[: len(low) - len(suffix)] + repl)
    return keys


def match_verb(tok: Token, index: PatternIndex) -> Pattern | None:
    cands: tuple[Pattern, ...] = ()
    for key in _verb_keys(tok):
        cands = index.verbs.get(key, ())
        if cands:
            break
    if not cands:
        return None
    region = _region(tok)
    lemmas = {_lemma(t) for t in region} | {t.lower_ for t in region}
    preps = {t.lower_ for t in region if t.dep_ in ("prep", "prt", "agent", "dative", "aux")}
    preps |= {t.lower_ for t in tok.children if t.lower_ in PREPOSITIONS}
    for p in cands:
        if all(w in preps for w in p.preps) and all(w in lemmas for w in p.objects):
            return p
    return None


def match_noun(tok: Token, index: PatternIndex) -> tuple[Pattern, tuple[int, int]] | None:
    cands = index.nouns.get(_lemma(tok)) or index.nouns.get(tok.lower_)
    if not cands:
        return None
    doc = tok.doc
    for p in cands:
        n = len(p.objects)
        if n == 0:
            return p, (tok.i, tok.i + 1)
        start = tok.i - n
        if start < 0:
            continue
        words = [_lemma(doc[j]) for j in range(start, tok.i)]
        lowers = [doc[j].lower_ for j in range(start, tok.i)]
        if all(a == b or c == b for a, c, b in zip(words, lowers, p.objects, strict=True)):
            return p, (start, tok.i + 1)
    return None


def find_triggers(doc: Doc, index: PatternIndex) -> list[Trigger]:
    triggers: list[Trigger] = []
    for tok in doc:
        if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            p = match_verb(tok, index)
            if p is not None:
                triggers.append(Trigger(tok, p, (tok.i, tok.i + 1)))
        elif tok.pos_ in ("NOUN", "PROPN"):
            m = match_noun(tok, index)
            if m is not None:
                p, span = m
                head = doc[span[0] : span[1]].root
                triggers.append(Trigger(head, p, span))
    return triggers


def _ancestors_until(tok: Token, stop: Token) -> list[Token]:
    chain = []
    cur = tok
    while cur.head.i != cur.i:
        chain.append(cur)
        if cur.head.i == stop.i:
            return chain
        cur = cur.head
    return []


def _suppressed(trigger: Trigger, verbs: Sequence[Trigger]) -> bool:
    """Is ``trigger`` the complement of another trigger that absorbs or governs it?"""
    tok = trigger.token
    for other in verbs:
        if other is trigger or other.token.i == tok.i:
            continue
        chain = _ancestors_until(tok, other.token)
        if not chain:
            continue
        first_dep = chain[-1].dep_
        if first_dep in ("nsubj", "nsubjpass", "csubj", "conj", "parataxis"):
            continue
        if trigger.pattern.kind == "noun":
            return True  # "condemned the attack": the verb's event only
        if other.pattern.absorb and first_dep in ("xcomp", "ccomp", "dobj", "prep", "pcomp"):
            return True
        if first_dep == "prep" and chain[-1].lower_ in ("of", "for", "over", "about"):
            return True  # "accused Russia of shelling", "condemned X for attacking"
        if (
            first_dep == "advcl"
            and tok.tag_ == "VBG"
            and trigger.pattern.code[:2] in _VIOLENT_ROOTS
            and other.pattern.code[:2] in _VIOLENT_ROOTS
        ):
            return True  # "struck targets, killing 12": one event
    return False


def _event_id(
    doc_id: str, index: int, code: str, src: Sequence[Actor], tgt: Sequence[Actor], token: int
) -> str:
    key = "|".join(
        [
            doc_id,
            str(index),
            code,
            str(token),
            ",".join(sorted(f"{a.code}{a.sector}{a.name}" for a in src)),
            ",".join(sorted(f"{a.code}{a.sector}{a.name}" for a in tgt)),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _noun_arguments(tok: Token, ctx: DocContext, offset: int) -> tuple[list[Actor], list[Actor]]:
    src_heads: list[Token] = []
    tgt_heads: list[Token] = []
    between: list[Token] = []
    for c in tok.children:
        if c.dep_ == "poss" or (
            c.dep_ in ("amod", "compound", "nmod") and c.pos_ in ("ADJ", "PROPN", "NOUN")
        ):
            src_heads.append(c)
        elif c.dep_ == "prep":
            pobjs = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ in ("by", "from"):
                src_heads.extend(pobjs)
            elif c.lower_ == "between":
                between.extend(pobjs)
            elif c.lower_ in (
                "on",
                "against",
                "with",
                "to",
                "for",
                "in",
                "at",
                "toward",
                "towards",
            ):
                tgt_heads.extend(pobjs)
    src = [a for h in src_heads for a in resolve_phrase(h, ctx, offset)]
    if between:
        src.extend(resolve_heads(between, ctx, offset))
    tgt = resolve_heads(tgt_heads, ctx, offset)
    # "in Syria" names a place, not a recipient, unless it is a capital used as a government.
    return src, tgt


def _introduce_people(doc: Doc, ctx: DocContext, offset: int) -> None:
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            resolve_phrase(ent.root, ctx, offset)


def code_sentence(
    article: Article,
    sentence: Sentence,
    doc: Doc,
    ctx: DocContext,
    index: PatternIndex,
    settings: Settings,
) -> list[Event]:
    """All events of one parsed sentence."""
    offset = sentence.start
    _introduce_people(doc, ctx, offset)
    triggers = find_triggers(doc, index)
    kept = [t for t in triggers if not _suppressed(t, triggers)]
    events: list[Event] = []
    seen: set[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]] = set()
    quants = quantities(sentence.text)
    doc_info = DocInfo(article.url, article.title, article.publisher, article.date)
    mentioned: list[Actor] = []
    for trig in kept:
        tok, pattern = trig.token, trig.pattern
        if pattern.kind == "verb":
            subj_heads, _passive = subjects(tok)
            src = resolve_heads(subj_heads, ctx, offset)
            if not src and tok.dep_ in ("ccomp",) and tok.head.lemma_ in _ANNOUNCING:
                # "Lavrov announced that the debt would be reinvested": the speaker acts.
                src = resolve_heads(
                    [c for c in tok.head.children if c.dep_ == "nsubj"], ctx, offset
                )
            ctx.avoid = frozenset(a.code for a in src if a.code)
            tgt = nearest_actors(objects(tok, pattern.target, pattern.preps), ctx, offset)
            ctx.avoid = frozenset()
        else:
            src, tgt = _noun_arguments(tok, ctx, offset)
        code = pattern.code
        root = code[:2]
        negated = is_negated(tok)
        mod = modality(tok)
        if negated and not settings.keep_negated:
            continue
        if mod == "intent" and (ic := intent_code(code)) is not None:
            code = ic
        src_keys = {(s.code, s.sector, s.name) for s in src}
        src_codes = {s.code for s in src}
        tgt = [
            a
            for a in tgt
            if (a.code, a.sector, a.name) not in src_keys
            and not (a.kind == "country" and a.code in src_codes)
        ]
        if not src and root not in _ACTORLESS_OK:
            continue
        if pattern.kind == "noun" and not src and not tgt:
            continue
        info = cameo(code)
        if info.plover is None:
            continue
        key = (code, tuple(a.code for a in src), tuple(a.code for a in tgt))
        if key in seen:
            continue
        seen.add(key)
        mentioned.extend(src)
        mentioned.extend(tgt)
        date, precision = event_date(doc, article.date, mod)
        loc = event_location(doc, ctx.lexicon, tok)
        span_tokens = [doc[trig.span[0]], doc[trig.span[1] - 1]]
        starts = [a.start for a in (*src, *tgt) if a.start >= 0] + [
            offset + t.idx for t in span_tokens
        ]
        ends = [a.end for a in (*src, *tgt) if a.end >= 0] + [
            offset + t.idx + len(t) for t in span_tokens
        ]
        ev_start, ev_end = min(starts), max(ends)
        conf = confidence(
            kind=pattern.kind,
            specificity=pattern.specificity,
            has_source=bool(src),
            has_target=bool(tgt),
            coded_source=any(a.code for a in src),
            modality=mod,
            pronoun=any(t.pos_ == "PRON" for t in subjects(tok)[0])
            if pattern.kind == "verb"
            else False,
        )
        if conf < settings.min_confidence:
            continue
        events.append(
            Event(
                event_id=_event_id(article.doc_id, sentence.index, code, src, tgt, tok.i),
                doc_id=article.doc_id,
                sentence_index=sentence.index,
                sentence=sentence.text,
                date=date,
                date_precision=precision,
                cameo=code,
                cameo_root=code[:2],
                quad_class=info.quad_class,
                goldstein=info.goldstein,
                plover=info.plover,
                plover_mode=info.plover_mode,
                plover_context=info.plover_context,
                source=tuple(src),
                target=tuple(tgt),
                location=loc,
                quantities=quants,
                negated=negated,
                modality=mod,
                confidence=conf,
                evidence=Evidence(ev_start, ev_end, article.text[ev_start:ev_end]),
                doc=doc_info,
                coder_version=__version__,
                rule=f"{pattern.pattern_id} @ {tok.text}",
            )
        )
    # Remember who acted, for pronouns and "the country" in later sentences.
    for trig in kept:
        if trig.pattern.kind == "verb":
            for a in resolve_heads(subjects(trig.token)[0], ctx, offset):
                if a.kind == "person":
                    ctx.last_person = a
    if not kept:
        for tok in doc:
            if tok.dep_ == "nsubj":
                for a in resolve_heads([tok], ctx, offset):
                    if a.kind == "person":
                        ctx.last_person = a
    all_mentions = list(mentioned)
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            all_mentions.extend(resolve_phrase(ent.root, ctx, offset))
    ctx.note_countries(all_mentions)
    return events


def code_article(
    article: Article,
    sentences: Sequence[Sentence],
    docs: Sequence[Doc],
    settings: Settings,
    lexicon: ActorLexicon,
    index: PatternIndex,
) -> list[Event]:
    """Events of one article, its sentences parsed in ``docs`` (same order)."""
    ctx = DocContext(date=article.date, lexicon=lexicon)
    out: list[Event] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        out.extend(code_sentence(article, sentence, doc, ctx, index, settings))
    return out
