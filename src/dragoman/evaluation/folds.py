"""Two fixed folds for every development set: look at fold A, report both.

A record (gold sentence, extraction page, news story) falls in fold ``A`` or ``B`` by the first
byte of ``sha256("fold:" + id)``; the ``fold:`` prefix keeps the folds independent of the
sha256 split that separated the development halves from the kept-aside ones.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Fold = Literal["A", "B"]
FOLDS: tuple[Fold, Fold] = ("A", "B")
LOOKED_AT: Fold = "A"


def fold_of(record_id: str) -> Fold:
    """The fixed fold of a record id: ``"A"`` (looked at) or ``"B"`` (reported only)."""
    digest = hashlib.sha256(f"fold:{record_id}".encode()).digest()
    return "A" if digest[0] % 2 == 0 else "B"
