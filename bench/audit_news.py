"""Audit the coder on real news stories: recall against a gold list, precision from judgements.

    .venv/bin/python bench/audit_news.py GOLD.jsonl STORIES.jsonl --out EVENTS.jsonl \
        [--ids IDS.txt] [--judgements JUDGED.jsonl] [--all]

GOLD.jsonl is a gold event list written before the coder ran (see
``dragoman.evaluation.audit``); STORIES.jsonl holds the stories, one JSON object a line with
``id``, ``text`` and a date, ``published`` or ``date`` (its first ten characters are the
story's date): ``$DRAGOMAN_SHARED/data/news/voa/voa_stories.jsonl`` (whole stories) or
``$DRAGOMAN_SHARED/data/news/wcep/wcep_political_2011_2019.jsonl`` (each one-line summary is a
story). The stories named in the gold list are coded, and with ``--ids`` those listed in
IDS.txt too (one id a line), so that a drawn story in which a careful coder lists no event is
still coded and its events judged. The coded events are written to EVENTS.jsonl, one contract
dict a line, for a judge to mark right or wrong; with ``--judgements`` the script prints the
share right, overall and per confidence band. ``--all`` scores every stored event, not only the
default output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple

from dragoman.evaluation.audit import (
    calibration,
    load_gold_events,
    load_judgements,
    precision,
    recall,
)
from dragoman.pipeline import code_texts
from dragoman.settings import load_settings


class Story(NamedTuple):
    """A story to code: its id, its text and its date (``YYYY-MM-DD``) when it has one."""

    story_id: str
    text: str
    date: str | None


def read_stories(path: Path, wanted: set[str]) -> list[Story]:
    """The stories of ``path`` whose id is in ``wanted``, dated by ``published`` or ``date``."""
    out: list[Story] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if str(row["id"]) in wanted:
            date = str(row.get("published") or row.get("date") or "")[:10] or None
            out.append(Story(str(row["id"]), str(row["text"]), date))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("stories", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--ids", type=Path, help="more story ids to code, one a line")
    parser.add_argument("--judgements", type=Path)
    parser.add_argument("--all", action="store_true", help="score the flagged events too")
    args = parser.parse_args(argv)

    gold = load_gold_events(args.gold)
    wanted = {g.story_id for g in gold}
    if args.ids:
        wanted |= set(args.ids.read_text(encoding="utf-8").split())
    stories = read_stories(args.stories, wanted)
    missing = wanted - {s.story_id for s in stories}
    if missing:
        print(f"stories missing from {args.stories}: {sorted(missing)}", file=sys.stderr)
        return 2
    coded = code_texts(stories, load_settings())
    events: list[dict[str, Any]] = [ev for evs in coded.values() for ev in evs]
    shown = events if args.all else [ev for ev in events if ev.get("flag") is None]
    with args.out.open("w", encoding="utf-8") as fh:
        for ev in events:
            fh.write(json.dumps(ev, ensure_ascii=False) + "\n")

    report: dict[str, Any] = {
        "stories": len(stories),
        "events": len(shown),
        "events_stored": len(events),
        "recall_strict": recall(gold, shown).to_dict(),
        "recall_lenient": recall(gold, shown, strict=False).to_dict(),
        "recall_current": recall(gold, shown, current_only=True).to_dict(),
    }
    if args.judgements:
        judged = load_judgements(args.judgements)
        report["precision"] = precision(shown, judged).to_dict()
        report["precision_all_stored"] = precision(events, judged).to_dict()
        report["by_confidence"] = {band: iv.to_dict() for band, iv in calibration(events, judged)}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
