"""The learned confidence: named features of an event, a logistic model read from packaged
data, the labels and measures it is fitted and checked with, and the coder that uses it."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import math
import random
import sys
from pathlib import Path

import pytest

from dragoman.attributes.correctness import (
    CorrectnessModel,
    packaged_model,
    read_model,
)
from dragoman.attributes.event_features import FEATURES, event_features
from dragoman.errors import ConfigError
from dragoman.evaluation.calibration import (
    Labelled,
    auc,
    bands,
    brier,
    choose_threshold,
    fit_logistic,
    gold_labels,
    judged_labels,
)
from dragoman.evaluation.events import right_predictions
from dragoman.evaluation.gold import GoldRecord, parse_gold_lines
from dragoman.records import Actor, Basis, DocInfo, Event, Evidence
from dragoman.settings import Settings, load_settings

SENTENCE = "Iran accused Israel of the attack on Tuesday."
IRAN = Actor("Iran", "IRN", None, "Iran", "country", 0, 4)
ISRAEL = Actor("Israel", "ISR", None, "Israel", "country", 13, 19)
BASIS = Basis(
    pattern_kind="verb",
    origin="dragoman",
    specificity=0,
    changes=(),
    inherited=False,
    trigger_start=5,
    sentence_start=0,
    sentence_tokens=10,
    candidates=1,
)


def _event(**changes: object) -> Event:
    event = Event(
        event_id="e1",
        doc_id="d1",
        sentence_index=0,
        sentence=SENTENCE,
        date="2019-05-01",
        date_precision="day",
        cameo="112",
        cameo_root="11",
        quad_class=3,
        goldstein=-2.0,
        plover="ACCUSE",
        plover_mode=None,
        plover_context=(),
        source=(IRAN,),
        target=(ISRAEL,),
        location=None,
        quantities=(),
        negated=False,
        modality="actual",
        confidence=0.8,
        evidence=Evidence(0, 19, "Iran accused Israel"),
        doc=DocInfo(None, None, None, None),
        coder_version="test",
        basis=BASIS,
    )
    return dataclasses.replace(event, **changes)  # type: ignore[arg-type]


def test_a_country_accusing_a_country_has_coded_source_and_target_features() -> None:
    feats = event_features(_event())
    assert feats["source.country"] == 1.0
    assert feats["target.coded"] == 1.0
    assert feats["type.verbal_conflict"] == 1.0
    assert "source.uncoded" not in feats and "target.none" not in feats
    assert feats["sentence.length"] == pytest.approx(10 / 40)
    assert feats["trigger.source_distance"] == pytest.approx(5 / 100)
    assert set(feats) <= set(FEATURES)


def test_a_pronoun_read_from_an_earlier_sentence_and_a_quote_are_features() -> None:
    he = Actor("he", None, None, None, "person", 0, 2)
    event = _event(
        source=(he,),
        target=(),
        sentence='"We will strike," he said.',
        modality="intent",
        basis=dataclasses.replace(BASIS, inherited=True, origin="petrarch2", story_sentences=5),
        sentence_index=4,
    )
    feats = event_features(event)
    for name in (
        "source.uncoded",
        "source.pronoun",
        "source.earlier_sentence",
        "sentence.quoted",
        "modality.intent",
        "pattern.petrarch2",
        "target.none",
    ):
        assert feats[name] == 1.0, name
    assert feats["story.position"] == 1.0


def test_an_event_without_basis_still_has_the_features_of_its_record() -> None:
    feats = event_features(_event(basis=None, source=()))
    assert feats["source.none"] == 1.0
    assert "pattern.noun" not in feats


def test_the_model_is_a_logistic_function_of_the_weighted_features() -> None:
    model = CorrectnessModel(-1.0, {"source.country": 2.0, "target.coded": 0.5}, {})
    feats = {"source.country": 1.0, "target.coded": 1.0, "negated": 1.0}
    assert model.probability(feats) == round(1 / (1 + math.exp(-1.5)), 2)
    contributions = model.contributions(feats)
    assert [c.feature for c in contributions] == ["source.country", "target.coded"]
    assert contributions[0].to_dict()["logit"] == 2.0


def test_a_model_naming_an_unknown_feature_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown features"):
        read_model(json.dumps({"intercept": 0, "weights": {"no.such": 1.0}}), "m.json")
    with pytest.raises(ConfigError, match="not a confidence model"):
        read_model("{}", "m.json")


def test_the_packaged_model_says_what_it_was_fitted_on_and_its_threshold() -> None:
    model = packaged_model()
    assert set(model.weights) == set(FEATURES)
    data = model.fitted["data"]
    assert set(data) == {"plover_gsr", "petr2_gsr", "voa"}
    assert all("fold A" in text or "fold_a" in text for text in data.values())
    assert 0.0 < float(model.fitted["threshold"]) < 1.0


def test_logistic_fit_recovers_the_direction_of_each_weight() -> None:
    rng = random.Random(7)
    x = [[float(rng.random() < 0.5), float(rng.random() < 0.5)] for _ in range(600)]
    y = [rng.random() < 1 / (1 + math.exp(-(-0.5 + 2.0 * a - 1.5 * b))) for a, b in x]
    intercept, (w_a, w_b) = fit_logistic(x, y, l2=0.1)
    assert w_a > 1.2 and w_b < -0.8 and -1.2 < intercept < 0.2


def test_a_larger_penalty_shrinks_the_weights() -> None:
    x = [[1.0], [1.0], [0.0], [0.0], [1.0], [0.0]]
    y = [True, True, False, False, False, True]
    assert abs(fit_logistic(x, y, l2=10.0)[1][0]) < abs(fit_logistic(x, y, l2=0.01)[1][0])


def test_threshold_is_the_lowest_that_reaches_the_target_else_the_best_share() -> None:
    scores = [0.9, 0.85, 0.8, 0.7, 0.6, 0.5] * 2
    right = [True, True, True, True, False, False] * 2
    shown = [True] * 12
    assert choose_threshold(scores, right, shown, 0.8)[0] == 0.55
    t, why = choose_threshold(scores, [False, True] * 6, shown, 0.8, min_events=4)
    assert "none reaches" in why and t == 0.05  # every share is 50%: the lowest keeps most


def test_brier_auc_and_bands_measure_scores_against_the_truth() -> None:
    assert brier([1.0, 0.0], [True, False]) == 0.0
    assert auc([0.9, 0.1], [True, False]) == 1.0
    assert auc([0.5, 0.5], [True, False]) == 0.5
    table = dict(bands([0.55, 0.58, 0.95], [True, False, True]))
    assert (table["0.5-0.6"].hits, table["0.5-0.6"].total) == (1, 2)
    assert table["0.9-1.0"].total == 1


def _record(expected: list[dict[str, object]], rid: str = "g1") -> GoldRecord:
    line = json.dumps({"id": rid, "text": SENTENCE, "expected": expected})
    return parse_gold_lines([line])[0]


def _plover_record() -> GoldRecord:
    return _record([{"event": "ACCUSE", "mode": "", "source": [{"code": "IRN"}], "target": []}])


def test_a_duplicated_prediction_is_wrong_under_one_to_one_matching() -> None:
    record = _plover_record()
    pred = {"plover": "ACCUSE", "source": [{"code": "IRN"}]}
    assert right_predictions(record, [pred, pred, {"plover": None}]) == [True, False, None]


def test_a_cameo_prediction_is_right_when_a_root_triple_is_in_the_gold() -> None:
    record = _record([{"source": "IRN", "target": "ISR", "code": "112"}], "c1")
    good = {
        "cameo": "111",
        "cameo_root": "11",
        "source": [{"code": "IRN"}],
        "target": [{"code": "ISR"}],
    }
    bad = {**good, "target": [{"code": "USA"}]}
    assert right_predictions(record, [good, bad]) == [True, False]


def test_gold_labels_keep_only_the_events_the_scoring_counts() -> None:
    rows = gold_labels([_plover_record()], {"g1": [_event(doc_id="g1")]}, "plover_gsr")
    assert [(r.right, r.dataset, r.group) for r in rows] == [(True, "plover_gsr", "g1")]


def test_a_judged_event_is_found_again_by_what_the_judge_looked_at() -> None:
    old = _event(event_id="old").to_dict()
    renamed = _event(event_id="new", confidence=0.3)
    other = _event(event_id="other", sentence_index=3)
    rows = judged_labels([renamed, other], {"old": True}, [old], "voa")
    assert rows == [Labelled(renamed, True, "voa", "d1")]


def test_an_unknown_confidence_model_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="confidence_model"):
        load_settings(env={}, overrides={"confidence_model": "neural"})
    assert Settings().confidence_model == "rules"


KABUL = (
    "KABUL (Reuters) - Security forces fired tear gas at protesters on Tuesday. "
    "Iran accused Israel of the attack. He said it would retaliate."
)


@pytest.mark.model
def test_the_coder_gives_each_event_its_basis_and_the_learned_model_its_confidence() -> None:
    from dragoman.explain import explain_text

    settings = load_settings(env={}, overrides={"confidence_model": "learned"})
    explanation = explain_text(KABUL, settings, date="2019-05-01")
    events = explanation.coding.events
    assert events
    model = packaged_model()
    for event in events:
        assert event.basis is not None
        assert event.basis.story_sentences == len(explanation.sentences)
        assert event.confidence == model.probability(event_features(event))
        political = any(a.code for a in event.source)
        if political and event.flag is None:
            assert event.confidence >= settings.shown_min_confidence
    police = [e for e in events if any(a.sector == "COP" for a in e.source)]
    assert police and police[0].basis is not None and police[0].basis.story_country
    basis = explanation.to_dict()["events"][0]["confidence_basis"]
    assert basis["model"] == "learned" and basis["contributions"]


@pytest.mark.model
def test_the_hand_set_score_is_kept_by_default_and_explained_as_such() -> None:
    from dragoman.attributes.confidence import confidence
    from dragoman.explain import explain_text, render_tree

    explanation = explain_text("Iran accused Israel of the attack.", load_settings(env={}))
    (event,) = explanation.coding.events
    assert event.basis is not None
    assert event.confidence == confidence(
        kind=event.basis.pattern_kind,
        specificity=event.basis.specificity,
        has_source=True,
        has_target=True,
        coded_source=True,
        modality=event.modality,
        pronoun=False,
        origin=event.basis.origin,
    )
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(render_tree(explanation))
    assert "hand-set score" in console.export_text()


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.slow
def test_the_refit_script_fits_on_fold_a_and_writes_a_readable_model(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = Path(__file__).resolve().parent.parent / "scripts" / "fit_confidence.py"
    spec = importlib.util.spec_from_file_location("fit_confidence", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    out = tmp_path / "model.json"
    assert module.main(["--out", str(out), "--shared", str(shared_dir)]) == 0
    model = read_model(out.read_text("utf-8"), str(out))
    assert set(model.weights) == set(FEATURES)
    assert all(n > 0 for n in model.fitted["events"].values())
    assert model.fitted["events"]["voa"] >= 90  # the judged sample is found again
    assert "out-of-fold" in capsys.readouterr().out
