"""A learned confidence: a logistic regression over the named features of a coded event.

The weights are packaged data (``data/confidence_model.json``: feature name -> weight, the
intercept, the data it was fitted on and when), written by ``scripts/fit_confidence.py``; the
probability is ``1 / (1 + exp(-(intercept + sum(weight * feature))))``, and
:meth:`CorrectnessModel.contributions` says how much each feature of an event moved it, which
``dragoman explain`` prints.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dragoman.attributes.event_features import FEATURES, event_features
from dragoman.errors import ConfigError
from dragoman.records import Event

MODEL_FILE = "data/confidence_model.json"


@dataclass(frozen=True, slots=True)
class Contribution:
    """One feature's share of an event's log-odds of being right."""

    feature: str
    value: float
    weight: float

    @property
    def logit(self) -> float:
        return self.value * self.weight

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "value": round(self.value, 3),
            "weight": round(self.weight, 3),
            "logit": round(self.logit, 3),
            "means": FEATURES.get(self.feature, ""),
        }


@dataclass(frozen=True, slots=True)
class CorrectnessModel:
    """Weights of the features (log-odds per unit), the intercept and where they came from."""

    intercept: float
    weights: Mapping[str, float]
    fitted: Mapping[str, Any]

    def logit(self, features: Mapping[str, float]) -> float:
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        """The chance that an event with these features is right, rounded to 0.01."""
        z = max(-30.0, min(30.0, self.logit(features)))
        return round(1.0 / (1.0 + math.exp(-z)), 2)

    def contributions(self, features: Mapping[str, float]) -> list[Contribution]:
        """The features that moved this event's log-odds, largest effect first."""
        out = [
            Contribution(k, v, self.weights[k])
            for k, v in features.items()
            if self.weights.get(k, 0.0) and v
        ]
        return sorted(out, key=lambda c: -abs(c.logit))

    def to_dict(self) -> dict[str, Any]:
        return {
            "intercept": self.intercept,
            "weights": dict(self.weights),
            "fitted": dict(self.fitted),
        }


def read_model(text: str, where: str) -> CorrectnessModel:
    """A model from its JSON text; a weight for an unknown feature is an error."""
    try:
        data = json.loads(text)
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        model = CorrectnessModel(float(data["intercept"]), weights, dict(data.get("fitted", {})))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{where}: not a confidence model ({exc})") from exc
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise ConfigError(f"{where}: weights for unknown features {unknown}")
    return model


@lru_cache(maxsize=1)
def packaged_model() -> CorrectnessModel:
    """The model shipped with dragoman."""
    text = resources.files("dragoman.attributes").joinpath(MODEL_FILE).read_text("utf-8")
    return read_model(text, f"dragoman/attributes/{MODEL_FILE}")


def write_model(model: CorrectnessModel, path: Path) -> None:
    path.write_text(json.dumps(model.to_dict(), indent=2, sort_keys=False) + "\n", "utf-8")


def learned_confidence(event: Event, model: CorrectnessModel | None = None) -> float:
    """How likely the event is right, by the packaged (or a given) model."""
    return (model or packaged_model()).probability(event_features(event))
