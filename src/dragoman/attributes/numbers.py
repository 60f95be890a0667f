"""Numbers written in digits or in words: "1,200", "2.5", "Twenty-five", "two hundred".

Word numbers are parsed by ``text2num`` (maintained, offline); vague amounts ("dozens",
"hundreds of") are read as the smallest amount they certainly mean, from
``data/vague_numbers.tsv``.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from text_to_num import text2num

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand"
).split()
_WORD = "(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
# "twenty-five", "two hundred and forty", "one thousand two hundred"
WORD_NUMBER = rf"{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*"
DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@functools.cache
def vague_numbers() -> dict[str, float]:
    """Vague amounts ("dozens" -> 24) from the packaged table."""
    text = resources.files("dragoman.attributes").joinpath("data/vague_numbers.tsv")
    out: dict[str, float] = {}
    for line in text.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, value = line.split("\t")[:2]
            out[word.strip().lower()] = float(value)
    return out


def vague_pattern() -> str:
    return "(?:" + "|".join(sorted(map(re.escape, vague_numbers()), key=len, reverse=True)) + ")"


def parse_number(text: str) -> float | None:
    """The value of a number in digits or English words, or None.

    >>> parse_number("Twenty-five"), parse_number("1,200"), parse_number("dozens")
    (25.0, 1200.0, 24.0)
    """
    t = text.strip().lower()
    if not t:
        return None
    if t[0].isdigit():
        try:
            return float(t.replace(",", ""))
        except ValueError:
            return None
    if t in vague_numbers():
        return vague_numbers()[t]
    if t in ("a", "an"):
        return 1.0
    try:
        return float(text2num(" ".join(t.replace("-", " ").replace(" and ", " ").split()), "en"))
    except ValueError:
        return None
