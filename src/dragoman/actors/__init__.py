"""Actor knowledge: countries, organisations, armed groups, sectors, leaders and places.

The tables live in ``data/`` (see ``data/README.md`` for sources and formats); the lookup API
is :class:`ActorLexicon` (``ActorLexicon.default()`` is built once and cached).
"""

from __future__ import annotations

from dragoman.actors.lexicon import ROLE_NAMES, ActorLexicon, Entry, normalize_date
from dragoman.actors.places import PlaceEntry
from dragoman.actors.userdict import (
    DatedCode,
    UserActor,
    UserAgent,
    UserDictionary,
    parse_petrarch,
    parse_yaml,
)

__all__ = [
    "ROLE_NAMES",
    "ActorLexicon",
    "DatedCode",
    "Entry",
    "PlaceEntry",
    "UserActor",
    "UserAgent",
    "UserDictionary",
    "normalize_date",
    "parse_petrarch",
    "parse_yaml",
]
