"""Article -> Sentences: a fast rule-based splitter with exact character offsets.

Every newline ends a sentence (paragraphs and lines never merge). Inside a line a sentence ends
at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and brackets) followed by space and a
capital, digit or opening quote, unless the word before the period is an abbreviation:

* titles and other never-final abbreviations (``Mr.``, ``Dr.``, ``Gen.``, ``Sen.``, ``St.``,
  ``No.``, months ...) and single-letter initials (``J. Smith``) never end a sentence;
* dotted acronyms and company suffixes (``U.S.``, ``U.N.``, ``Inc.``, ``Ltd.``) end one only
  when the next word is a usual sentence opener ("... in the U.S. The talks ...").

A wire dateline opening a paragraph ("HAVANA, April 29, 2014 (AP) - ") is a segment of its
own. Sentences longer than ``max_chars`` are cut at the last clause punctuation (``;``,
``:``, ``,``, dashes) before the limit, else at the last space, else hard at the limit. For
every sentence ``sentence.text == article.text[sentence.start:sentence.end]``.
"""

from __future__ import annotations

import re

from dragoman.records import Article, Sentence


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: Abbreviations after which a sentence never ends (compared lower-case, without the period).
NEVER_FINAL: frozenset[str] = _words(
    """
    mr mrs ms messrs mme mlle dr prof gen lt col maj capt cpt cmdr adm sgt cpl pvt brig
    sen rep gov pres amb ambs supt insp det rev fr sr sra hon atty
    st ste mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec
    vs v cf approx est ca e.g i.e viz al
    """
)
#: Abbreviations that precede a number ("No. 10", "Art. 5"); final when no number follows.
BEFORE_NUMBER: frozenset[str] = _words("no nos vol vols art arts fig figs pp ch sec para")
#: Abbreviations that end a sentence when a usual sentence opener follows.
MAYBE_FINAL: frozenset[str] = _words("inc ltd co corp bros plc llc etc jr a.m p.m am pm")
#: Words that typically open a sentence (after an ambiguous abbreviation).
OPENERS: frozenset[str] = _words(
    """
    the a an he she it they we i you his her its their our this that these those there
    but and however meanwhile in on at after before when while if as since although though
    according officials police some many most one two three four five several no not
    mr mrs ms dr president prime minister earlier later last next on monday tuesday wednesday
    thursday friday saturday sunday
    """
)

_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]*[A-Z0-9À-ÖØ-Þ])"
    # "on Wednesday.The stabbing": a page that lost the space after a full stop
    r"|(?<=[a-z]{3})\.(?!(?:Com|Net|Org|Info|Gov|Edu|News|Tv|Io)\b)(?=[A-Z][a-z]{1,}\s)"
)
_WORD_BEFORE = re.compile(r"([\w.'-]+)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]*([\w'-]+)")
_CLAUSE = re.compile(r"[;:,]\s|\s[—–-]\s")


def _is_boundary(line: str, match: re.Match[str]) -> bool:
    punct = match.group()
    if not punct.startswith("."):
        return True
    if len(punct.rstrip("\"'”’»)]")) > 1:  # an ellipsis "..." ends a sentence
        return True
    before = _WORD_BEFORE.search(line, 0, match.start())
    if before is None:
        return True
    word = before.group(1).strip("'-")
    low = word.lower()
    nxt = _NEXT_WORD.match(line, match.end())
    next_word = nxt.group(1).lower() if nxt else ""
    if low in NEVER_FINAL:
        return False
    if low in BEFORE_NUMBER:
        return not next_word[:1].isdigit()
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith"
    if low in MAYBE_FINAL or ("." in word and word.replace(".", "").isalpha()):
        return next_word in OPENERS  # "U.S.", "Inc."
    return True


# A wire dateline opening a paragraph: "HAVANA, April 29, 2014 (Dragoman Wire) - ",
# "MOSCOW, Nov 10 (Reuters) -", "GAZA CITY (AP) —". It is split off so that the city does not
# become part of the first sentence's subject.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w .'’-]{1,40}){0,2}"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([^)]{1,60}\))?\s*[-–—:]+\s+(?=[A-Z\"“])"
)


# A time stamp glued between a headline and its lede when a page loses its line breaks:
# "... killed in Iran unrest November 20, 2019 - 11:28 AMT PanARMENIAN.Net - Verified ...".
_STAMP = re.compile(
    r"\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}"
    r"\s*[-–—|,]?\s*\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?(?=\s)"
)


def _split_line(line: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for stamp in _STAMP.finditer(line):
        spans.extend(_split_text(line[start : stamp.start()], offset + start, start == 0))
        spans.append((offset + stamp.start(), offset + stamp.end()))
        start = stamp.end()
    spans.extend(_split_text(line[start:], offset + start, start == 0))
    return spans


def _split_text(line: str, offset: int, first: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    dateline = _DATELINE.match(line) if first else None
    if dateline and re.split(r"[,(]", dateline.group())[0].strip(" -–—:").isupper():
        spans.append((offset, offset + dateline.end()))
        start = dateline.end()
    for match in _BOUNDARY.finditer(line):
        if _is_boundary(line, match):
            spans.append((offset + start, offset + match.end()))
            start = match.end()
    spans.append((offset + start, offset + len(line)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = -1
        for match in _CLAUSE.finditer(window):
            if match.start() > max_chars // 3:
                cut = match.start() + 1
        if cut <= 0:
            space = window.rfind(" ")
            cut = space if space > max_chars // 3 else max_chars
        piece = _trim(text, start, start + cut)
        if piece[1] > piece[0]:
            pieces.append(piece)
        start, end = _trim(text, start + cut, end)
    if end > start:
        pieces.append((start, end))
    return pieces


def sentence_spans(text: str, max_chars: int = 1500) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``, in order, never overlapping."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        for raw_start, raw_end in _split_line(line, offset):
            start, end = _trim(text, raw_start, raw_end)
            if end > start:
                spans.extend(_cut_long(text, start, end, max(1, max_chars)))
        offset += len(line) + 1
    return spans


def segment(article: Article, max_chars: int) -> list[Sentence]:
    """The sentences of ``article.text`` with exact character offsets."""
    text = article.text
    return [
        Sentence(doc_id=article.doc_id, index=i, start=start, end=end, text=text[start:end])
        for i, (start, end) in enumerate(sentence_spans(text, max_chars))
    ]


__all__ = ["segment", "sentence_spans"]
