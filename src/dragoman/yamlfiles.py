"""YAML as dragoman's data files mean it: words stay words.

PyYAML follows YAML 1.1, where ``on``, ``off``, ``yes``, ``no`` (and ``y``, ``n``) are booleans,
so a word list ``[in, at, off]`` would hold ``False`` and an actor coded ``NO`` (Norway) would
lose its code. Every YAML file dragoman reads (its packaged rules, patterns and cues, and users'
actor dictionaries) goes through :func:`load_yaml`, which reads booleans as YAML 1.2 does: only
``true`` and ``false``.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BOOL = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """The safe loader with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    """Parse YAML text safely, with only ``true``/``false`` as booleans."""
    return yaml.load(text, Loader=_Loader)
