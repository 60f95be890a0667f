"""User actor dictionaries: our YAML format and the PETRARCH/Phoenix text format.

Both are read into :class:`UserDictionary` (actors with optionally dated codes, plus agent
nouns that map to sectors). Malformed YAML raises :class:`DictionaryError` naming the file and
the entry; a malformed line of a PETRARCH file is skipped with a warning naming the file, the
line and the reason (as PETRARCH does; ``strict=True`` raises instead). The formats are
documented in ``data/README.md``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast, get_args

import yaml

from dragoman.actors import tables
from dragoman.errors import DictionaryError
from dragoman.records import ActorKind
from dragoman.yamlfiles import load_yaml

log = logging.getLogger(__name__)

SECTORS = frozenset(
    (
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "OPP",
        "PTY",
        "REB",
        "CVL",
        "REF",
        "BUS",
        "MED",
        "EDU",
        "LAB",
        "REL",
        "HLH",
        "ELI",
        "SPY",
        "CRM",
        "UAF",
        "NGO",
        "AGR",
        "ENV",
        "HRI",
        "DEV",
        "IGO",
        "MOD",
        "IMG",
        "RAD",
        "PPL",
        "SEP",
        "INS",
        "JEW",
        "MUS",
        "CHR",
        "BUD",
        "HIN",
        "SET",
        "MNC",
    )
)
ORG_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "NGM")
_KINDS = frozenset(get_args(ActorKind))
_CODE = re.compile(r"^[A-Z0-9]{3,24}$")
_DATE6 = re.compile(r"^\d{6}$")
_DATE8 = re.compile(r"^\d{8}$")


@dataclass(frozen=True, slots=True)
class DatedCode:
    code: str | None
    sector: str | None
    start: str | None  # inclusive, YYYY-MM-DD
    end: str | None  # exclusive, YYYY-MM-DD

    def valid_on(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class UserActor:
    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    kind: ActorKind
    name: str | None
    caseless: bool  # PETRARCH entries are written in capitals

    def resolve(self, date: str | None) -> DatedCode | None:
        """PETRARCH semantics: a dated code valid on ``date`` wins, else the undated default."""
        if date is not None:
            for code in self.codes:
                if code.dated and code.valid_on(date):
                    return code
        for code in self.codes:
            if not code.dated:
                return code
        return self.codes[-1] if date is None and self.codes else None


@dataclass(frozen=True, slots=True)
class UserAgent:
    phrase: str  # lower case, words separated by spaces
    sector: str
    person_role: bool


@dataclass(frozen=True, slots=True)
class UserDictionary:
    actors: tuple[UserActor, ...]
    agents: tuple[UserAgent, ...]
    # lines of a PETRARCH file that were skipped (read leniently), with file, line and reason
    skipped: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(row.iso3 for row in tables.countries())


def split_code(raw: str, where: str) -> tuple[str | None, str | None]:
    """``USAGOV`` -> (USA, GOV); ``IGOUNO`` -> (IGOUNO, None); ``MIL`` -> (None, MIL)."""
    if not _CODE.match(raw):
        raise DictionaryError(f"{where}: malformed actor code {raw!r}")
    if raw.startswith(ORG_PREFIXES):
        return raw, None
    if raw[:3] in SECTORS and raw[:3] not in _country_codes():
        return None, raw[:3]
    sector = raw[3:6] if len(raw) >= 6 else None
    return raw[:3], sector


def petr_date(raw: str, where: str) -> str:
    """YYMMDD (00-30 -> 20YY, else 19YY, as in KEDS/TABARI/PETRARCH) or YYYYMMDD."""
    if _DATE6.match(raw):
        yy = int(raw[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        text = f"{year}{raw[2:]}"
    elif _DATE8.match(raw):
        text = raw
    else:
        raise DictionaryError(f"{where}: malformed date {raw!r}")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError as exc:
        raise DictionaryError(f"{where}: invalid date {raw!r}") from exc


def parse_code(body: str, where: str, *, strict: bool = True) -> DatedCode | None:
    """One PETRARCH code with its optional date restriction (``USAGOV 090120-170120``)."""
    parts = body.split()
    if not parts:
        raise DictionaryError(f"{where}: empty code brackets")
    # PETRARCH upper-cases its dictionaries, so "[pse]" is PSE when read leniently
    raw = parts[0] if strict else parts[0].upper()
    if raw.strip("-") == "":
        return None  # [---]: explicitly no code
    code, sector = split_code(raw, where)
    start = end = None
    if len(parts) > 2 and _SPACED_DATES.match("".join(parts[1:])):
        parts = [raw, "".join(parts[1:])]  # "[HOB < 950601]", "[X 19950601 - 19990815]"
    if len(parts) == 2:
        restriction = parts[1]
        if restriction.startswith(">"):
            start = petr_date(restriction[1:], where)
        elif restriction.startswith("<"):
            end = petr_date(restriction[1:], where)
        elif "-" in restriction:
            a, _, b = restriction.partition("-")
            start, end = petr_date(a, where), petr_date(b, where)
        else:
            raise DictionaryError(f"{where}: malformed date restriction {restriction!r}")
    elif len(parts) > 2:
        raise DictionaryError(f"{where}: too many fields in code [{body}]")
    return DatedCode(code, sector, start, end)


def _petr_phrase(raw: str) -> str:
    return " ".join(p for p in re.split(r"[_\s]+", raw.strip()) if p)


def _guess_kind(codes: list[DatedCode]) -> ActorKind:
    if any(c.dated for c in codes):
        return "person"
    first = codes[0]
    if first.code and first.code.startswith(("IGO", "NGO", "MNC")):
        return "org"
    if first.code and first.code.startswith("IMG"):
        return "group"
    if first.sector is None:
        return "country"
    return "group"


_SPACED_DATES = re.compile(r"^[<>]?\d+(-\d+)?$")
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_BRACES = re.compile(r"\{([^{}]*)\}")
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")


def _strip_comments(lines: list[str], path: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    in_html = False
    for number, line in enumerate(lines, start=1):
        text = line
        if in_html:
            if "-->" not in text:
                continue
            text = text.split("-->", 1)[1]
            in_html = False
        while "<!--" in text:
            before, _, after = text.partition("<!--")
            if "-->" in after:
                text = before + after.split("-->", 1)[1]
            else:
                text = before
                in_html = True
        text = text.split("#", 1)[0].rstrip()
        out.append((number, text))
    if in_html:
        raise DictionaryError(f"{path}: unterminated <!-- comment")
    return out


def parse_petrarch(text: str, path: str = "<string>", *, strict: bool = False) -> UserDictionary:
    """Read a PETRARCH/TABARI actors or agents dictionary.

    Like PETRARCH, the reader is lenient by default: the public Phoenix files have a few
    malformed lines (``[~ENV}``, a seven-digit date, lower-case codes), so a line that cannot
    be read is logged with its file, line and reason, listed in ``skipped`` and left out, and
    the rest of the file loads. ``strict=True`` raises :class:`DictionaryError` instead.
    """
    actors: list[UserActor] = []
    agents: list[UserAgent] = []
    substitutions: dict[str, list[str]] = {}
    names: list[str] = []
    codes: list[DatedCode] = []
    skipped: list[str] = []
    start_line = 0

    def flush() -> None:
        if names and codes:
            actors.append(UserActor(tuple(names), tuple(codes), _guess_kind(codes), None, True))
        elif names:
            log.warning("%s:%d: actor %s has no code; skipped", path, start_line, names[0])
        names.clear()
        codes.clear()

    def read_line(number: int, line: str) -> None:
        nonlocal start_line
        where = f"{path}:{number}"
        if line.count("[") != line.count("]") or line.count("{") != line.count("}"):
            raise DictionaryError(f"{where}: unbalanced brackets in {line.strip()!r}")
        stripped = line.strip()
        subst = _SUBST.match(stripped)
        if subst:
            substitutions[subst.group(1)] = [w.strip() for w in subst.group(2).split(",")]
            return
        bodies = _BRACKETS.findall(stripped)
        head = _BRACES.sub(" ", _BRACKETS.sub(" ", stripped)).strip()
        if bodies and all(b.strip().startswith("~") or b.strip().endswith("~") for b in bodies):
            flush()
            if not head:
                raise DictionaryError(f"{where}: agent code without a noun")
            sector = bodies[0].strip().strip("~")[:3].upper()
            if sector not in SECTORS:
                raise DictionaryError(f"{where}: unknown agent sector {bodies[0]!r}")
            plurals = [p.strip() for p in _BRACES.findall(stripped)]
            for variant in _expand(head, substitutions, where):
                agents.append(UserAgent(_petr_phrase(variant).lower(), sector, True))
            agents.extend(UserAgent(_petr_phrase(p).lower(), sector, True) for p in plurals if p)
            return
        # codes first, so that a malformed code leaves the names as they were
        parsed = [parse_code(body.strip(), where, strict=strict) for body in bodies]
        if head.startswith("+"):
            if not names:
                raise DictionaryError(f"{where}: synonym {head!r} before any actor")
            phrase = _petr_phrase(head[1:])
            if not phrase:
                raise DictionaryError(f"{where}: empty synonym")
            names.append(phrase)
        elif head:
            flush()
            start_line = number
            names.append(_petr_phrase(head))
        elif not names:
            raise DictionaryError(f"{where}: code {stripped!r} before any actor")
        codes.extend(code for code in parsed if code is not None)

    for number, line in _strip_comments(text.splitlines(), path):
        if not line.strip():
            continue
        try:
            read_line(number, line)
        except DictionaryError as exc:
            if strict:
                raise
            log.warning("%s; line skipped", exc)
            skipped.append(str(exc))
    flush()
    if skipped:
        log.warning("%s: %d malformed lines skipped", path, len(skipped))
    return UserDictionary(tuple(actors), tuple(agents), tuple(skipped))


def _expand(head: str, substitutions: dict[str, list[str]], where: str) -> list[str]:
    match = re.search(r"!(\w+)!", head)
    if not match:
        return [head]
    words = substitutions.get(match.group(1))
    if words is None:
        raise DictionaryError(f"{where}: unknown substitution set !{match.group(1)}!")
    out: list[str] = []
    for word in words:
        replaced = head[: match.start()] + word + head[match.end() :]
        out.extend(_expand(replaced, substitutions, where))
    return out


def _yaml_date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return value
    raise DictionaryError(f"{where}: dates must be YYYY-MM-DD, got {value!r}")


def parse_yaml(text: str, path: str = "<string>") -> UserDictionary:
    """Read our YAML dictionary format (see data/README.md)."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: invalid YAML: {exc}") from exc
    if data is None:
        return UserDictionary((), ())
    if not isinstance(data, list):
        raise DictionaryError(f"{path}: expected a list of entries")
    actors: list[UserActor] = []
    agents: list[UserAgent] = []
    for index, item in enumerate(data, start=1):
        where = f"{path}: entry {index}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise DictionaryError(f"{where}: each entry needs a 'name' string")
        unknown = set(item) - {"name", "aliases", "code", "sector", "kind", "start", "end", "role"}
        if unknown:
            raise DictionaryError(f"{where}: unknown keys {sorted(unknown)}")
        sector = item.get("sector")
        if sector is not None and (not isinstance(sector, str) or sector not in SECTORS):
            raise DictionaryError(f"{where}: unknown sector {sector!r}")
        if item.get("kind") == "role":
            if sector is None:
                raise DictionaryError(f"{where}: a role entry needs a sector")
            for phrase in [item["name"], *item.get("aliases", [])]:
                agents.append(UserAgent(str(phrase).lower(), sector, bool(item.get("role", True))))
            continue
        code = item.get("code")
        if code is not None and (not isinstance(code, str) or not _CODE.match(code)):
            raise DictionaryError(f"{where}: malformed code {code!r}")
        if code is None and sector is None:
            raise DictionaryError(f"{where}: needs a code or a sector")
        kind = item.get("kind", "group")
        if kind not in _KINDS:
            raise DictionaryError(f"{where}: kind must be one of {sorted(_KINDS)} or 'role'")
        aliases = item.get("aliases", []) or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise DictionaryError(f"{where}: aliases must be a list of strings")
        dated = DatedCode(
            code, sector, _yaml_date(item.get("start"), where), _yaml_date(item.get("end"), where)
        )
        display = item["name"] if kind in ("person", "org", "group") else None
        actors.append(
            UserActor(
                (item["name"], *aliases), (dated,), cast(ActorKind, kind), display, caseless=False
            )
        )
    return UserDictionary(tuple(actors), tuple(agents))


def load(path: str) -> UserDictionary:
    """Read one dictionary file; ``.yaml``/``.yml`` is our format, anything else PETRARCH."""
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read dictionary: {exc}") from exc
    if file.suffix.lower() in (".yaml", ".yml"):
        return parse_yaml(text, path)
    return parse_petrarch(text, path)
