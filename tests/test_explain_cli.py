"""`dragoman explain` and `dragoman code --all`, tried as a user would, through cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.cli import main
from dragoman.events.rulebook import rulebook

pytestmark = pytest.mark.model

TEXT = (
    "Russian forces shelled the Ukrainian city of Kharkiv on Monday. "
    "Gunmen attacked a police station in Kabul. "
    "Iran will not release the British sailors."
)


def test_explain_prints_triggers_actors_resolution_and_rules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    assert main(["explain", TEXT, "--date", "2022-05-02"]) == 0
    out = capsys.readouterr().out
    assert '"shelled"' in out and "RUSMIL" in out and "[resolved]" in out
    assert "[unresolved]" in out  # the gunmen have no code
    assert "flag.no-coded-source" in out
    assert "change.refused" in out
    assert rulebook()["change.refused"].does[:30] in " ".join(out.split())


def test_explain_json_gives_every_candidate_with_its_deciding_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    assert main(["explain", TEXT, "--json"]) == 0
    (doc,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert doc["story"] == {
        "kind": None,
        "rule": "story-gate.pass",
        "cues": [],
        "political_cues": doc["story"]["political_cues"],
    }
    assert [s["index"] for s in doc["sentences"]] == [0, 1, 2]
    by_trigger = {c["trigger"]: c for s in doc["sentences"] for c in s["candidates"]}
    assert by_trigger["shelled"]["outcome"] == "coded"
    assert by_trigger["shelled"]["source"][0]["resolved"] is True
    assert by_trigger["attacked"]["outcome"] == "flagged"
    assert by_trigger["attacked"]["rule"] == "flag.no-coded-source"
    assert by_trigger["release"]["rules"] == ["change.refused"]
    assert all(c["rule_does"] for c in by_trigger.values())
    flagged = [e for e in doc["events"] if e["flag"]]
    assert [e["flag"] for e in flagged] == ["no-coded-source"]


def test_explain_reads_a_file_as_code_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    capsys.readouterr()
    assert main(["explain", str(path), "--json"]) == 0
    (doc,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(doc["sentences"]) == 3


def test_explain_without_text_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "   "]) == 2


def test_code_leaves_flagged_events_out_unless_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    capsys.readouterr()
    assert main(["code", str(path), "--jsonl", "--no-store"]) == 0
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["code", str(path), "--jsonl", "--no-store", "--all"]) == 0
    everything = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert shown and all(e["flag"] is None for e in shown)
    assert {e["event_id"] for e in shown} < {e["event_id"] for e in everything}
    assert {e["flag"] for e in everything} == {None, "no-coded-source"}


def test_a_batch_counts_the_rules_that_decided_its_candidates() -> None:
    from dragoman.pipeline import run_batch
    from dragoman.records import Document
    from dragoman.settings import load_settings

    docs = [
        Document("news", "news", TEXT.encode("utf-8"), "text", date="2022-05-02"),
        Document("again", "again", TEXT.encode("utf-8"), "text", date="2022-05-02"),
    ]
    rules = run_batch(docs, load_settings()).rules
    assert rules["story-gate.pass"] == 2
    assert rules["flag.no-coded-source"] == 2
    assert rules["change.refused"] == 2
    assert all(isinstance(n, int) and n > 0 for n in rules.values())


def test_explain_takes_a_text_longer_than_a_file_name_can_be(
    capsys: pytest.CaptureFixture[str],
) -> None:
    long_text = " ".join([TEXT] * 20)  # several kB, on one line: no file has such a name
    capsys.readouterr()
    assert main(["explain", long_text, "--date", "2022-05-02", "--json"]) == 0
    (doc,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert doc["sentences"]
