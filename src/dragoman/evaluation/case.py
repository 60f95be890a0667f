"""Scoring against CASE 2021 task 2 (one ACLED-style event label per news snippet).

The coder does not classify snippets; it codes events. A snippet counts as found when the coder
codes at least one event of a PLOVER type that its label implies. The implied types follow
ACLED's definitions of the sub-event types (ACLED Codebook 2019/2021) and how CAMEO codes such
events under PLOVER's CAMEO2PLOVER-2021 table (for instance 192 "occupy territory" is COERCE,
175 "violent repression" and 1712 "destroy property" are ASSAULT):

===============================  ======================  ===========================================
CASE label                       accepted PLOVER types   why (ACLED definition; CAMEO -> PLOVER)
===============================  ======================  ===========================================
ARMED_CLASH                      ASSAULT                 Battles
ATTACK                           ASSAULT                 Violence against civilians
AIR_STRIKE                       ASSAULT                 Explosions/remote violence
ART_MISS_ATTACK                  ASSAULT                 Explosions/remote violence (shelling)
SUIC_BOMB                        ASSAULT                 Explosions/remote violence
GRENADE                          ASSAULT                 Explosions/remote violence
REM_EXPLOS                       ASSAULT                 Explosions/remote violence (IEDs, mines)
CHEM_WEAP                        ASSAULT                 Explosions/remote violence
SEX_VIOL                         ASSAULT                 Violence against civilians (mode sexual)
ABDUCT_DISSAP                    ASSAULT                 Violence against civilians (CAMEO 181)
MOB_VIOL                         PROTEST, ASSAULT        Riots: CAMEO 145 riot is PROTEST; the
                                                         violence itself may be coded ASSAULT
VIOL_DEMONSTR                    PROTEST, ASSAULT        Riots (violent demonstration): same
PEACE_PROTEST                    PROTEST                 Protests
PROTEST_WITH_INTER               PROTEST                 Protests; the protest is the event
FORCE_AGAINST_PROTEST            ASSAULT, COERCE         CAMEO 175 repression is ASSAULT; 17x
GOV_REGAINS_TERIT                ASSAULT, COERCE         Battles; a recapture is CAMEO 192 occupy
                                                         territory, which PLOVER makes COERCE
NON_STATE_ACTOR_OVERTAKES_TER    ASSAULT, COERCE         Battles; same
NON_VIOL_TERRIT_TRANSFER         RETREAT, COERCE         withdrawal (RETREAT) or seizure without a
                                                         fight (CAMEO 192); ASSAULT is wrong here
PROPERTY_DISTRUCT                COERCE, ASSAULT         looting (CAMEO 171 seize, COERCE) or
                                                         destruction (CAMEO 1712, ASSAULT)
DISR_WEAP                        COERCE                  seizure or defusal (CAMEO 1711 confiscate)
ARREST                           COERCE                  CAMEO 173
HQ_ESTABLISHED                   MOBILIZE                a base set up: forces deployed
CHANGE_TO_GROUP_ACT              RETREAT, MOBILIZE       defections, pull-backs, redeployments
AGREEMENT                        AGREE                   as the gold README says
DIPLO                            AGREE, CONSULT,         any non-violent exchange between states:
                                 SUPPORT, COOPERATE,     meetings, sanctions, expelled diplomats,
                                 REQUEST, ACCUSE,        demands, threats
                                 REJECT, THREATEN,
                                 SANCTION, CONCEDE, AID
ATTRIB                           ASSAULT, ACCUSE         the claimed attack, or the attribution
ORG_CRIME                        COERCE, ASSAULT         police action on gangs, or gang violence
OTHER                            (not scored)            a mixed bag: not in balanced accuracy
NATURAL_DISASTER                 (no political event)    found = no ASSAULT, PROTEST or violent
                                                         event coded
MAN_MADE_DISASTER                (no political event)    same
===============================  ======================  ===========================================

A "violent" event is an ASSAULT, or any event whose CAMEO code is in root 18, 19 or 20, or is
175* / 1712 (so COERCE 191 blockade and 192 occupy count as violent). Labels not in the table
are reported and not scored.

Numbers: per-label recall (found / support); ``balanced_accuracy`` = mean recall over the
scored labels present in the gold; ``accuracy`` = found / scored snippets;
``disasters_coded_as_violence`` = disaster snippets with a violent event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from dragoman.evaluation.gold import GoldRecord, plover_type
from dragoman.evaluation.scores import ClassScore, Counts, EventScore, Miss

NO_EVENT = "NONE"

_DIPLO = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "CONCEDE",
    "AID",
)

#: CASE label -> PLOVER types that count as finding it; ``(NO_EVENT,)`` for disasters.
CASE_TO_PLOVER: dict[str, tuple[str, ...]] = {
    "ARMED_CLASH": ("ASSAULT",),
    "ATTACK": ("ASSAULT",),
    "AIR_STRIKE": ("ASSAULT",),
    "ART_MISS_ATTACK": ("ASSAULT",),
    "SUIC_BOMB": ("ASSAULT",),
    "GRENADE": ("ASSAULT",),
    "REM_EXPLOS": ("ASSAULT",),
    "CHEM_WEAP": ("ASSAULT",),
    "SEX_VIOL": ("ASSAULT",),
    "ABDUCT_DISSAP": ("ASSAULT",),
    "MOB_VIOL": ("PROTEST", "ASSAULT"),
    "VIOL_DEMONSTR": ("PROTEST", "ASSAULT"),
    "PEACE_PROTEST": ("PROTEST",),
    "PROTEST_WITH_INTER": ("PROTEST",),
    "FORCE_AGAINST_PROTEST": ("ASSAULT", "COERCE"),
    "GOV_REGAINS_TERIT": ("ASSAULT", "COERCE"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("ASSAULT", "COERCE"),
    "NON_VIOL_TERRIT_TRANSFER": ("RETREAT", "COERCE"),
    "PROPERTY_DISTRUCT": ("COERCE", "ASSAULT"),
    "DISR_WEAP": ("COERCE",),
    "ARREST": ("COERCE",),
    "HQ_ESTABLISHED": ("MOBILIZE",),
    "CHANGE_TO_GROUP_ACT": ("RETREAT", "MOBILIZE"),
    "AGREEMENT": ("AGREE",),
    "DIPLO": _DIPLO,
    "ATTRIB": ("ASSAULT", "ACCUSE"),
    "ORG_CRIME": ("COERCE", "ASSAULT"),
    "OTHER": (),
    "NATURAL_DISASTER": (NO_EVENT,),
    "MAN_MADE_DISASTER": (NO_EVENT,),
}

#: What a disaster snippet must not be coded as.
UNREST_TYPES = frozenset({"ASSAULT", "PROTEST"})


def is_violent(event: Mapping[str, Any]) -> bool:
    """True for ASSAULT events and CAMEO 18/19/20, 175* and 1712 (violent COERCE included)."""
    if plover_type(event.get("plover")) == "ASSAULT":
        return True
    code = str(event.get("cameo") or "")
    root = str(event.get("cameo_root") or code[:2])
    return root in {"18", "19", "20"} or code.startswith(("175", "1712"))


def _is_unrest(event: Mapping[str, Any]) -> bool:
    return plover_type(event.get("plover")) in UNREST_TYPES or is_violent(event)


def score_case(
    gold: Sequence[GoldRecord], predicted: Mapping[str, Sequence[Mapping[str, Any]]]
) -> EventScore:
    found: dict[str, Counts] = defaultdict(Counts)
    misses: list[Miss] = []
    disasters_violent = unscored = 0
    for record in gold:
        preds = predicted.get(record.id, ())
        types = {t for p in preds if (t := plover_type(p.get("plover"))) is not None}
        labels = [e.label for e in record.events]
        for label in labels:
            accepts = CASE_TO_PLOVER.get(label, ())
            if accepts == (NO_EVENT,):
                hit = not any(_is_unrest(p) for p in preds)
                disasters_violent += any(is_violent(p) for p in preds)
            elif accepts:
                hit = bool(types & set(accepts))
            else:
                unscored += 1
                found[label] += Counts(0, 0, 1)
                continue
            found[label] += Counts(int(hit), int(hit), 1)
            if not hit:
                misses.append(
                    Miss(
                        record_id=record.id,
                        sentence=record.text,
                        gold=(f"{label} -> {'|'.join(accepts)}",),
                        predicted=tuple(
                            f"{p.get('plover') or '-'} {p.get('cameo') or '-'}" for p in preds
                        ),
                        missed=(label,),
                    )
                )
    scored = {label: c for label, c in found.items() if CASE_TO_PLOVER.get(label)}
    recalls = [c.recall for c in scored.values()]
    total_hit = sum(c.tp for c in scored.values())
    total = sum(c.n_gold for c in scored.values())
    summary = {
        "balanced_accuracy": sum(recalls) / len(recalls) if recalls else 0.0,
        "accuracy": total_hit / total if total else 0.0,
    }
    counts = {
        "scored_records": total,
        "unscored_records": unscored,
        "disaster_records": sum(
            c.n_gold for label, c in found.items() if CASE_TO_PLOVER.get(label) == (NO_EVENT,)
        ),
        "disasters_coded_as_violence": disasters_violent,
    }
    per_type = tuple(
        ClassScore(label, found[label], found[label], CASE_TO_PLOVER.get(label, ()))
        for label in sorted(found)
    )
    return EventScore("case", len(gold), {}, summary, counts, per_type, misses)
