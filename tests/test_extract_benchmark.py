"""Extraction quality floors on the first pages of the shared benchmark folders.

The full development halves are scored with ``dragoman eval extraction DIR`` (see
docs/EXTRACTION.md); here a prefix of each keeps the suite fast. Floors sit a little under the
scores measured when they were set; raise them with the scores, lower them only on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.evaluation.extraction import score_extraction

AEB_PAGES = 40
TRAFEVAL_PAGES = 60


def _folder(shared_dir: Path, name: str) -> Path:
    path = shared_dir / "data" / "extraction" / name
    if not path.is_dir():
        pytest.skip(f"{path} absent")
    return path


@pytest.mark.shared
def test_aeb_text_f1_floor(shared_dir: Path) -> None:
    score = score_extraction(_folder(shared_dir, "aeb"), limit=AEB_PAGES)
    assert score.pages == AEB_PAGES and score.errors == 0
    assert score.f1 >= 0.97, score.to_dict()


@pytest.mark.shared
def test_trafeval_text_and_metadata_floors(shared_dir: Path) -> None:
    score = score_extraction(_folder(shared_dir, "trafeval"), limit=TRAFEVAL_PAGES)
    assert score.pages == TRAFEVAL_PAGES
    assert score.f1 >= 0.92, score.to_dict()
    accuracy = {name: m.accuracy for name, m in score.metadata.items()}
    assert accuracy["title"] >= 0.85, accuracy
    assert accuracy["date"] >= 0.90, accuracy
    assert accuracy["author"] >= 0.58, accuracy
