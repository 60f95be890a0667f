"""A bounded load test of ``dragoman serve`` on 127.0.0.1 (and, optionally, a writer beside it).

    .venv/bin/python bench/load_serve.py --db dragoman.duckdb --clients 200 --seconds 30
    .venv/bin/python bench/load_serve.py --db store.duckdb --write corpus/   # code while serving

It starts ``dragoman serve`` on a free loopback port (never another address), runs ``--clients``
concurrent clients for ``--seconds`` seconds, each sending one request after another (the
events endpoint with filters, every named query, /health, and ``POST /api/code`` when the app
has it), then stops the server and prints one JSON object: requests, errors by status, latency
p50/p90/p99/max, and the server's resident memory (after warm-up, at the end, peak). With
``--write`` a ``dragoman code`` run writes the same store meanwhile; its exit code and wall time
are reported too. It always ends by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def requests_for(paths: set[str]) -> list[tuple[str, str, dict[str, Any] | None]]:
    """(method, path, JSON body) of the mix each client cycles through."""
    mix: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", "/events?limit=20", None),
        ("GET", "/events?source=RUS&limit=50", None),
        ("GET", "/events?cameo_root=04&date_from=2014-01-01&limit=100", None),
        ("GET", "/queries/counts_by_day", None),
        ("GET", "/queries/dyads", None),
        ("GET", "/queries/top_actors", None),
        ("GET", "/queries/documents?limit=20", None),
        ("GET", "/queries/failures", None),
        ("GET", "/health", None),
    ]
    for prefix in ("/api", ""):
        if f"{prefix}/events" in paths and prefix:
            mix.append(("GET", f"{prefix}/events?limit=20", None))
        if f"{prefix}/code" in paths:
            text = "Russian Foreign Minister Sergei Lavrov met Cuban officials in Havana."
            mix.append(("POST", f"{prefix}/code", {"text": text}))
    return mix


async def client(
    http: httpx.AsyncClient,
    base: str,
    mix: list[tuple[str, str, dict[str, Any] | None]],
    stop: float,
    seed: int,
    out: dict[str, Any],
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        method, path, body = rng.choice(mix)
        started = time.monotonic()
        try:
            resp = await http.request(method, base + path, json=body)
            status = str(resp.status_code)
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        elapsed = time.monotonic() - started
        out["latency"].append(elapsed)
        out["status"][status] = out["status"].get(status, 0) + 1
        key = f"{method} {path.split('?')[0]}"
        out["by_path"].setdefault(key, []).append(elapsed)


async def load(base: str, clients: int, seconds: float, mix: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"latency": [], "status": {}, "by_path": {}}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=120.0, limits=limits) as http:
        stop = time.monotonic() + seconds
        await asyncio.gather(*(client(http, base, mix, stop, i, out) for i in range(clients)))
    return out


def wait_for(base: str, proc: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(base + "/health", timeout=5.0)
            return
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("dragoman serve did not start") from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="store to serve (it must exist)")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--write", help="also code these inputs into the store meanwhile")
    args = parser.parse_args()
    if not 1 <= args.clients <= 1000 or not 0 < args.seconds <= 600:
        raise SystemExit("--clients must be 1..1000 and --seconds 0..600")
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "dragoman", "serve", "--db", args.db, "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    writer: subprocess.Popen[bytes] | None = None
    try:
        wait_for(base, server)
        paths = set(httpx.get(base + "/openapi.json", timeout=30).json().get("paths", {}))
        mix = requests_for(paths)
        asyncio.run(load(base, 20, 5.0, mix))  # warm-up: caches, connections
        rss_warm = rss_mib(server.pid)
        samples: list[float] = []
        write_started = time.monotonic()
        if args.write:
            writer = subprocess.Popen(
                [PYTHON, "-m", "dragoman", "code", args.write, "--db", args.db],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        async def run() -> dict[str, Any]:
            async def sample() -> None:
                while True:
                    samples.append(rss_mib(server.pid))
                    await asyncio.sleep(0.5)

            sampler = asyncio.create_task(sample())
            try:
                return await load(base, args.clients, args.seconds, mix)
            finally:
                sampler.cancel()

        started = time.monotonic()
        result = asyncio.run(run())
        wall = time.monotonic() - started
        rss_end = rss_mib(server.pid)
        latency = result["latency"]
        errors = {k: v for k, v in result["status"].items() if not k.startswith("2")}
        report: dict[str, Any] = {
            "clients": args.clients,
            "seconds": round(wall, 1),
            "requests": len(latency),
            "requests_per_s": round(len(latency) / wall, 1),
            "status": result["status"],
            "errors": sum(errors.values()),
            "latency_s": {
                "p50": round(percentile(latency, 0.5), 3),
                "p90": round(percentile(latency, 0.9), 3),
                "p99": round(percentile(latency, 0.99), 3),
                "max": round(max(latency, default=0.0), 3),
            },
            "p50_by_request_s": {
                k: round(percentile(v, 0.5), 3) for k, v in sorted(result["by_path"].items())
            },
            "server_rss_mib": {
                "after_warmup": round(rss_warm, 1),
                "peak": round(max(samples, default=rss_end), 1),
                "end": round(rss_end, 1),
            },
            "load_average_1m": round(os.getloadavg()[0], 2),
        }
        if writer is not None:
            code = writer.wait(timeout=1800)
            report["writer"] = {
                "exit_code": code,
                "wall_s": round(time.monotonic() - write_started, 1),
            }
        print(json.dumps(report, indent=2))
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
