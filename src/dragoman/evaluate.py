"""Scoring against gold files (events and extraction): the public face of ``dragoman.evaluation``.

- :func:`load_gold` reads a gold JSONL file (scheme detected: ``plover``, ``cameo``, ``case``);
- :func:`score_events` scores predicted contract dicts by record id against it;
- :func:`evaluate_events_file` codes a gold file with a ``code_fn`` and scores it;
- :func:`score_extraction` scores an extractor on an aeb or trafeval benchmark folder.
"""

from __future__ import annotations

from dragoman.evaluation import *  # noqa: F403
from dragoman.evaluation import __all__ as __all__
