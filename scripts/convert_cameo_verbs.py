"""Convert PETRARCH2's CAMEO verb dictionary into dragoman's packaged verb-pattern table.

    .venv/bin/python scripts/convert_cameo_verbs.py [CAMEO.2.0.txt] [OUT.tsv]

Defaults: ``$DRAGOMAN_SHARED/data/dictionaries/petrarch2/CAMEO.2.0.txt`` (``../shared`` beside
the repository when the variable is unset) and ``src/dragoman/events/data/petrarch2_verbs.tsv``.
The output is deterministic: rerunning the script on the same dictionary gives the same file
(tests/test_petrarch_verbs.py checks the committed table against it).

The dictionary (Open Event Data Alliance, MIT) holds synonym sets (``&NAME`` with ``+member``
lines) and verb blocks ``--- NAME [code] ---``: the block's verbs (``HURRY {HURRIES ...}``,
compounds ``+CALL_OFF``, an optional own ``[code]``) and its patterns
``- PRE-VERB * POST-VERB (PREP NOUN ...) [code]``, where ``{A B}`` is a noun phrase headed by
its last word, ``&SET`` a synonym set, ``$``/``+`` mark the source/target and ``^`` skips a word.
Each verb of a block takes every pattern of the block.

Entries are kept or dropped by class, over the dictionary's structure (see CLASSES), never one
phrase at a time; the table's header counts every class.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "dragoman" / "events" / "data" / "petrarch2_verbs.tsv"
DICTIONARY = Path("data") / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"

# What each class of dictionary entry becomes. "keep" classes are written to the table.
CLASSES: dict[str, tuple[str, str]] = {
    "object": ("keep", "a verb with an object or a prepositional object: specific"),
    "particle-only": ("drop", "a verb with particles or prepositions only ('come to')"),
    "bare-verb": ("drop", "a verb alone, coded with its block's (or its own) code"),
    "null-code": ("drop", "code '---' or no code before ':': the phrase is no event"),
    "statement": ("drop", "CAMEO 01/02 (comments, appeals): would flood the output"),
    "speech-block": ("drop", "a phrase of a block of saying verbs (code 01/02): reported content"),
    "unknown-code": ("drop", "a code missing from cameo.tsv"),
    "subject-condition": ("drop", "words before the verb (a subject condition): not expressible"),
    "role-marker": ("drop", "'$'/'+' source/target markers: roles the table cannot swap"),
    "two-preps": ("drop", "two prepositional phrases: our phrase cannot bind nouns to them"),
    "conjunction": ("drop", "a pattern with 'and'/'or' as a word: a coordination, no object"),
    "fixed-string": ("drop", "a compound with an empty form list ('+KILLED_AND {}'): no verb"),
    "undefined-set": ("drop", "a pattern naming a synonym set the file never defines"),
    "self-conflict": ("drop", "a phrase the dictionary itself gives two different codes"),
}

# Statements and appeals: CAMEO 01 and 02.
STATEMENT_ROOTS = frozenset({"01", "02"})
_ARTICLES = frozenset({"a", "an", "the"})
_CONJUNCTIONS = frozenset({"and", "or", "but", "nor"})
# A synonym set with more members than this is a list of names (see set_heads).
NAME_LIST = 30
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str  # the verb's lemma, with a hyphenated prefix ("re-arrest")
    particles: tuple[str, ...]  # words after the verb in a compound ("call off")
    code: str | None  # its own code, else None (the block's)
    line: int
    fixed: bool = False  # a compound with an empty form list: a fixed word sequence


@dataclass(frozen=True, slots=True)
class Block:
    name: str
    code: str
    line: int
    verbs: tuple[Verb, ...]
    patterns: tuple[tuple[int, str], ...]  # (line number, pattern text without comment)


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    phrase: str
    klass: str
    block: str
    line: int


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets (name -> member phrases) and the verb blocks, in file order."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current: str | None = None
    block: tuple[str, str, int] | None = None
    verbs: list[Verb] = []
    patterns: list[tuple[int, str]] = []
    in_patterns = False

    def close() -> None:
        if block is not None:
            blocks.append(Block(block[0], block[1], block[2], tuple(verbs), tuple(patterns)))

    for n, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), 1):
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if not in_patterns:
            if line.startswith("&"):
                current = line.strip().rstrip("_")
                synsets[current] = []
            elif line.startswith("+") and current is not None:
                synsets[current].append(line[1:].strip())
            continue
        if line.startswith("---"):
            close()
            parts = line.split()
            match = _CODE.search(line)
            block = (parts[1], match.group(1) if match else "---", n)
            verbs, patterns = [], []
        elif line.startswith("-"):
            patterns.append((n, line[1:].strip()))
        elif block is not None:
            verb = _read_verb(line, n)
            if verb is not None:
                verbs.append(verb)
    close()
    return synsets, blocks


def _read_verb(line: str, n: int) -> Verb | None:
    match = _CODE.search(line)
    code = match.group(1) if match else None
    head = line.split("{", 1)[0].split("[", 1)[0].split()
    if not head:
        return None
    word = head[0].lower()
    if "_" not in word:
        return Verb(word.lstrip("+"), (), code, n)
    fixed = "{" in line and not line.split("{", 1)[1].split("}", 1)[0].strip()
    parts = word.split("_")
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    verb_at = marked[0] if marked else 0
    if verb_at > 0:
        # "RE_+ARREST": the words before the verb are a hyphenated prefix
        lemma = "-".join([*parts[:verb_at], parts[verb_at].lstrip("+")])
        return Verb(lemma, tuple(parts[verb_at + 1 :]), code, n, fixed)
    return Verb(parts[0].lstrip("+"), tuple(p for p in parts[1:] if p), code, n, fixed)


def _singular(word: str) -> str:
    """Patterns name object lemmas: "sanctions" -> "sanction", "talks" -> "talk"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ews")):
        return word[:-1]
    return word


def _words(phrase: str) -> list[str]:
    return [w for w in phrase.replace("_", " ").lower().split() if w]


def _expand(tokens: list[str], synsets: dict[str, list[str]]) -> Iterator[list[str]]:
    """Every reading of a pattern's token list, with synonym sets replaced by their members."""
    for i, tok in enumerate(tokens):
        bare = tok.strip("{}()")
        if "/" in bare:  # "(BY/WITH SANCTIONS)": either word
            for alt in bare.split("/"):
                replaced = tok.replace(bare, alt)
                yield from _expand([*tokens[:i], replaced, *tokens[i + 1 :]], synsets)
            return
        if bare.startswith("&"):
            name = bare.rstrip("_")
            if name not in synsets:
                raise KeyError(name)
            heads = set_heads(synsets[name])
            for head in heads:
                replaced = tok.replace(bare, head)
                yield from _expand([*tokens[:i], replaced, *tokens[i + 1 :]], synsets)
            return
    yield tokens


def _drop_set_modifiers(tokens: list[str]) -> list[str]:
    """In a noun phrase "{&FIGHT &CRIME}" a synonym set that modifies the head is left out: the
    phrase is matched on its head (and literal modifiers), never on a product of two sets."""
    out: list[str] = []
    inside = False
    for tok in tokens:
        opens, closes = "{" in tok, "}" in tok
        modifier = (inside or opens) and not closes
        if not (modifier and tok.strip("{}()").startswith("&")):
            out.append(tok)
        elif opens:
            out.append("(" * tok.count("("))  # keep the bracket structure
        inside = (inside or opens) and not closes
    return [t for t in out if t]


def set_heads(members: list[str]) -> list[str]:
    """The head nouns a synonym set stands for. A member stands for its head (its last word:
    "{AK-47 RIFLE}" -> "rifle"). A set longer than NAME_LIST is a list of names (weapon
    systems, aircraft, currencies): only heads that several members share, the generic nouns
    ("missile", "helicopter"), stand for it."""
    heads = Counter(_singular(_words(m.strip("_"))[-1]) for m in members if _words(m))
    if len(members) > NAME_LIST:
        return sorted(h for h, n in heads.items() if n >= 2)
    return sorted(heads)


def _phrase_words(tokens: list[str]) -> list[str]:
    """Pattern tokens after the verb -> our phrase words (particles, prepositions, objects)."""
    out: list[str] = []
    for tok in tokens:
        word = tok.strip("{}()").lower()
        if not word or word == "^" or word in _ARTICLES:
            continue
        out.append(_singular(word))
    return out


def _classify_code(raw: str, table: set[str]) -> tuple[str | None, str | None]:
    """(code, None) when usable, else (None, the class that drops it)."""
    code = raw.split(":", 1)[0].strip()
    if not code or code == "---" or not code.isdigit():
        return None, "null-code"
    if code[:2] in STATEMENT_ROOTS:
        return None, "statement"
    if code not in table:
        return None, "unknown-code"
    return code, None


def convert(
    synsets: dict[str, list[str]], blocks: list[Block], table: set[str], particles: frozenset[str]
) -> tuple[list[Entry], Counter[str]]:
    """Classify every phrase the dictionary yields; return the kept entries and class counts.

    ``particles`` are the words our phrase syntax reads as particles or prepositions."""
    counts: Counter[str] = Counter()
    candidates: list[Entry] = []

    def add(code: str, lemma: str, words: list[str], block: Block, line: int) -> None:
        if not words:
            klass = "bare-verb"
        elif all(w in particles for w in words):
            klass = "particle-only"
        else:
            klass = "object"
        candidates.append(Entry(code, " ".join([lemma, *words]), klass, block.name, line))

    for block in blocks:
        # 1. every verb of a block with every pattern of the block.
        for n, text in block.patterns:
            match = _CODE.search(text)
            if match is None:
                continue
            pre, _, post = text[: match.start()].partition("*")
            code, dropped = _classify_code(match.group(1), table)
            tokens = post.split()
            if dropped is None and block.code.split(":", 1)[0][:2] in STATEMENT_ROOTS:
                dropped = "speech-block"  # "- * ATTACK ON + AS &CRIME" under SAY: said content
            if dropped is None and pre.strip():
                dropped = "subject-condition"
            if dropped is None and any(t.strip("{}()") in ("$", "+", "%") for t in tokens):
                dropped = "role-marker"
            if dropped is None and sum(t.startswith("(") for t in tokens) > 1:
                dropped = "two-preps"
            if dropped is None and any(t.strip("{}()").lower() in _CONJUNCTIONS for t in tokens):
                dropped = "conjunction"
            try:
                readings = list(_expand(_drop_set_modifiers(tokens), synsets))
            except KeyError:
                readings, dropped = [], dropped or "undefined-set"
            for verb in block.verbs:
                for reading in readings or [[]]:
                    if verb.fixed:
                        counts["fixed-string"] += 1
                    elif dropped is not None or code is None:
                        counts[dropped or "null-code"] += 1
                    else:
                        add(code, verb.lemma, [*verb.particles, *_phrase_words(reading)], block, n)
        # 2. the verb alone, coded with its own or its block's code.
        for verb in block.verbs:
            code, dropped = _classify_code(verb.code or block.code, table)
            if verb.fixed:
                counts["fixed-string"] += 1
            elif code is None:
                counts[dropped or "null-code"] += 1
            else:
                add(code, verb.lemma, list(verb.particles), block, verb.line)
    # 3. a phrase the dictionary gives two different codes is dropped; duplicates merge; then
    # each class is kept or dropped as CLASSES says.
    codes_of: dict[str, set[str]] = defaultdict(set)
    for entry in candidates:
        codes_of[entry.phrase].add(entry.code)
    kept: dict[str, Entry] = {}
    seen: set[str] = set()
    for entry in candidates:
        if len(codes_of[entry.phrase]) > 1:
            counts["self-conflict"] += 1
        elif entry.phrase not in seen:
            seen.add(entry.phrase)
            counts[entry.klass] += 1
            if CLASSES[entry.klass][0] == "keep":
                kept[entry.phrase] = entry
    return sorted(kept.values(), key=lambda e: (e.code, e.phrase)), counts


def render(entries: list[Entry], counts: Counter[str]) -> str:
    by_root = Counter(e.code[:2] for e in entries)
    head = [
        "# dragoman verb patterns converted from PETRARCH2's CAMEO verb dictionary",
        "# (CAMEO.2.0.txt). Source: Open Event Data Alliance, PETRARCH2 / Phoenix dictionaries,",
        "# MIT License, Copyright (c) 2015 Open Event Data Alliance (full notice: the dictionary).",
        "# Generated by scripts/convert_cameo_verbs.py: do not edit; rerun the script instead.",
        "# Phrases use the syntax of patterns.yaml ('LEMMA [PREP ...] [OBJECT-LEMMA ...]');",
        "# patterns.yaml wins over this table on a phrase both list.",
        "# Columns: code, phrase, class, block (the dictionary's verb block), line in the file.",
        "# Classes (kept or dropped, with the number of phrases):",
    ]
    for name, (verdict, what) in CLASSES.items():
        head.append(f"#   {name} ({verdict}, {counts.get(name, 0)}): {what}")
    head.append("# Kept per CAMEO root: " + ", ".join(f"{r} {by_root[r]}" for r in sorted(by_root)))
    rows = [f"{e.code}\t{e.phrase}\t{e.klass}\t{e.block}\t{e.line}" for e in entries]
    return "\n".join([*head, "code\tphrase\tclass\tblock\tline", *rows]) + "\n"


def build(dictionary: Path) -> str:
    """The table's text for a dictionary file."""
    sys.path.insert(0, str(REPO / "src"))
    from dragoman.events.ontology import cameo_table
    from dragoman.events.patterns import PREPOSITIONS

    synsets, blocks = read_dictionary(dictionary)
    entries, counts = convert(synsets, blocks, set(cameo_table()), PREPOSITIONS)
    return render(entries, counts)


def default_dictionary() -> Path:
    shared = os.environ.get("DRAGOMAN_SHARED")
    return (Path(shared) if shared else REPO.parent / "shared") / DICTIONARY


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dictionary", nargs="?", type=Path, default=default_dictionary())
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    text = build(args.dictionary)
    args.out.write_text(text, encoding="utf-8")
    kept = sum(1 for line in text.splitlines() if line and not line.startswith("#")) - 1
    sys.stdout.write(f"{kept} phrases written to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
