"""Place precision on hand-checked sentences: ``python bench/places.py [FILE]``.

Each line of the file (default ``bench/places_checked.jsonl``, sentences written for the
project and checked by hand) gives the place (a name, or the names a gazetteer may give it)
where the sentence's events happened, or null
when the sentence names none. Prints, over coded events: how many were placed, how many of
those at the right place (name) and in the right country, and how many events of sentences
without a place were placed anyway.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dragoman.pipeline import code_texts
from dragoman.settings import load_settings


def main(path: str) -> None:
    rows = [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line]
    coded = code_texts(((r["id"], r["text"], r["date"]) for r in rows), load_settings())
    placed = right = right_country = spurious = events = unplaced_gold = 0
    for r in rows:
        for ev in coded.get(r["id"], []):
            events += 1
            loc = ev["location"]
            if r["place"] is None:
                spurious += loc is not None
                continue
            if loc is None:
                unplaced_gold += 1
                continue
            placed += 1
            names = r["place"] if isinstance(r["place"], list) else [r["place"]]
            right += loc["name"] in names
            right_country += loc["country"] == r["country"]
    with_place = placed + unplaced_gold
    print(f"sentences: {len(rows)}  events: {events}")
    print(f"events in sentences naming a place: {with_place}, placed: {placed}")
    print(f"place precision (name): {right}/{placed} = {right / max(placed, 1):.3f}")
    print(f"country precision: {right_country}/{placed} = {right_country / max(placed, 1):.3f}")
    print(f"recall (right place / events with a gold place): {right / max(with_place, 1):.3f}")
    print(f"events placed in sentences that name no place: {spurious}")


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name("places_checked.jsonl"))
    )
