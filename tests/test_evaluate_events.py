"""PLOVER and CAMEO event scoring on hand-built gold records and predictions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest

from dragoman.errors import ConfigError
from dragoman.evaluate import GoldRecord, parse_gold_lines, score_events


def gold(*records: dict[str, Any]) -> list[GoldRecord]:
    return parse_gold_lines([json.dumps(r) for r in records])


def pg(
    rid: str, event: str, source: list[str | None], target: Sequence[str | None] = ()
) -> dict[str, Any]:
    """A PLOVER gold record with one event."""
    return {
        "id": rid,
        "text": f"sentence {rid}",
        "expected": [
            {
                "event": event,
                "mode": None,
                "source": [{"text": "x", "code": c, "sector": None} for c in source],
                "target": [{"text": "y", "code": c, "sector": None} for c in target],
            }
        ],
    }


def pp(plover: str | None, source: list[str | None], cameo: str = "") -> dict[str, Any]:
    """A predicted event dict (the parts of the contract that scoring reads)."""
    return {
        "plover": plover,
        "cameo": cameo,
        "cameo_root": cameo[:2],
        "source": [{"text": "x", "code": c, "kind": "country"} for c in source],
        "target": [],
    }


# --- PLOVER -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("INVESTIGATE", "ACCUSE"),
    ],
)
def test_old_plover_names_match_their_current_names(old: str, new: str) -> None:
    score = score_events(gold(pg("r1", old, ["USA"])), {"r1": [pp(new, ["USA"])]}, "plover")
    assert score.levels["event"].tp == 1
    assert score.summary["event_f1"] == 1.0
    assert [row.label for row in score.per_type] == [new]


def test_actor_codes_compare_on_three_letters_with_pre_iso_aliases() -> None:
    records = gold(
        pg("r1", "AGREE", ["USAGOV"]), pg("r2", "AGREE", ["JAP"]), pg("r3", "AGREE", ["VTN"])
    )
    predicted = {
        "r1": [pp("AGREE", ["USAMIL"])],
        "r2": [pp("AGREE", ["JPN"])],
        "r3": [pp("AGREE", ["VNM"])],
    }
    assert score_events(records, predicted, "plover").levels["event"].tp == 3


def test_unknown_gold_actor_matches_only_an_actor_without_code() -> None:
    records = gold(
        pg("r1", "PROTEST", [None]), pg("r2", "PROTEST", ["---"]), pg("r3", "PROTEST", [None])
    )
    predicted = {
        "r1": [pp("PROTEST", [None])],
        "r2": [pp("PROTEST", ["", "FRA"])],
        "r3": [pp("PROTEST", ["FRA"])],
    }
    score = score_events(records, predicted, "plover")
    assert score.levels["event"].tp == 2
    assert score.levels["type"].tp == 3
    assert [m.record_id for m in score.misses] == ["r3"]


def test_gold_event_without_source_matches_on_type_alone() -> None:
    score = score_events(gold(pg("r1", "ASSAULT", [])), {"r1": [pp("ASSAULT", ["IRQ"])]}, "plover")
    assert score.levels["event"].tp == 1


def test_duplicate_prediction_is_a_false_positive() -> None:
    score = score_events(
        gold(pg("r1", "CONSULT", ["RUS"])),
        {"r1": [pp("CONSULT", ["RUS"]), pp("CONSULT", ["RUS"])]},
        "plover",
    )
    event = score.levels["event"]
    assert (event.tp, event.n_pred, event.n_gold) == (1, 2, 1)
    assert event.precision == 0.5
    assert event.recall == 1.0
    assert event.f1 == pytest.approx(2 / 3)
    assert score.misses[0].spurious == ("CONSULT RUS>-",)


def test_matching_is_maximal_not_greedy() -> None:
    two = {
        "id": "r1",
        "text": "s",
        "expected": [
            {"event": "CONSULT", "source": [{"code": "USA"}], "target": []},
            {"event": "CONSULT", "source": [{"code": "RUS"}], "target": []},
        ],
    }
    # a greedy matcher would give the first gold event the first prediction and strand RUS
    predicted = {"r1": [pp("CONSULT", ["USA", "RUS"]), pp("CONSULT", ["USA"])]}
    score = score_events(gold(two), predicted, "plover")
    assert score.levels["event"].tp == 2
    assert score.misses == []


def test_plover_scores_sum_over_records() -> None:
    records = gold(
        pg("r1", "AGREE", ["HUN"]),  # matched
        pg("r2", "THREATEN", ["USA"]),  # nothing predicted
        pg("r3", "REJECT", ["ISR"]),  # right type, wrong actor; plus a spurious AID
        pg("r4", "FIGHT", ["PSE"]),  # matched (FIGHT = ASSAULT)
    )
    predicted = {
        "r1": [pp("AGREE", ["HUN"])],
        "r3": [pp("REJECT", ["PSE"]), pp("AID", ["ISR"])],
        "r4": [pp("ASSAULT", ["PSE"]), pp(None, ["PSE"], cameo="010")],
        "elsewhere": [pp("AGREE", ["HUN"])],
    }
    score = score_events(records, predicted, "plover")
    event, typed = score.levels["event"], score.levels["type"]
    assert (event.tp, event.n_pred, event.n_gold) == (2, 4, 4)
    assert score.summary["event_precision"] == 0.5
    assert score.summary["event_recall"] == 0.5
    assert score.summary["event_f1"] == 0.5
    assert (typed.tp, typed.n_pred, typed.n_gold) == (3, 4, 4)
    assert score.summary["type_f1"] == 0.75
    assert score.counts["predictions_without_type"] == 1
    assert score.counts["predictions_for_unknown_ids"] == 1
    rows = {row.label: row for row in score.per_type}
    assert sorted(rows) == ["AGREE", "AID", "ASSAULT", "REJECT", "THREATEN"]
    assert (rows["REJECT"].counts.tp, rows["REJECT"].type_counts.tp) == (0, 1)
    assert (rows["AID"].counts.n_pred, rows["AID"].support) == (1, 0)
    assert rows["THREATEN"].counts.recall == 0.0
    assert [m.record_id for m in score.misses] == ["r2", "r3"]
    assert score.misses[1].missed == ("REJECT ISR>-",)
    assert score.misses[1].sentence == "sentence r3"


def test_event_score_serialises_and_prints_a_table() -> None:
    score = score_events(gold(pg("r1", "AGREE", ["HUN"])), {"r1": []}, "plover")
    data = json.loads(json.dumps(score.to_dict()))
    assert data["summary"]["event_recall"] == 0.0
    assert data["misses"][0]["id"] == "r1"
    table = score.format_table()
    assert "event" in table
    assert "AGREE" in table


def test_scheme_must_fit_the_gold_records() -> None:
    with pytest.raises(ConfigError):
        score_events(gold(pg("r1", "AGREE", ["HUN"])), {}, "cameo")


# --- CAMEO --------------------------------------------------------------------------------


def cg(rid: str, *triples: tuple[str, str, str]) -> dict[str, Any]:
    expected = [{"source": s, "target": t, "code": c} for s, t, c in triples]
    record: dict[str, Any] = {"id": rid, "text": f"sentence {rid}", "expected": expected}
    if not triples:
        record["noevents"] = True
    return record


def cp(cameo: str, source: list[str | None], target: list[str | None]) -> dict[str, Any]:
    return {
        "plover": None,
        "cameo": cameo,
        "cameo_root": cameo[:2],
        "source": [{"code": c} for c in source],
        "target": [{"code": c} for c in target],
    }


def test_root_triple_matches_on_three_letters_and_root_exact_needs_the_code() -> None:
    score = score_events(
        gold(cg("a", ("USAGOV", "RUS", "190"))), {"a": [cp("193", ["USA"], ["RUSMIL"])]}, "cameo"
    )
    assert score.levels["root_triple"].tp == 1
    assert score.levels["exact_triple"].tp == 0
    assert score.summary["exact_triple_f1"] == 0.0


def test_event_with_several_actors_expands_to_every_pair() -> None:
    records = gold(cg("a", ("GBROPP", "CHN", "141"), ("USAOPP", "CHN", "141")))
    score = score_events(records, {"a": [cp("141", ["USA", "GBR"], ["CHN"])]}, "cameo")
    c = score.levels["root_triple"]
    assert (c.tp, c.n_pred, c.n_gold) == (2, 2, 2)
    assert score.levels["exact_triple"].f1 == 1.0


def test_missing_target_matches_gold_unknown_actor() -> None:
    records = gold(cg("a", ("IGOCOPITP", "---", "036")), cg("b", ("RUSGOV", "---CVL", "0841")))
    predicted = {"a": [cp("036", ["IGO"], [])], "b": [cp("0841", ["RUS"], [None])]}
    score = score_events(records, predicted, "cameo")
    assert score.levels["exact_triple"].tp == 2


def test_events_coded_in_no_event_records_are_false_positives() -> None:
    records = gold(cg("quiet"), cg("quiet2"), cg("a", ("USA", "IRQ", "112")))
    predicted = {
        "quiet": [cp("040", ["FRA"], ["CHN"]), cp("111", ["FRA"], ["RWA"])],
        "a": [cp("112", ["USA"], ["IRQ"])],
    }
    score = score_events(records, predicted, "cameo")
    c = score.levels["root_triple"]
    assert (c.tp, c.n_pred, c.n_gold) == (1, 3, 1)
    assert c.precision == pytest.approx(1 / 3)
    assert score.counts["noevent_records"] == 2
    assert score.counts["noevent_records_with_fp"] == 1
    assert score.counts["noevent_false_positives"] == 2
    assert [m.record_id for m in score.misses] == ["quiet"]


def test_duplicate_triples_count_once_on_either_side() -> None:
    records = gold(cg("a", ("ISR", "PSECVL", "190"), ("ISR", "PSEGZACVL", "190")))
    predicted = {"a": [cp("190", ["ISR"], ["PSE"]), cp("190", ["ISRMIL"], ["PSE"])]}
    score = score_events(records, predicted, "cameo")
    c = score.levels["root_triple"]
    assert (c.tp, c.n_pred, c.n_gold) == (1, 1, 1)


def test_cameo_scores_sum_over_records_with_per_root_rows() -> None:
    records = gold(
        cg("a", ("USAGOV", "MMROPP", "040"), ("USAGOV", "USA", "060")),
        cg("b", ("TUNJUD", "NGAEDU", "173")),
        cg("c"),
    )
    predicted = {
        "a": [cp("042", ["USA"], ["MMR"])],  # root triple right, exact wrong; 060 missed
        "b": [cp("173", ["TUN"], ["NGA"]), cp("010", ["TUN"], ["NGA"])],  # one spurious
        "c": [],
    }
    score = score_events(records, predicted, "cameo")
    rt, ex, root = (score.levels[k] for k in ("root_triple", "exact_triple", "root"))
    assert (rt.tp, rt.n_pred, rt.n_gold) == (2, 3, 3)
    assert (ex.tp, ex.n_pred, ex.n_gold) == (1, 3, 3)
    assert (root.tp, root.n_pred, root.n_gold) == (2, 3, 3)
    assert score.summary["root_triple_f1"] == pytest.approx(2 / 3)
    assert score.summary["exact_triple_f1"] == pytest.approx(1 / 3)
    rows = {row.label: row for row in score.per_type}
    assert sorted(rows) == ["01", "04", "06", "17"]
    assert rows["06"].support == 1
    assert rows["06"].counts.tp == 0
    assert rows["01"].counts.n_pred == 1
    assert score.counts["noevent_records_with_fp"] == 0
