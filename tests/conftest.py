"""Shared fixtures: where ../shared is, and the spaCy pipeline loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _shared_dir() -> Path | None:
    env = os.environ.get("DRAGOMAN_SHARED")
    candidate = Path(env) if env else Path(__file__).resolve().parents[2] / "shared"
    return candidate if (candidate / "data").is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    found = _shared_dir()
    if found is None:
        pytest.skip("../shared is absent (set DRAGOMAN_SHARED to its path)")
    return found
