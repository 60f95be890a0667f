"""Engines map the pipeline's pure batch stages over a stream of batches.

``local.run`` codes in this process (``workers=1``) or in a pool of processes, each loading the
spaCy pipeline once; reading, extraction and deduplication stay in the calling process so that
one near-duplicate index sees every document, and results come back in input order.
"""

from __future__ import annotations

from dragoman.engines.local import run

__all__ = ["run"]
