"""Latency of the dashboard pages, their JSON twins and ``POST /api/code`` on a running server.

    .venv/bin/dragoman serve --db dragoman.duckdb --port 8000 &      # after make demo
    .venv/bin/python bench/api_latency.py [--base http://127.0.0.1:8000] [--repeat 10]

Requests each route ``--repeat`` times, one at a time, and prints a Markdown table of the
median and the slowest wall time per request (each request opens the store, runs its named
queries and renders). Then posts the seed sample to ``POST /api/code`` ``--repeat`` times: the
first request of a fresh server also loads the spaCy pipeline, and is shown on its own.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import httpx

ROUTES = (
    "/",
    "/browse",
    "/articles/7e037a7d747662dd",
    "/dyad?source=RUS&target=CUB",
    "/network",
    "/api/overview",
    "/api/events?limit=100",
    "/api/articles/7e037a7d747662dd",
    "/api/timeseries?actor=RUS",
    "/api/network",
)
SEED = Path(__file__).resolve().parents[1] / "samples" / "2014-04-29-russia-cuba-talks.txt"


def timed(send: object) -> float:
    started = time.perf_counter()
    response = send()  # type: ignore[operator]
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with httpx.Client(base_url=args.base, timeout=300) as http:
        print("| request | median ms | slowest ms |")
        print("|---|---:|---:|")
        for route in ROUTES:
            times = [timed(lambda r=route: http.get(r)) for _ in range(args.repeat)]
            print(f"| `GET {route}` | {statistics.median(times):.0f} | {max(times):.0f} |")
        body = {"text": SEED.read_text(encoding="utf-8"), "date": "2014-04-29"}
        times = [timed(lambda: http.post("/api/code", json=body)) for _ in range(args.repeat)]
        words = len(body["text"].split())
        print(f"| `POST /api/code` first ({words} words) | {times[0]:.0f} | |")
        rest = times[1:] or times
        print(
            f"| `POST /api/code` then ({words} words) | {statistics.median(rest):.0f} "
            f"| {max(rest):.0f} |"
        )


if __name__ == "__main__":
    main()
