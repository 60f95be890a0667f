"""The ``dragoman`` command line: one thin command per library function.

Exit codes: 0 ok, 1 some documents failed (each reported on stderr and stored in ``failures``),
2 usage or configuration error.
"""

from __future__ import annotations

import json
import logging
import sys
import uuid
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dragoman import __version__
from dragoman.dedup import NearDuplicateIndex
from dragoman.errors import ConfigError, DragomanError
from dragoman.records import Document, Event, Failure
from dragoman.settings import Settings, load_settings

if TYPE_CHECKING:
    from dragoman.pipeline import BatchResult

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="dragoman: political event data from the news (CAMEO and PLOVER).",
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Score the coder or the extractor against gold data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


def _print_version(value: bool) -> None:
    if value:
        out.print(f"dragoman {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main_options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """dragoman: political event data from the news (CAMEO and PLOVER)."""


# Tables fit the terminal; piped output gets a wide table instead of rich's 80 columns.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 180)
err = Console(stderr=True, soft_wrap=True)
log = logging.getLogger("dragoman")

ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="TOML settings file.")]  # noqa: UP045
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging.")]


def _usage_error(message: str) -> NoReturn:
    """Report a usage or configuration error and exit with code 2."""
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _emit_report(report: Any, as_json: bool) -> None:
    """Print a score or benchmark report as JSON or as its plain-text table."""
    if as_json:
        out.file.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        out.print(report.format_table(), highlight=False)


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def _settings(config: Path | None, **overrides: Any) -> Settings:
    try:
        return load_settings(config_file=config, overrides=overrides)
    except ConfigError as exc:
        _usage_error(f"{exc}")


def _batched(items: Iterator[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    while batch := list(islice(items, size)):
        yield batch


def _zip_batches(
    batches: Iterator[list[Document | Failure]],
    settings: Settings,
    workers: int,
    dedup: NearDuplicateIndex | None,
) -> Iterator[tuple[list[Document | Failure], BatchResult]]:
    """Each batch with its result, coded by the local engine (in order)."""
    from dragoman.engines.local import run

    seen: list[list[Document | Failure]] = []

    def remember() -> Iterator[list[Document | Failure]]:
        for batch in batches:
            seen.append(batch)
            yield batch

    for result in run(remember(), settings, workers=workers, dedup=dedup):
        yield seen.pop(0), result


def _report_failure(f: Failure) -> None:
    err.print(
        f"[yellow]failed[/yellow] {f.source} ({f.stage}: {f.reason}) {f.detail}", highlight=False
    )


def _actor_label(actors: Sequence[dict[str, Any]]) -> str:
    parts = []
    for a in actors:
        code = a.get("code") or "---"
        sector = a.get("sector") or ""
        name = a.get("name")
        label = f"{code}{sector}"
        parts.append(f"{label} ({name})" if name else label)
    return ", ".join(parts)


def events_table(events: Sequence[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("date", no_wrap=True)
    table.add_column("source")
    table.add_column("event")
    table.add_column("target")
    table.add_column("evidence", overflow="fold")
    for e in events:
        mod = e.get("modality")
        event = f"{e['cameo']} {e['plover']}"
        if e.get("plover_mode"):
            event += f"/{e['plover_mode']}"
        if mod and mod != "actual":
            event += f" ({mod})"
        table.add_row(
            e.get("date") or "",
            _actor_label(e.get("source") or []),
            event,
            _actor_label(e.get("target") or []),
            (e.get("evidence") or {}).get("text", ""),
        )
    return table


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs or - for stdin.")],
    db: Annotated[str, typer.Option(help="DuckDB store to write.")] = "dragoman.duckdb",
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Print one event per line as JSON.")
    ] = False,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Publication date YYYY-MM-DD for text that has none."),
    ] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not write the store.")] = False,
    no_dedup: Annotated[
        bool,
        typer.Option("--no-dedup", help="Code every copy of a syndicated story."),
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Documents per batch.")] = 32,
    workers: Annotated[
        int, typer.Option(help="Processes that parse and code (each loads the model).")
    ] = 1,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching private addresses.")] = False,
    actors: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--actors",
            help="User actor dictionary (YAML or PETRARCH/Phoenix text); repeatable.",
        ),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also print the flagged events (no coded political source, low confidence, "
            "sports/business/lifestyle/crime story) that the default output leaves out.",
        ),
    ] = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Code news documents into events, store them (all, flagged or not), and print them."""
    _setup_logging(verbose)
    if workers < 1:
        _usage_error("--workers must be >= 1")
    settings = _settings(
        config,
        db=db,
        default_date=date,
        allow_private=allow_private or None,
        actor_dictionaries=tuple(str(p) for p in actors) if actors else None,
    )
    from dragoman.ingest import read_inputs
    from dragoman.store import open_store

    try:
        store = None if no_store else open_store(settings.db)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    run_id = uuid.uuid4().hex[:12]
    index = None if no_dedup else NearDuplicateIndex()
    n_failed = 0
    n_flagged = 0
    all_events: list[Event] = []
    stdin = sys.stdin.buffer if "-" in inputs else None
    items = read_inputs(inputs, settings, stdin=stdin)
    progress = Progress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    try:
        with progress:
            task = progress.add_task("coding", total=None)
            for batch, result in _zip_batches(
                _batched(iter(items), batch_size), settings, workers, index
            ):
                for f in result.failures:
                    _report_failure(f)
                n_failed += len({f.doc_id for f in result.failures})
                if store is not None:
                    store.write_batch(
                        result.articles,
                        result.events,
                        result.failures,
                        run_id=run_id,
                        copies=result.copies,
                    )
                shown = [e for e in result.events if show_all or e.shown]
                n_flagged += len(result.events) - len(shown)
                if jsonl:
                    for ev in shown:
                        out.file.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
                    out.file.flush()
                else:
                    all_events.extend(shown)
                progress.update(task, advance=len(batch))
    except DragomanError as exc:
        _usage_error(f"{exc}")
    finally:
        if store is not None:
            store.close()
    if not jsonl:
        rows = sorted(
            (e.to_dict() for e in all_events), key=lambda e: (e["date"] or "", e["doc_id"])
        )
        out.print(events_table(rows, title=f"{len(rows)} events"))
        if n_flagged:
            err.print(f"{n_flagged} flagged event(s) not shown (--all shows them)")
        if store is not None:
            err.print(f"stored in {settings.db}")
    if n_failed:
        err.print(f"[yellow]{n_failed} document(s) failed[/yellow]")
        raise typer.Exit(1)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs or - for stdin.")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per document.")] = True,
    date: Annotated[Optional[str], typer.Option(help="Fallback publication date.")] = None,  # noqa: UP045
    allow_private: Annotated[bool, typer.Option(help="Allow fetching private addresses.")] = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Clean text and metadata only (id, source, url, title, date, author, publisher, language,
    text)."""
    _setup_logging(verbose)
    settings = _settings(config, default_date=date, allow_private=allow_private or None)
    from dragoman.extract import extract as extract_stage
    from dragoman.ingest import read_inputs

    stdin = sys.stdin.buffer if "-" in inputs else None
    n_failed = 0
    for batch in _batched(iter(read_inputs(inputs, settings, stdin=stdin)), 32):
        docs = [d for d in batch if isinstance(d, Document)]
        fails = [f for f in batch if isinstance(f, Failure)]
        for item in [*fails, *extract_stage(docs, settings)]:
            if isinstance(item, Failure):
                _report_failure(item)
                n_failed += 1
            elif jsonl:
                out.file.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            else:
                out.print(
                    f"[bold]{item.title or item.doc_id}[/bold] ({item.date}, {item.publisher})"
                )
                out.print(item.text + "\n")
    if n_failed:
        raise typer.Exit(1)


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file.")],
    scheme: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="plover, cameo or case (default: detected from the file)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    misses: Annotated[int, typer.Option(help="How many misses to list.")] = 20,
    shown: Annotated[
        bool,
        typer.Option("--shown", help="Score the default output only (not the flagged events)."),
    ] = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Score the coder on a gold file (PLOVER events, CAMEO triples or CASE 2021 types)."""
    _setup_logging(verbose)
    settings = _settings(config)
    from dragoman.evaluate import evaluate_events_file
    from dragoman.pipeline import code_texts

    if not gold.is_file():
        _usage_error(f"no such gold file: {gold}")
    if scheme not in (None, "plover", "cameo", "case"):
        _usage_error("--scheme must be plover, cameo or case")

    def code_fn(records: Sequence[Any]) -> dict[str, list[dict[str, Any]]]:
        return code_texts(((r.id, r.text, r.date) for r in records), settings, shown_only=shown)

    try:
        score = evaluate_events_file(gold, scheme, code_fn)  # type: ignore[arg-type]
    except DragomanError as exc:
        _usage_error(f"{exc}")
    if as_json:
        out.file.write(json.dumps(score.to_dict(), indent=2) + "\n")
    else:
        out.print(score.format_table(misses=misses), highlight=False)


@eval_app.command("extraction")
def eval_extraction(
    directory: Annotated[Path, typer.Argument(help="Benchmark folder (aeb or trafeval layout).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    baseline: Annotated[
        bool, typer.Option("--baseline", help="Score trafilatura alone instead of dragoman.")
    ] = False,
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N pages.")] = None,  # noqa: UP045
    verbose: VerboseOpt = 0,
) -> None:
    """Score main-text and metadata extraction on a benchmark folder."""
    _setup_logging(verbose)
    from dragoman.evaluate import score_extraction
    from dragoman.evaluation.extraction import dragoman_extractor, trafilatura_extractor

    if not directory.is_dir():
        _usage_error(f"no such folder: {directory}")
    extractor = trafilatura_extractor if baseline else dragoman_extractor
    try:
        score = score_extraction(directory, extractor, limit=limit)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    _emit_report(score, as_json)


@app.command()
def query(
    name: Annotated[
        str, typer.Argument(help="Named query: events, counts_by_day, dyads, ...")
    ] = "events",
    param: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--param", "-p", help="Query parameter KEY=VALUE (repeatable)."),
    ] = None,
    db: Annotated[str, typer.Option(help="DuckDB store.")] = "dragoman.duckdb",
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per row.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include the flagged events (see `code --all`).")
    ] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Run a named query over the store."""
    _setup_logging(verbose)
    from dragoman.store import open_store

    params: dict[str, Any] = {}
    for p in param or []:
        if "=" not in p:
            _usage_error(f"--param needs KEY=VALUE, got {p!r}")
        k, v = p.split("=", 1)
        params[k.strip()] = v
    if show_all:
        params["all"] = True
    if not Path(db).exists():
        _usage_error(f"no store at {db} (run dragoman code first)")
    try:
        with open_store(db, read_only=True) as store:
            if name == "events":
                rows = store.events(**params)
                if jsonl:
                    for r in rows:
                        out.file.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
                else:
                    out.print(events_table(rows, title=f"{len(rows)} events"))
                return
            result = store.query(name, **params)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    if jsonl:
        for d in result.dicts():
            out.file.write(json.dumps(d, ensure_ascii=False, default=str) + "\n")
        return
    table = Table(title=name)
    for c in result.columns:
        table.add_column(c)
    for row in result.rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    out.print(table)


@app.command()
def explain(
    text_or_file: Annotated[
        str, typer.Argument(help="A text to code, a file or folder (as `code` reads), or -.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the decisions as JSON.")] = False,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Publication date YYYY-MM-DD for text that has none."),
    ] = None,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Why each candidate event was coded, changed, merged, flagged or dropped, by named rule."""
    _setup_logging(verbose)
    settings = _settings(config, default_date=date)
    from dragoman.explain import explain_batch, render_tree
    from dragoman.ingest import read_inputs

    items: list[Document | Failure]
    if text_or_file == "-" or Path(text_or_file).exists():
        stdin = sys.stdin.buffer if text_or_file == "-" else None
        items = list(read_inputs([text_or_file], settings, stdin=stdin))
    elif not text_or_file.strip():
        _usage_error("nothing to explain: give a text, a file or -")
    else:
        data = text_or_file.encode("utf-8")
        items = [Document("text", "text", data, "text", date=settings.default_date)]
    try:
        explanations, failures = explain_batch(items, settings)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    for f in failures:
        _report_failure(f)
    if as_json:
        for e in explanations:
            out.file.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    else:
        for e in explanations:
            out.print(render_tree(e))
    if failures:
        raise typer.Exit(1)


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="gdelt, plover, jsonl, csv or parquet.")
    ],
    output: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: Annotated[str, typer.Option(help="DuckDB store.")] = "dragoman.duckdb",
    show_all: Annotated[
        bool, typer.Option("--all", help="Include the flagged events (see `code --all`).")
    ] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Export stored events as GDELT 2.0 TSV, PLOVER JSON lines, JSONL, CSV or Parquet."""
    _setup_logging(verbose)
    from dragoman.export import export_events
    from dragoman.store import open_store

    if fmt not in ("gdelt", "plover", "jsonl", "csv", "parquet"):
        _usage_error(f"unknown format {fmt!r}")
    if not Path(db).exists():
        _usage_error(f"no store at {db} (run dragoman code first)")
    try:
        with open_store(db, read_only=True) as store:
            n = export_events(store, fmt, output, all=show_all)  # type: ignore[arg-type]
    except DragomanError as exc:
        _usage_error(f"{exc}")
    err.print(f"wrote {n} events to {output}")


@app.command()
def version() -> None:
    """Print the version."""
    out.print(f"dragoman {__version__}")


# --- bench command ---
@app.command()
def bench(
    inputs: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(help="Files, folders or URLs (default: the bundled samples/ corpus)."),
    ] = None,
    repeat: Annotated[int, typer.Option(help="Runs; the median run is reported.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Documents per batch.")] = 32,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    warmup: Annotated[
        bool, typer.Option("--warmup/--no-warmup", help="Run a few documents untimed first.")
    ] = True,
    trace_python: Annotated[
        bool,
        typer.Option("--tracemalloc", help="Also measure peak Python allocations (slower)."),
    ] = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Measure throughput (documents, sentences, words, events per second), per-stage time and
    peak memory of the pipeline, against spaCy's own parse of the same sentences."""
    _setup_logging(verbose)
    settings = _settings(config)
    from dragoman.benchmark import default_inputs, run_benchmark

    try:
        result = run_benchmark(
            inputs or default_inputs(),
            settings,
            repeat=repeat,
            batch_size=batch_size,
            warmup=warmup,
            trace_python=trace_python,
        )
    except DragomanError as exc:
        _usage_error(f"{exc}")
    if as_json:
        out.file.write(json.dumps(result.to_dict(), indent=2) + "\n")
    else:
        out.file.write(result.format_table() + "\n")
    if result.failures:
        err.print(f"[yellow]{result.failures} document(s) failed[/yellow]")
        raise typer.Exit(1)


# --- end bench command ---


# --- ingest commands (issue 4) ---
def seen_file_for(db: str) -> Path:
    """Where ``dragoman watch`` remembers the feed items it has coded: ``<db>.seen.json``."""
    return Path(f"{db}.seen.json") if db != ":memory:" else Path("dragoman.seen.json")


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs or files.")],
    interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 300.0,
    db: Annotated[str, typer.Option(help="DuckDB store to write.")] = "dragoman.duckdb",
    max_polls: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(help="Stop after this many polls (default: run until interrupted)."),
    ] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching private addresses.")] = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Poll feeds every INTERVAL seconds and code only the items not seen before.

    Seen items are remembered in ``<db>.seen.json`` (an item whose page fails is retried on the
    next poll); each poll's new documents are coded and written to the store.
    """
    _setup_logging(verbose)
    settings = _settings(config, db=db, allow_private=allow_private or None)
    if interval < 0 or (max_polls is not None and max_polls < 1):
        _usage_error("--interval must be >= 0 and --max-polls >= 1")
    from dragoman.pipeline import run_batch
    from dragoman.store import open_store
    from dragoman.watch import JsonSeenStore
    from dragoman.watch import watch as watch_feeds

    try:
        seen = JsonSeenStore(seen_file_for(settings.db))
        store = open_store(settings.db)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    index = NearDuplicateIndex(max_documents=100_000)
    run_id = uuid.uuid4().hex[:12]
    failed: set[str] = set()

    def code_batch(documents: list[Document]) -> None:
        for start in range(0, len(documents), settings.batch_size):
            batch: list[Document | Failure] = list(documents[start : start + settings.batch_size])
            result = run_batch(batch, settings, dedup=index)
            store.write_batch(
                result.articles, result.events, result.failures, run_id=run_id, copies=result.copies
            )
            for f in result.failures:
                _report_failure(f)
                failed.add(f.doc_id)
            err.print(
                f"coded {len(result.articles)} new document(s), {len(result.events)} event(s)",
                highlight=False,
            )

    def report(failures: list[Failure]) -> None:
        for f in failures:
            _report_failure(f)
            failed.add(f.doc_id)

    try:
        watch_feeds(
            feeds,
            settings,
            interval,
            code_batch,
            seen,
            max_polls=max_polls,
            on_failures=report,
        )
    except KeyboardInterrupt:
        err.print("stopped")
    except DragomanError as exc:
        _usage_error(f"{exc}")
    finally:
        store.close()
    err.print(f"stored in {settings.db}; {len(seen)} feed item key(s) in {seen.path}")
    if failed:
        err.print(f"[yellow]{len(failed)} document(s) failed[/yellow]")
        raise typer.Exit(1)


@eval_app.command("extraction-speed")
def eval_extraction_speed(
    directory: Annotated[Path, typer.Argument(help="Benchmark folder (aeb or trafeval layout).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Time only the first N pages.")] = None,  # noqa: UP045
    verbose: VerboseOpt = 0,
) -> None:
    """Time dragoman's extractor against trafilatura alone on the same pages (interleaved)."""
    _setup_logging(verbose)
    from dragoman.evaluation.extraction import compare_throughput

    if not directory.is_dir():
        _usage_error(f"no such folder: {directory}")
    try:
        result = compare_throughput(directory, limit=limit)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    _emit_report(result, as_json)


# --- end ingest commands (issue 4) ---


# --- serve command ---
@app.command()
def serve(
    db: Annotated[str, typer.Option(help="DuckDB store to serve (read-only).")] = "dragoman.duckdb",
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    verbose: VerboseOpt = 0,
) -> None:
    """Serve the store over HTTP as JSON (the named queries; see docs/API.md)."""
    _setup_logging(verbose)
    if not Path(db).is_file():
        _usage_error(f"no store at {db} (run dragoman code first)")
    import uvicorn

    from dragoman.api import create_app

    try:
        api = create_app(db)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    level = "warning" if verbose == 0 else "info" if verbose == 1 else "debug"
    err.print(f"serving {db} on http://{host}:{port} (Ctrl-C stops)", highlight=False)
    uvicorn.run(api, host=host, port=port, log_level=level)


# --- end serve command ---


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 documents failed, 2 usage error)."""
    try:
        # in non-standalone mode click returns the code of typer.Exit instead of raising it
        rc = app(args=list(argv) if argv is not None else None, standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except SystemExit as exc:  # click usage errors in non-standalone mode
        return int(exc.code or 0)
    except Exception as exc:
        import click

        # typer >= 0.16 raises its own copies of click's exceptions (typer._click)
        click_like = (click.exceptions.ClickException, getattr(typer, "TyperException", ()))
        if isinstance(exc, click_like) and hasattr(exc, "show"):
            exc.show()
            return int(getattr(exc, "exit_code", 2))
        if isinstance(exc, (click.exceptions.Abort, typer.Abort)):
            return 1
        if isinstance(exc, DragomanError):
            err.print(f"[red]error:[/red] {exc}")
            return 2
        raise
    return rc if isinstance(rc, int) else 0
