"""Audit the coder on real news stories: recall against a gold list, precision from judgements.

    .venv/bin/python bench/audit_news.py GOLD.jsonl STORIES.jsonl --out EVENTS.jsonl \
        [--judgements JUDGED.jsonl] [--all]

GOLD.jsonl is a gold event list written before the coder ran (see
``dragoman.evaluation.audit``); STORIES.jsonl holds the stories (``id``, ``text``,
``published``), e.g. ``$DRAGOMAN_SHARED/data/news/voa/voa_stories.jsonl``. Only the stories
named in the gold list are coded. The coded events are written to EVENTS.jsonl, one contract
dict a line, for a judge to mark right or wrong; with ``--judgements`` the script prints the
share right, overall and per confidence band. ``--all`` scores every stored event, not only the
default output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dragoman.evaluation.audit import (
    calibration,
    load_gold_events,
    load_judgements,
    precision,
    recall,
)
from dragoman.pipeline import code_texts
from dragoman.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("stories", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--judgements", type=Path)
    parser.add_argument("--all", action="store_true", help="score the flagged events too")
    args = parser.parse_args(argv)

    gold = load_gold_events(args.gold)
    wanted = {g.story_id for g in gold}
    stories = [
        row
        for row in map(json.loads, args.stories.read_text(encoding="utf-8").splitlines())
        if str(row["id"]) in wanted
    ]
    missing = wanted - {str(s["id"]) for s in stories}
    if missing:
        print(f"stories missing from {args.stories}: {sorted(missing)}", file=sys.stderr)
        return 2
    coded = code_texts(
        ((str(s["id"]), s["text"], str(s.get("published") or "")[:10] or None) for s in stories),
        load_settings(),
    )
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
