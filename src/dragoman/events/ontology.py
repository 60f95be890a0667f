"""The CAMEO code table with Goldstein weights, quad classes and the CAMEO to PLOVER mapping.

Facts come from public sources credited in ``data/cameo.tsv``: CAMEO 0.7b5 labels, GDELT's
Goldstein weights and PLOVER's CAMEO2PLOVER-2021 table.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from dragoman.errors import DictionaryError

# CAMEO 01 (statements) and 02 (appeals) have no PLOVER event in the 2021 table. Appeals are
# requests in PLOVER's sense (the 2016 gold standard codes them DEMAND = REQUEST), so we keep
# them as REQUEST; statements (01) stay without a PLOVER type and are not coded, except the
# two in CODED_STATEMENTS, which name a concrete act and a counterpart.
_APPEAL_TO_PLOVER = "REQUEST"

# CAMEO 01 codes that are coded (with no PLOVER type): claims of responsibility for an act
# ("claimed responsibility for the attack", "claimed that it had struck Iraq") and condolences
# ("offered condolences to France"). "Said", comments, denials and rebuttals are not events.
CODED_STATEMENTS = frozenset({"015", "018"})

# What an intention to do X is coded as in CAMEO 03 (express intent to cooperate).
INTENT_CODES: dict[str, str] = {
    "04": "036",  # intent to meet or negotiate
    "05": "032",  # intent to provide diplomatic cooperation
    "06": "031",  # intent to engage in material cooperation
    "07": "033",  # intent to provide aid
    "08": "035",  # intent to yield
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.code[:2]


@functools.cache
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes (three and four digits) keyed by code."""
    text = resources.files("dragoman.events").joinpath("data/cameo.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table: dict[str, CameoCode] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
        code = row["code"]
        plover = row["plover"] or None
        if plover is None and code.startswith("02"):
            plover = _APPEAL_TO_PLOVER
        table[code] = CameoCode(
            code=code,
            label=row["label"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=plover,
            plover_mode=row["plover_mode"] or None,
            plover_context=tuple(c for c in row["plover_context"].split(",") if c),
        )
    return table


def cameo(code: str) -> CameoCode:
    """The table entry of ``code``; raises DictionaryError for an unknown code."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise DictionaryError(f"unknown CAMEO code {code!r}") from None


# Four-digit intentions where CAMEO has them ("will supply missiles" -> 0332).
_INTENT_BY_CODE: dict[str, str] = {
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "081": "0351",
    "082": "0352",
    "084": "0353",
    "0841": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "0871": "0356",
    "0872": "0356",
    "0873": "0356",
    "0874": "0356",
    "045": "039",
    "046": "036",
}


def intent_code(code: str) -> str | None:
    """The CAMEO 03x code for an announced intention to do ``code``, if CAMEO has one."""
    for length in (4, 3):
        if code[:length] in _INTENT_BY_CODE:
            return _INTENT_BY_CODE[code[:length]]
    return INTENT_CODES.get(code[:2])
