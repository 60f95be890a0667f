"""How negation, intention, conditions and complements change an event's CAMEO code.

These follow the CAMEO manual's conventions:

- An announced intention to cooperate is CAMEO 03 ("will meet" -> 036, "will give aid" -> 033).
- An announced or conditional conflict action is a threat, CAMEO 13 ("will impose sanctions"
  -> 1312, "will attack unless ..." -> 138, "is prepared to impose martial law" -> 137).
- A refusal of cooperation is a rejection, CAMEO 12 ("will not accept refugees" -> 121,
  "refused to meet" -> 125); a negated conflict action is no event.
- Verbs that take another event as their complement take their sub-code from it: "threatened
  to break off relations" -> 1313, "offered to hand over" -> 031, "agreed to meet" -> 036.
"""

from __future__ import annotations

from dragoman.events.ontology import cameo_table, intent_code

_THREAT_BY_CODE = {
    "162": "1311",
    "163": "1312",
    "160": "1313",
    "161": "1313",
    "164": "134",
    "165": "135",
    "166": "136",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "191": "1381",
    "192": "1382",
    "204": "1385",
    "2041": "1385",
    "2042": "1385",
}
_THREAT_BY_ROOT = {
    "14": "133",
    "15": "138",
    "16": "1313",
    "17": "137",
    "18": "138",
    "19": "138",
    "20": "138",
}
_REJECT_BY_ROOT = {
    "03": "120",
    "04": "125",
    "05": "120",
    "06": "121",
    "07": "121",
    "08": "124",
}
_REJECT_BY_CODE = {
    "061": "1211",
    "062": "1212",
    "063": "1213",
    "064": "1214",
    "071": "1221",
    "072": "1222",
    "073": "1223",
    "074": "1224",
    "081": "1241",
    "082": "1242",
    "084": "1243",
    "0841": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
    "0871": "1246",
    "0872": "1246",
    "083": "123",
    "0831": "1231",
    "0832": "1232",
    "0833": "1233",
    "0834": "1234",
    "045": "126",
    "039": "126",
}


def threat_code(code: str) -> str | None:
    """The CAMEO 13x code for threatening to do ``code`` (None if it is not a conflict act)."""
    for length in (4, 3):
        if code[:length] in _THREAT_BY_CODE:
            return _THREAT_BY_CODE[code[:length]]
    return _THREAT_BY_ROOT.get(code[:2])


def reject_code(code: str) -> str | None:
    """The CAMEO 12x code for refusing to do ``code`` (None if refusing it is no event)."""
    for length in (4, 3):
        if code[:length] in _REJECT_BY_CODE:
            return _REJECT_BY_CODE[code[:length]]
    return _REJECT_BY_ROOT.get(code[:2])


def with_complement(code: str, complement: str) -> str:
    """Refine an absorbing verb's code by the event it governs."""
    root, croot = code[:2], complement[:2]
    table = cameo_table()
    if root == "03":
        if croot == "03":
            return complement
        if croot in ("14", "15", "16", "17", "18", "19", "20"):
            return threat_code(complement) or "130"  # "vowed to fight" is a threat
        refined = intent_code(complement)
        if refined is not None and code == "030":
            return refined
        return code
    if root == "13" and code in ("130",):
        return threat_code(complement) or code
    if root == "12" and code == "120":
        return reject_code(complement) or code
    if root == "10" and code == "100":
        if complement[:3] in ("045", "039"):
            return "108"  # "urged the US to mediate"
        request = {"04": "106", "08": "105", "07": "103", "16": "105", "17": "105"}
        # "urged Putin to attack", "wants Germany to send troops": military cooperation
        request.update(dict.fromkeys(("15", "18", "19", "20"), "1012"))
        return request.get(croot, code)
    return code if code in table else complement


# CAMEO separates appeals (02: "asked", "urged", "appealed", "called on") from demands (10:
# "demanded", "insisted"); both are PLOVER REQUEST. Patterns name the demand code; an appeal
# verb moves it to the matching 02 code (103 "urged ... aid" -> 023, 1041 -> 0241).
APPEAL_VERBS = frozenset(
    {
        "ask",
        "urge",
        "request",
        "appeal",
        "call",
        "plead",
        "beg",
        "implore",
        "seek",
        "invite",
        "encourage",
        "press",
        "pressure",
        "remind",
        "want",
        "wish",
        "like",
        "prefer",
        "love",
        "hope",
        "petition",
    }
)


def appeal_code(code: str) -> str:
    """The CAMEO 02 code of the appeal matching demand ``code`` (itself if none)."""
    if not code.startswith("10"):
        return code
    candidate = "02" + code[2:]
    while candidate and candidate not in cameo_table():
        candidate = candidate[:-1]
    return candidate if len(candidate) >= 3 else "020"
