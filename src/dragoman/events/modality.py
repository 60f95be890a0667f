"""Negation and modality of an event trigger, read off the dependency parse.

- negated: "did not meet", "never attacked", "no talks were held", "failed to agree".
- intent: "will meet", "is set to meet", "plans to visit", "is due to sign".
- hypothetical: "could attack", "would impose ... if", questions, conditionals.
- reported: the event is the complement of a speech verb ("X said Y attacked Z") or is
  attributed ("according to"). A bare "said" is never an event by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dragoman.events.rulebook import words as rule_words
from dragoman.nlp import doc_text
from dragoman.records import Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

# The word lists are named data (data/rules.yaml, read.* ids).
_FUTURE_AUX = rule_words("read.future-aux")
_HYPOTHETICAL_AUX = rule_words("read.hypothetical-aux")
_INTENT_HEADS = rule_words("read.intent-heads")
_NEGATING_HEADS = rule_words("read.negating-heads")
_DENYING_HEADS = rule_words("read.denying-heads")
_SUPPOSITIONS = rule_words("read.suppositions")
_SPEECH = rule_words("read.speech-verbs")
_WISH_HEADS = rule_words("read.wish-heads")
_CONDITIONAL_MARKS = rule_words("read.conditional-marks")
_HABIT_MARKERS = rule_words("read.habit-markers")


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _governing_modals(verb: Token) -> set[str]:
    """The modal auxiliaries of the verbs that govern ``verb`` in its own clause: "may
    retaliate and start shelling", "may have to consider asking": the modal of the first
    verb is said of the chained ones too. A conjunct with a subject of its own is a clause of
    its own ("Iran may retaliate and Israel attacked")."""
    out: set[str] = set()
    cur = verb
    for _ in range(4):
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            break
        if cur.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            break
        cur = cur.head
        out |= _aux(cur) & _HYPOTHETICAL_AUX
    return out


def _no_object(verb: Token) -> bool:
    """ "offered no concessions", "made no attempt": the object is negated."""
    return any(
        c.dep_ == "dobj" and any(g.lower_ == "no" and g.dep_ == "det" for g in c.children)
        for c in verb.children
    )


def _present(verb: Token) -> bool:
    """A present-tense clause: "is arrested", "attack", "arrests"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxes:
        return auxes[0].tag_ in ("VBZ", "VBP")
    return verb.tag_ in ("VBZ", "VBP")


def is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children) or _no_object(tok):
        return True
    if any(
        c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod", "neg") for c in tok.children
    ):
        return True
    head = tok.head
    # "failed to reach", "did not agree to meet": negation on the governing verb.
    if tok.dep_ == "xcomp" and head.i != tok.i:
        if head.lemma_ in _NEGATING_HEADS:
            return True
        if any(c.dep_ == "neg" for c in head.children):
            return True
    # Nominal trigger: "no talks were held" / "did not hold talks".
    if (
        tok.pos_ in ("NOUN", "PROPN")
        and tok.dep_ in ("dobj", "nsubjpass", "nsubj")
        and head.i != tok.i
    ):
        return any(c.dep_ == "neg" for c in head.children)
    return False


def negated_in_past(tok: Token) -> bool:
    """ "did not meet", "had not released", "failed to agree": a negated past act is no act;
    only a refusal ("refused to", "will not", "does not recognise") is a CAMEO rejection."""
    verbs = [tok, tok.head] if tok.dep_ in ("xcomp", "dobj", "nsubjpass", "nsubj") else [tok]
    for verb in verbs:
        if verb.lemma_ == "fail" and verb.tag_ == "VBD":
            return True
        no_object = _no_object(verb)
        if not (no_object or any(c.dep_ == "neg" for c in verb.children)):
            continue
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & {"did", "had", "has", "have", "was", "were"}:
            return True
        if no_object and verb.tag_ == "VBD":
            return True  # "offered no concessions"
    return False


def is_denied(tok: Token) -> bool:
    """ "denied sending weapons", "rejected claims that it attacked": disputed, not done;
    "the idea that the U.S. is training IS", "speculation that Iran attacked": supposed."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "acl"):
            return False
        clause = cur.dep_ in ("acl", "ccomp")
        cur = cur.head
        if cur.lemma_ in _DENYING_HEADS:
            return True
        if clause and cur.pos_ == "NOUN" and cur.lemma_.lower() in _SUPPOSITIONS:
            return True
    return False


def modality(tok: Token) -> Modality:
    sent_text = doc_text(tok.doc).rstrip()
    if sent_text.endswith("?"):
        return "hypothetical"
    chain = [tok]
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "prep", "dobj"):
            cur = cur.head
            chain.append(cur)
        else:
            break
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    aux = _aux(verb)
    if not aux and verb.dep_ == "conj" and verb.tag_ == "VB":
        aux = _aux(verb.head)  # "will meet Ukraine and discuss the ceasefire": "will" for both
    aux = aux | _governing_modals(verb)
    reported = any(t.lemma_ in _SPEECH and t.pos_ in ("VERB", "AUX") for t in chain[1:])
    if aux & _HYPOTHETICAL_AUX and not (
        verb.lemma_ in ("like", "love") and aux & _HYPOTHETICAL_AUX <= {"would", "'d"}
    ):
        # "would like Germany to send troops" is a wish said now, not a hypothetical.
        # "said they would meet": future in the past, an announced intention.
        if reported and aux & _HYPOTHETICAL_AUX <= {"would", "'d"}:
            return "intent"
        return "hypothetical"
    for t in chain:
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS:
                return "hypothetical"
            if (
                c.dep_ == "advmod"
                and c.lower_ in _HABIT_MARKERS
                and (_present(t) or (t.tag_ == "VBN" and not _aux(t)))
            ):
                # "the usual process when a British citizen is arrested abroad", "they flee
                # when attacked": a habit
                return "hypothetical"
    # "would like to ban", "reluctant to commit", "efforts to get X to", "a need
    # for X to": a wished, planned or shunned act, not a done one.
    cur = verb
    for _ in range(5):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("xcomp", "ccomp", "acl", "advcl", "relcl", "pobj", "prep", "pcomp"):
            head = cur.head
            if (
                head.lemma_ in _WISH_HEADS
                or (head.lemma_ in ("like", "love", "see") and _aux(head) & {"would", "'d"})
                # "it would have been difficult for them to endorse him"
                or any(c.dep_ == "acomp" and c.lemma_ in _WISH_HEADS for c in head.children)
            ):
                return "hypothetical"
            if cur.dep_ in ("xcomp", "ccomp") and _aux(head) & _HYPOTHETICAL_AUX - {"would", "'d"}:
                return "hypothetical"
            cur = head
        else:
            break
    cur = verb
    for _ in range(4):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        # "a plan to help the farmers", "for Damascus to allow the U.N. to deliver aid": an
        # infinitive of purpose or of a noun's content is aimed at, not done
        if infinitive and cur.dep_ in ("acl", "advcl", "relcl"):
            # ("for Damascus to allow": someone else's act, wished for by the speaker)
            wished = any(c.dep_ == "mark" and c.lower_ == "for" for c in cur.children)
            return "hypothetical" if wished else "intent"
        # ("a duty to inform you that Fahie was detained": a "that" clause is told as fact)
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i or not infinitive:
            break
        cur = cur.head
    if aux & _FUTURE_AUX:
        return "intent"
    if any(c.lower_ == "going" for c in verb.children if c.dep_ == "aux"):
        return "intent"
    cur = verb
    for _ in range(3):  # "prepared to resume shelling", "plans to start talks"
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_ in _INTENT_HEADS or _aux(cur) & _FUTURE_AUX:
            return "intent"
    if tok.dep_ in ("dobj", "pobj") and tok.head.lemma_ in _INTENT_HEADS:
        return "intent"
    if verb.dep_ == "xcomp" and _aux(verb.head) & _FUTURE_AUX:
        return "intent"
    for t in chain[1:]:
        if t.lemma_ in _SPEECH and t.pos_ in ("VERB", "AUX"):
            return "reported"
    if any(t.lower_ == "according" for t in tok.doc):
        return "reported"
    return "actual"
