"""The public API, the packaged data files and the release metadata."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import dragoman

ROOT = Path(__file__).resolve().parents[1]

PUBLIC_API = [
    "__version__",
    "Settings",
    "load_settings",
    "read_inputs",
    "extract",
    "run",
    "RunReport",
    "run_batch",
    "code_texts",
    "open_store",
    "Document",
    "Article",
    "Sentence",
    "Actor",
    "Event",
    "Failure",
    "FailureReason",
    "DragomanError",
    "code",
    "open",
]

#: Where each public name is defined.
HOMES = {
    "Settings": "dragoman.settings",
    "load_settings": "dragoman.settings",
    "read_inputs": "dragoman.ingest",
    "extract": "dragoman.extract",
    "run": "dragoman.pipeline",
    "RunReport": "dragoman.pipeline",
    "run_batch": "dragoman.pipeline",
    "code_texts": "dragoman.pipeline",
    "open_store": "dragoman.store",
    "Document": "dragoman.records",
    "Article": "dragoman.records",
    "Sentence": "dragoman.records",
    "Actor": "dragoman.records",
    "Event": "dragoman.records",
    "Failure": "dragoman.records",
    "FailureReason": "dragoman.errors",
    "DragomanError": "dragoman.errors",
    "code": "dragoman.notebook",
    "open": "dragoman.notebook",
}

PACKAGED_DATA = [
    ("dragoman.events", "data/patterns.yaml"),
    ("dragoman.events", "data/cameo.tsv"),
    ("dragoman.actors", "data/countries.tsv"),
    ("dragoman.actors", "data/organisations.tsv"),
    ("dragoman.actors", "data/sectors.tsv"),
    ("dragoman.actors", "data/leaders.tsv"),
    ("dragoman.actors", "data/metonyms.tsv"),
    ("dragoman.store", "schema.sql"),
    ("dragoman.attributes", "data/place_cues.yaml"),
    ("dragoman.attributes", "data/iso3_fips.tsv"),
    ("dragoman.attributes", "data/quantity_kinds.tsv"),
    ("dragoman.attributes", "data/currencies.tsv"),
    ("dragoman.attributes", "data/people_nouns.txt"),
    ("dragoman.attributes", "data/vague_numbers.tsv"),
]


def test_all_is_the_public_api() -> None:
    assert sorted(dragoman.__all__) == sorted(PUBLIC_API)
    assert len(dragoman.__all__) == len(set(dragoman.__all__))


@pytest.mark.parametrize("name", PUBLIC_API)
def test_every_public_name_is_importable(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from dragoman import {name}", namespace)
    value = namespace[name]
    assert value is getattr(dragoman, name)
    if name != "__version__":
        assert value is getattr(importlib.import_module(HOMES[name]), name)


def test_public_names_are_the_objects_even_after_submodules_are_imported() -> None:
    """`dragoman.extract` is both a submodule and a public function: the function must win.

    Run in a fresh interpreter, since the outcome depends on import order.
    """
    code = (
        "import inspect\n"
        "import dragoman.pipeline, dragoman.cli, dragoman.store\n"
        "import dragoman\n"
        "bad = [n for n in dragoman.__all__ if inspect.ismodule(getattr(dragoman, n))]\n"
        "print(' '.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = proc.stdout.split()
    assert not modules, f"these public names resolve to submodules, not objects: {modules}"


HEAVY_MODULES = ("spacy", "trafilatura", "scipy", "datasketch", "duckdb", "htmldate", "lxml")


@pytest.mark.parametrize(
    "statement",
    ["import dragoman", "import dragoman.errors", "from dragoman import __version__, Settings"],
)
def test_importing_dragoman_loads_no_heavy_library(statement: str) -> None:
    """`import dragoman` stays cheap: the public names load their modules when first used."""
    code = (
        f"import sys\n{statement}\n"
        f"print(' '.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == [], f"{statement!r} loaded {proc.stdout.strip()}"


def test_the_cli_module_loads_no_heavy_library() -> None:
    """`dragoman --version` and `--help` import the CLI only; commands import what they use."""
    code = (
        "import sys\nfrom dragoman.cli import main\nmain(['--version'])\n"
        f"print('loaded:', *(m for m in {HEAVY_MODULES!r} if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = proc.stdout.split("loaded:", 1)[1].split()
    assert loaded == [], f"the CLI loaded {loaded} before running a command"


def test_exported_members_match_all() -> None:
    """Every public name not starting with an underscore is in ``__all__`` and vice versa."""
    exported = {
        n
        for n in dir(dragoman)
        if not n.startswith("_") and not inspect.ismodule(getattr(dragoman, n))
    }
    assert exported == set(dragoman.__all__) - {"__version__"}


def test_public_callables_are_callable() -> None:
    for name in ("load_settings", "read_inputs", "extract", "run", "run_batch", "code_texts"):
        obj = getattr(dragoman, name)
        assert callable(obj) and not inspect.ismodule(obj), name
    assert issubclass(getattr(dragoman, "DragomanError"), Exception)  # noqa: B009


def test_package_is_marked_typed() -> None:
    """Type hints everywhere are only useful to users' type checkers with a py.typed marker."""
    assert resources.files("dragoman").joinpath("py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["dragoman"]
    assert "py.typed" in globs


@pytest.mark.parametrize(("package", "name"), PACKAGED_DATA)
def test_data_files_are_found_by_importlib_resources(package: str, name: str) -> None:
    resource = resources.files(package).joinpath(name)
    assert resource.is_file(), f"{package}/{name} not found"
    assert resource.read_text(encoding="utf-8").strip()


def test_package_data_globs_cover_the_data_files() -> None:
    """Every data file under src/dragoman is matched by pyproject's package-data globs."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["dragoman"]
    suffixes = {g.rsplit("*", 1)[-1] for g in globs}
    pkg = ROOT / "src" / "dragoman"
    data_files = [p for p in pkg.rglob("data/*") if p.is_file() and p.name != "README.md"]
    assert data_files
    for path in data_files:
        assert path.suffix in suffixes, f"{path.relative_to(pkg)} would not be in the wheel"


def test_pyproject_version_is_the_package_version() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["version"] == dragoman.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[ab]|rc)?\d*", dragoman.__version__)


def test_license_is_apache_2() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["license"] == "Apache-2.0"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text
    assert "Version 2.0" in text


def test_changelog_mentions_the_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"[{dragoman.__version__}]" in text or f"## {dragoman.__version__}" in text


def test_console_script_points_at_cli_main() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["scripts"]["dragoman"] == "dragoman.cli:main"
    from dragoman.cli import main

    assert main(["version"]) == 0
