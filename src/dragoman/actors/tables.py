"""The packaged knowledge tables under ``data/``, read once into typed rows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dragoman.errors import DictionaryError


@dataclass(frozen=True, slots=True)
class CountryRow:
    iso3: str
    iso2: str
    name: str
    official_name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    capital_aliases: tuple[str, ...]
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class MetonymRow:
    phrase: str
    code: str
    sector: str
    name: str | None


@dataclass(frozen=True, slots=True)
class OrgRow:
    code: str
    kind: str  # "org" or "group"
    sector: str | None
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SectorRow:
    phrase: str
    sector: str
    person_role: bool


@dataclass(frozen=True, slots=True)
class LeaderRow:
    iso3: str
    role: str  # HOS, HOG, FM
    name: str
    aliases: tuple[str, ...]
    surnames: tuple[str, ...]
    start: str
    end: str | None


@dataclass(frozen=True, slots=True)
class PhoenixRow:
    """An actor converted from the PETRARCH2 / Phoenix dictionaries (``phoenix_actors.tsv``)."""

    kind: str  # person, org or group
    names: tuple[str, ...]  # as written in Phoenix (capitals)
    codes: tuple[str, ...]  # "CUBGOV >20090401", "SDNELI", "IGOUNO 19970101-20061231"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _rows(filename: str, width: int) -> list[tuple[int, list[str]]]:
    text = resources.files("dragoman.actors").joinpath("data", filename).read_text("utf-8")
    out: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        if len(cells) != width:
            raise DictionaryError(
                f"{filename}:{number}: expected {width} columns, got {len(cells)}"
            )
        out.append((number, cells))
    return out


@lru_cache(maxsize=1)
def countries() -> tuple[CountryRow, ...]:
    rows = []
    for _, c in _rows("countries.tsv", 11):
        rows.append(
            CountryRow(
                iso3=c[0],
                iso2=c[1],
                name=c[2],
                official_name=c[3],
                aliases=_split(c[4]),
                adjectives=_split(c[5]),
                demonyms=_split(c[6]),
                capital=c[7],
                capital_aliases=_split(c[8]),
                lat=float(c[9]) if c[9] else None,
                lon=float(c[10]) if c[10] else None,
            )
        )
    return tuple(rows)


@lru_cache(maxsize=1)
def metonyms() -> tuple[MetonymRow, ...]:
    return tuple(
        MetonymRow(phrase=c[0], code=c[1], sector=c[2], name=c[3] or None)
        for _, c in _rows("metonyms.tsv", 4)
    )


@lru_cache(maxsize=1)
def organisations() -> tuple[OrgRow, ...]:
    return tuple(
        OrgRow(code=c[0], kind=c[1], sector=c[2] or None, name=c[3], aliases=_split(c[4]))
        for _, c in _rows("organisations.tsv", 5)
    )


@lru_cache(maxsize=1)
def sectors() -> tuple[SectorRow, ...]:
    return tuple(
        SectorRow(phrase=c[0].strip().lower(), sector=c[1], person_role=c[2].strip() == "1")
        for _, c in _rows("sectors.tsv", 3)
    )


@lru_cache(maxsize=1)
def leaders() -> tuple[LeaderRow, ...]:
    return tuple(
        LeaderRow(
            iso3=c[0],
            role=c[1],
            name=c[2],
            aliases=_split(c[3]),
            surnames=_split(c[4]),
            start=c[5],
            end=c[6] or None,
        )
        for _, c in _rows("leaders.tsv", 7)
    )


@lru_cache(maxsize=1)
def blocks() -> tuple[str, ...]:
    text = resources.files("dragoman.actors").joinpath("data", "blocks.txt").read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _word_list(name: str) -> frozenset[str]:
    """The words of a packaged one-word-a-line list (``#`` lines are comments)."""
    text = resources.files("dragoman.actors").joinpath("data", name)
    return frozenset(
        line.strip()
        for line in text.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def surname_stoplist() -> frozenset[str]:
    return _word_list("surname_stoplist.txt")


@lru_cache(maxsize=1)
def foreign_markers() -> frozenset[str]:
    """Words that mark an agent as not the story country's own (``foreign_markers.txt``)."""
    return _word_list("foreign_markers.txt")


@lru_cache(maxsize=1)
def phoenix_actors() -> tuple[PhoenixRow, ...]:
    return tuple(
        PhoenixRow(kind=c[0], names=_split(c[1]), codes=_split(c[2]))
        for _, c in _rows("phoenix_actors.tsv", 3)
    )


@lru_cache(maxsize=1)
def phoenix_agents() -> tuple[SectorRow, ...]:
    """Phoenix agent nouns; a named person is not taken to hold them (``person_role`` False)."""
    return tuple(
        SectorRow(phrase=c[0], sector=c[1], person_role=False)
        for _, c in _rows("phoenix_agents.tsv", 2)
    )
