"""dragoman: political event data from the news.

Raw news (HTML, text, WARC, feeds) in; coded events (CAMEO and PLOVER) with evidence,
confidence and provenance out, stored in an embedded DuckDB database.
"""

from __future__ import annotations

__version__ = "0.1.0"
