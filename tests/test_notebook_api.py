"""The notebook API: dragoman.code and dragoman.open with DataFrames. Texts written here."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import dragoman
from dragoman.store import open_store


def test_code_returns_events_with_place_and_date() -> None:
    events = dragoman.code(
        "On Tuesday, Russian Foreign Minister Sergei Lavrov met Cuban President Raul Castro "
        "in Havana.",
        date="2014-04-30",
    )
    assert events and isinstance(events[0], dragoman.Event)
    meeting = events[0]
    assert meeting.location is not None and meeting.location.name == "Havana"
    assert (meeting.date, meeting.date_precision) == ("2014-04-29", "day")


def test_open_gives_named_queries_as_dataframes(tmp_path: Path) -> None:
    path = tmp_path / "nb.duckdb"
    from dragoman.pipeline import run_batch
    from dragoman.records import Document
    from dragoman.settings import load_settings

    doc = Document(
        "d1",
        "d1",
        b"Russian Foreign Minister Sergei Lavrov met Cuban President Raul Castro in Havana.",
        "text",
        date="2014-04-30",
    )
    result = run_batch([doc], load_settings())
    with open_store(path) as store:
        store.write_batch(result.articles, result.events, result.failures)
    with dragoman.open(path) as db:
        events = db.events(source="RUS")
        assert isinstance(events, pd.DataFrame) and len(events) == len(result.events)
        assert set(events["cameo_root"]) == {"04"}
        dyads = db.dyads()
        assert list(dyads[["source_code", "target_code"]].iloc[0]) == ["RUS", "CUB"]
        assert isinstance(db.top_actors(), pd.DataFrame)


def test_the_readme_notebook_example_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    section = readme.split("### In a notebook", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    store_path = tmp_path / "readme.duckdb"
    from dragoman.pipeline import run_batch
    from dragoman.records import Document
    from dragoman.settings import load_settings

    text = b"Russian Foreign Minister Sergei Lavrov met Cuban President Raul Castro in Havana."
    result = run_batch([Document("d", "d", text, "text", date="2014-04-30")], load_settings())
    with open_store(store_path) as store:
        store.write_batch(result.articles, result.events, result.failures)
    exec(compile(code, "README.md", "exec"), {"store_path": store_path})
    printed = capsys.readouterr().out
    assert "040 2014-04-29 Havana CUB" in printed and "RUS" in printed
