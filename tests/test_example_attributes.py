"""Where, when and how many on the Moscow Times Russia-Cuba article, as a user runs it:

`dragoman code ../shared/examples/moscow-times-russia-cuba-2014.txt --date 2014-04-30 --jsonl`
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from dragoman.cli import main

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture(scope="module")
def events(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = shared_dir / "examples/moscow-times-russia-cuba-2014.txt"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    db = tmp_path_factory.mktemp("attrs") / "x.duckdb"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        rc = main(["code", str(path), "--date", "2014-04-30", "--jsonl", "--db", str(db)])
    assert rc == 0
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_the_havana_meetings_are_located_in_havana_cuba(events: list[dict[str, Any]]) -> None:
    meetings = [
        e for e in events if e["cameo_root"] == "04" and "CUB" in {a["code"] for a in e["target"]}
    ]
    assert meetings
    for meeting in meetings:
        loc = meeting["location"]
        assert (loc["name"], loc["country"], loc["feature"]) == ("Havana", "CUB", "city")


def test_the_trip_to_nicaragua_is_dated_tuesday(events: list[dict[str, Any]]) -> None:
    (trip,) = [e for e in events if "NIC" in {a["code"] for a in e["target"]}]
    assert (trip["date"], trip["date_precision"]) == ("2014-04-29", "day")
    assert trip["location"] is None  # not Havana: the meeting is in Nicaragua


def test_the_debt_event_carries_thirty_billion_dollars(events: list[dict[str, Any]]) -> None:
    (debt,) = [e for e in events if "$30 billion" in e["sentence"]]
    money = [q for q in debt["quantities"] if q["kind"] == "money"]
    assert [(q["value"], q["unit"], q["text"]) for q in money] == [(3e10, "USD", "$30 billion")]


def test_cuban_support_is_not_placed_in_ukraine(events: list[dict[str, Any]]) -> None:
    assert all((e["location"] or {}).get("country") != "UKR" for e in events)


def test_the_un_vote_in_march_is_a_rejection_dated_to_the_month(
    events: list[dict[str, Any]],
) -> None:
    (vote,) = [e for e in events if "voted against" in e["sentence"]]
    assert (vote["plover"], vote["cameo"]) == ("REJECT", "120")
    assert [a["code"] for a in vote["source"]] == ["CUB"]
    assert [a["code"] for a in vote["target"]] == ["IGOUNO"]
    assert (vote["date"], vote["date_precision"]) == ("2014-03-01", "month")


def test_events_placed_in_cuba_carry_the_country_centre_not_havana(
    events: list[dict[str, Any]],
) -> None:
    in_country = [
        e["location"] for e in events if (e["location"] or {}).get("feature") == "country"
    ]
    assert in_country
    for loc in in_country:
        assert loc["country"] == "CUB"
        assert (round(loc["lat"], 1), round(loc["lon"], 1)) != (23.1, -82.4)  # Havana
