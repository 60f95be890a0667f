"""The ``dragoman`` command line: one thin command per library function.

Exit codes: 0 ok, 1 some documents failed (each reported on stderr and stored in ``failures``),
2 usage or configuration error.
"""

from __future__ import annotations

import json
import logging
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dragoman import __version__
from dragoman.errors import ConfigError, DragomanError
from dragoman.records import Document, Event, Failure
from dragoman.settings import Settings, load_settings

if TYPE_CHECKING:
    from dragoman.pipeline import BatchResult

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
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
    """dragoman: political event data from the news (CAMEO and PLOVER).

    Typical use: `dragoman code news/ --db news.duckdb` codes a folder of pages, texts, JSONL,
    WARC or feeds into events; `dragoman query --db news.duckdb` shows them;
    `dragoman export --format gdelt --out events.tsv --db news.duckdb` writes them out.
    Exit codes: 0 ok, 1 some documents failed (reported and stored), 2 usage error.
    """


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


def _progress(verb: str, unit: str) -> Progress:
    """A progress bar on stderr: ``verb``, bar, done/total ``unit``, elapsed time."""
    return Progress(
        TextColumn(verb),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


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
        Optional[int],  # noqa: UP045
        typer.Option(
            help="Processes that parse and code (each loads the model); default: every "
            "available core for 200 or more documents, else 1."
        ),
    ] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching private addresses.")] = False,
    actors: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--actors",
            help="User actor dictionary (YAML or PETRARCH/Phoenix text); repeatable.",
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="local (this machine) or spark (a Spark cluster or local[N]).")
    ] = "local",
    out_dir: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--out", help="Spark engine: folder (any Hadoop path) for the Parquet output."
        ),
    ] = None,
    master: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Spark engine: master URL, e.g. local[2] (default: spark-submit's)."),
    ] = None,
    resume: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--resume/--no-resume",
            help="Skip documents the store already holds (default: only after a killed run).",
        ),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also print the flagged events (no coded political source, low confidence, "
            "a sports, science, weather... story) that the default output leaves out.",
        ),
    ] = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Code news documents into events, store them (all, flagged or not), and print them.

    Each input is read, cleaned of boilerplate, deduplicated, parsed and coded; events go to
    the store (--db) and are printed as a table (or --jsonl, one contract event per line).
    A document that cannot be coded is reported with its reason and stored as a failure; the
    others carry on.
    """
    _setup_logging(verbose)
    if workers is not None and workers < 1:
        _usage_error("--workers must be >= 1")
    if batch_size < 1:
        _usage_error("--batch-size must be >= 1")
    settings = _settings(
        config,
        db=db,
        default_date=date,
        allow_private=allow_private or None,
        actor_dictionaries=tuple(str(p) for p in actors) if actors else None,
    )
    if engine == "spark":
        if jsonl:
            _usage_error("--jsonl is for the local engine; --engine spark writes Parquet (--out)")
        _code_with_spark(inputs, out_dir, master, settings, dedup=not no_dedup)
        return
    if engine != "local":
        _usage_error(f"--engine must be local or spark, not {engine!r}")
    if workers is None:
        from dragoman.engines.local import default_workers

        workers = default_workers(inputs)
    from dragoman.ingest import count_inputs
    from dragoman.pipeline import run
    from dragoman.store import open_store

    try:
        store = None if no_store else open_store(settings.db)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    n_flagged = 0
    all_events: list[Event] = []
    stdin = sys.stdin.buffer if "-" in inputs else None
    resume_now = False
    if store is not None:
        resume_now = resume if resume is not None else bool(store.interrupted_runs)
        if resume_now:
            killed = ", ".join(store.interrupted_runs)
            err.print(
                f"resuming: documents already in {settings.db} are skipped"
                + (f" (run {killed} was killed)" if killed else ""),
                highlight=False,
            )
    progress = _progress("coding", "docs")

    def show(result: BatchResult) -> None:
        nonlocal n_flagged
        for f in result.failures:
            _report_failure(f)
        shown = [e for e in result.events if show_all or e.shown]
        n_flagged += len(result.events) - len(shown)
        if jsonl:
            for ev in shown:
                out.file.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
            out.file.flush()
        else:
            all_events.extend(shown)
        progress.update(task, advance=result.counters.get("inputs", 0))

    try:
        with progress:
            task = progress.add_task("coding", total=count_inputs(inputs))
            report = run(
                inputs,
                settings,
                store=store,
                dedup=not no_dedup,
                workers=workers,
                batch_size=batch_size,
                stdin=stdin,
                on_batch=show,
                resume=resume_now,
            )
    except DragomanError as exc:
        _usage_error(f"{exc}")
    finally:
        if store is not None:
            store.close()
    n_failed = report.counters["failed_documents"]
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


def _code_with_spark(
    inputs: list[str], out_dir: str | None, master: str | None, settings: Settings, *, dedup: bool
) -> None:
    """``code --engine spark``: run the Spark job and print what it wrote."""
    if not out_dir:
        _usage_error("--engine spark writes Parquet: give the output folder with --out DIR")
    if "-" in inputs or any(i.startswith(("http://", "https://")) for i in inputs):
        _usage_error("--engine spark reads files and folders (any Hadoop path), not - or URLs")
    from dragoman.engines.spark import run_spark

    try:
        summary = run_spark(inputs, out_dir, settings, master=master, dedup=dedup)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    out.file.write(json.dumps(summary.to_dict()) + "\n")
    err.print(f"load it into a store with: dragoman import --format parquet {summary.output}")
    if summary.failures:
        err.print(f"[yellow]{summary.failures} failure(s), in {summary.output}/failures[/yellow]")
        raise typer.Exit(1)


def _finish_run(store: Any, run_id: str, status: str) -> None:
    """Record how the run ended and close the store (a failure to record is only logged)."""
    try:
        store.finish_run(run_id, status)
    except DragomanError as exc:
        log.warning("could not record the end of run %s: %s", run_id, exc)
    finally:
        store.close()


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs or - for stdin.")],
    jsonl: Annotated[
        bool,
        typer.Option("--jsonl/--text", help="One JSON object per document, or readable text."),
    ] = True,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also show what was removed from each text and by which cue or rule "
            '(a "removed" list in JSON), and count the cues at the end.',
        ),
    ] = False,
    date: Annotated[Optional[str], typer.Option(help="Fallback publication date.")] = None,  # noqa: UP045
    allow_private: Annotated[bool, typer.Option(help="Allow fetching private addresses.")] = False,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Clean text and metadata only (id, source, url, title, date, author, publisher, language,
    text), without coding events."""
    _setup_logging(verbose)
    settings = _settings(config, default_date=date, allow_private=allow_private or None)
    from collections import Counter

    from dragoman.extract import explain as explain_batch
    from dragoman.ingest import count_inputs, read_inputs

    stdin = sys.stdin.buffer if "-" in inputs else None
    n_failed = 0
    fired: Counter[str] = Counter()
    progress = _progress("extracting", "docs")
    with progress:
        task = progress.add_task("extract", total=count_inputs(inputs))
        for item in read_inputs(inputs, settings, stdin=stdin):
            progress.update(task, advance=1)
            result = item if isinstance(item, Failure) else explain_batch([item], settings)[0]
            if isinstance(result, Failure):
                _report_failure(result)
                n_failed += 1
                continue
            article, removed = result
            for removal in removed:
                fired.update(removal.reasons)
            if jsonl:
                record = article.to_dict()
                if explain:
                    record["removed"] = [
                        {"text": r.text, "reasons": list(r.reasons)} for r in removed
                    ]
                out.file.write(json.dumps(record, ensure_ascii=False) + "\n")
                continue
            out.print(
                f"[bold]{article.title or article.doc_id}[/bold] "
                f"({article.date}, {article.publisher})",
                highlight=False,
            )
            out.print(article.text + "\n", highlight=False, markup=False)
            if explain:
                for r in removed:
                    out.print(f"  [dim]removed ({', '.join(r.reasons)}):[/dim] ", end="")
                    out.print(r.text, highlight=False, markup=False)
                out.print()
    if explain and fired:
        table = Table(title="removed units by cue or rule")
        table.add_column("cue or rule")
        table.add_column("units", justify="right")
        for name, n in fired.most_common():
            table.add_row(name, str(n))
        err.print(table)
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
    fold: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Score only fold A (the one developers look at) or B (reported only)."),
    ] = None,
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
    if fold not in (None, "A", "B"):
        _usage_error("--fold must be A or B")

    progress = _progress("coding gold records", "records")

    def code_fn(records: Sequence[Any]) -> dict[str, list[dict[str, Any]]]:
        task = progress.add_task("gold", total=len(records))
        return code_texts(
            ((r.id, r.text, r.date) for r in records),
            settings,
            shown_only=shown,
            on_progress=lambda n: progress.update(task, advance=n),
        )

    try:
        with progress:
            score = evaluate_events_file(gold, scheme, code_fn, fold)  # type: ignore[arg-type]
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
    fold: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(min=1, max=2, help="Score only the pages of fold 1 or 2 (fixed by page id)."),
    ] = None,
    per_fold: Annotated[
        bool,
        typer.Option(
            "--per-fold", help="Score each fold apart, dragoman and trafilatura alone side by side."
        ),
    ] = False,
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N pages.")] = None,  # noqa: UP045
    verbose: VerboseOpt = 0,
) -> None:
    """Score main-text and metadata extraction on a benchmark folder (see docs/EXTRACTION.md)."""
    _setup_logging(verbose)
    from dragoman.evaluate import score_extraction
    from dragoman.evaluation.extraction import (
        FOLDS,
        benchmark_pages,
        dragoman_extractor,
        trafilatura_extractor,
    )

    if not directory.is_dir():
        _usage_error(f"no such folder: {directory}")
    if per_fold and (fold is not None or baseline):
        _usage_error("--per-fold scores both folds and both extractors; drop --fold/--baseline")
    runs: list[tuple[str, int | None]] = (
        [(name, f) for f in FOLDS for name in ("dragoman", "trafilatura")]
        if per_fold
        else [("trafilatura" if baseline else "dragoman", fold)]
    )
    try:
        sizes = [len(benchmark_pages(directory, f)[1]) for _, f in runs]
        total = sum(min(n, limit) if limit is not None else n for n in sizes)
        progress = _progress("scoring", "pages")
        scores = []
        with progress:
            task = progress.add_task("score", total=total)
            for name, f in runs:
                extractor = trafilatura_extractor if name == "trafilatura" else dragoman_extractor
                score = score_extraction(
                    directory,
                    extractor,
                    limit=limit,
                    fold=f,
                    on_page=lambda: progress.update(task, advance=1),
                )
                scores.append((name, f, score))
    except DragomanError as exc:
        _usage_error(f"{exc}")
    if not per_fold:
        _emit_report(scores[0][2], as_json)
        return
    if as_json:
        rows = [{"extractor": n, "fold": f, **s.to_dict()} for n, f, s in scores]
        out.file.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title=f"{directory.name}: each fold apart")
    for column in ("fold", "extractor", "pages", "text P", "text R", "text F1"):
        table.add_column(column, justify="right" if column != "extractor" else "left")
    metadata = scores[0][2].benchmark == "trafeval"
    if metadata:
        for column in ("title", "date", "author"):
            table.add_column(column, justify="right")
    for name, f, s in scores:
        row = [str(f), name, str(s.pages), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
        if metadata:
            row += [f"{s.metadata[m].accuracy:.3f}" for m in ("title", "date", "author")]
        table.add_row(*row)
    out.print(table)


@eval_app.command("cues")
def eval_cues(
    directories: Annotated[
        list[Path], typer.Argument(help="Benchmark folders (aeb and/or trafeval layout).")
    ],
    cue: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--cue", help="Measure only this cue or rule (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """What each extraction cue and rule is worth on each fold: the score with it minus the
    score without it, and how many pages it changes (the measure for keeping a cue)."""
    _setup_logging(verbose)
    from dragoman.evaluation.cues import measure_cues
    from dragoman.evaluation.extraction import benchmark_pages
    from dragoman.extract import cue_names

    for directory in directories:
        if not directory.is_dir():
            _usage_error(f"no such folder: {directory}")
    known = cue_names()
    unknown = [c for c in cue or [] if c not in known]
    if unknown:
        _usage_error(f"unknown cue(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    try:
        pages = sum(len(benchmark_pages(d)[1]) for d in directories)
        steps = pages + len(cue or known)
        progress = _progress("measuring", "pages and cues")
        with progress:
            task = progress.add_task("cues", total=steps)
            report = measure_cues(
                directories, names=cue, on_step=lambda _: progress.update(task, advance=1)
            )
    except DragomanError as exc:
        _usage_error(f"{exc}")
    _emit_report(report, as_json)


@app.command()
def query(
    name: Annotated[
        str,
        typer.Argument(
            help="Named query: events, event, evidence, counts_by_day, dyads, top_actors, "
            "documents, failures (--list describes them)."
        ),
    ] = "events",
    param: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--param", "-p", help="Query parameter KEY=VALUE (repeatable)."),
    ] = None,
    db: Annotated[str, typer.Option(help="DuckDB store.")] = "dragoman.duckdb",
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per row.")] = False,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the named queries and their parameters.")
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include the flagged events (see `code --all`).")
    ] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Run a named query over the store and print its rows as a table (or JSON lines).

    Examples: `dragoman query events -p source=RUS -p date_from=2014-01-01`,
    `dragoman query evidence -p event_id=3f9c...`, `dragoman query dyads -p limit=20`.
    """
    _setup_logging(verbose)
    from dragoman.store import open_store
    from dragoman.store.queries import QUERIES

    if list_queries:
        for query_name, named in sorted(QUERIES.items()):
            out.print(f"[bold]{query_name}[/bold]: {named.description}", highlight=False)
            for declared in named.params:
                extra = " (required)" if declared.required else ""
                if declared.default is not None:
                    extra += f" (default {declared.default})"
                out.print(f"    {declared.name}: {declared.description}{extra}", highlight=False)
        return
    if name not in QUERIES:
        _usage_error(f"unknown query {name!r}; named queries: {', '.join(sorted(QUERIES))}")

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
    elif name in ("event", "evidence"):
        if not result.rows:
            err.print(f"no event with id {params.get('event_id')!r}", highlight=False)
        for record in result.dicts():
            out.print(_record_table(record, title=name))
    else:
        table = Table(title=name)
        for c in result.columns:
            table.add_column(c)
        for values in result.rows:
            table.add_row(*("" if v is None else str(v) for v in values))
        out.print(table)
    _note_default_limit(name, params, len(result.rows))


def _note_default_limit(name: str, params: dict[str, Any], rows: int) -> None:
    """Say so when a query stopped at its default limit (there may be more rows)."""
    from dragoman.store.queries import get_query

    if "limit" in params:
        return
    default = next((p.default for p in get_query(name).params if p.name == "limit"), None)
    if default is not None and rows >= int(default):
        err.print(
            f"[yellow]showing the first {default} rows (the default limit of {name!r}); "
            f"there may be more: pass -p limit=N, and -p offset=N for the next page[/yellow]",
            highlight=False,
        )


def _record_table(row: dict[str, Any], title: str) -> Table:
    """One record as a two-column table: field, value (actors and spans made readable)."""
    table = Table(title=title, show_header=False, expand=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for key, value in row.items():
        if value is None or value == [] or value == "":
            continue
        if key in ("source", "target") and isinstance(value, list):
            text = _actor_label(value)
        elif isinstance(value, dict | list):
            text = json.dumps(value, ensure_ascii=False, default=str)
        else:
            text = str(value)
        table.add_row(key, text)
    return table


def _is_path(text: str) -> bool:
    """Whether an argument that may be a text or a file names an existing path."""
    if "\n" in text or len(text.encode("utf-8")) > 4096:
        return False
    try:
        return Path(text).exists()
    except OSError:  # a name too long for the file system is a text
        return False


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
    if text_or_file == "-" or _is_path(text_or_file):
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
        str,
        typer.Option("--format", "-f", help="gdelt, plover, polecat, jsonl, csv or parquet."),
    ],
    output: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: Annotated[str, typer.Option(help="DuckDB store.")] = "dragoman.duckdb",
    header: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--header/--no-header", help="Column names first (gdelt: off, csv: on)."),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include the flagged events (see `code --all`).")
    ] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Export stored events as GDELT 2.0 TSV, PLOVER JSON lines, POLECAT TSV, JSONL, CSV or
    Parquet."""
    _setup_logging(verbose)
    from dragoman.export import FORMATS, export_events
    from dragoman.store import open_store

    if fmt not in FORMATS:
        _usage_error(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    if not Path(db).exists():
        _usage_error(f"no store at {db} (run dragoman code first)")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _usage_error(f"cannot create the folder of {output}: {exc}")
    try:
        with open_store(db, read_only=True) as store:
            n = export_events(store, fmt, output, header=header, all=show_all)  # type: ignore[arg-type]
    except DragomanError as exc:
        _usage_error(f"{exc}")
    except OSError as exc:
        _usage_error(f"cannot write {output}: {exc}")
    err.print(f"wrote {n} events to {output}")


@app.command("import")
def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(help="gdelt: GDELT 2.0 event files; parquet: folders written by Spark."),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="gdelt (GDELT 2.0 event files, the 61 columns) or parquet (the output of "
            "code --engine spark).",
        ),
    ],
    db: Annotated[str, typer.Option(help="DuckDB store.")] = "dragoman.duckdb",
    verbose: VerboseOpt = 0,
) -> None:
    """Load event data made elsewhere into the store: GDELT's own files beside dragoman's
    events, or the Parquet output of a Spark run."""
    _setup_logging(verbose)
    from dragoman.store import open_store
    from dragoman.store.imports import IMPORTERS, import_path

    if fmt not in ("gdelt", *IMPORTERS):
        _usage_error(f"unknown import format {fmt!r}; formats: gdelt, {', '.join(IMPORTERS)}")
    if fmt == "gdelt":
        from dragoman.store.gdelt import import_gdelt

        try:
            with open_store(db) as store:
                gdelt = import_gdelt(store, paths)
        except DragomanError as exc:
            _usage_error(f"{exc}")
        err.print(f"imported {gdelt.rows} GDELT events from {gdelt.files} files into {db}")
        for fail in gdelt.failures:
            err.print(f"[yellow]{fail.doc_id}[/yellow]: {fail.reason}: {fail.detail}")
        if gdelt.failures:
            raise typer.Exit(1)
        return
    try:
        with open_store(db) as store:
            for path in paths:
                stats = import_path(store, fmt, path)
                err.print(
                    f"imported {stats.documents} documents, {stats.events} events, "
                    f"{stats.failures} failures and {stats.copies} story copies from {path} "
                    f"into {db}",
                    highlight=False,
                )
    except DragomanError as exc:
        _usage_error(f"{exc}")


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
    from dragoman.ingest import count_inputs

    progress = _progress("benchmark runs", "docs")
    try:
        paths = inputs or default_inputs()
        per_run = count_inputs(paths)
        with progress:
            task = progress.add_task("bench", total=None if per_run is None else per_run * repeat)
            result = run_benchmark(
                paths,
                settings,
                repeat=repeat,
                batch_size=batch_size,
                warmup=warmup,
                trace_python=trace_python,
                on_batch=lambda n: progress.update(task, advance=n),
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
    from dragoman.dedup import NearDuplicateIndex
    from dragoman.pipeline import run
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
        progress = _progress("coding new items", "docs")

        def show(result: BatchResult) -> None:
            for f in result.failures:
                _report_failure(f)
                failed.add(f.doc_id)
            progress.update(task, advance=result.counters.get("inputs", 0))

        with progress:
            task = progress.add_task("coding", total=len(documents))
            report = run(
                documents,
                settings,
                store=store,
                dedup=index,
                run_id=run_id,
                on_batch=show,
                record_run=False,
            )
        err.print(
            f"coded {report.counters['articles']} new document(s), "
            f"{report.counters['events']} event(s)",
            highlight=False,
        )

    def report(failures: list[Failure]) -> None:
        store.write_batch([], [], failures, run_id=run_id)
        for f in failures:
            _report_failure(f)
            failed.add(f.doc_id)

    status = "failed"
    try:
        store.begin_run(run_id)
        watch_feeds(
            feeds,
            settings,
            interval,
            code_batch,
            seen,
            max_polls=max_polls,
            on_failures=report,
        )
        status = "finished"
    except KeyboardInterrupt:
        status = "stopped"
        err.print("stopped")
    except DragomanError as exc:
        _usage_error(f"{exc}")
    finally:
        _finish_run(store, run_id, status)
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

    from dragoman.api import LOOPBACK_HOSTS, create_app

    loopback = host in LOOPBACK_HOSTS
    try:
        # on loopback, answer only loopback Host names (no DNS rebinding from other sites)
        api = create_app(db, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    except DragomanError as exc:
        _usage_error(f"{exc}")
    level = "warning" if verbose == 0 else "info" if verbose == 1 else "debug"
    if not loopback:
        err.print(
            f"[yellow]warning:[/yellow] listening on {host}: the API and dashboard have no "
            "authentication; anyone who reaches this address can read the store and code texts",
            highlight=False,
        )
    err.print(f"serving {db} on http://{host}:{port} (Ctrl-C stops)", highlight=False)
    # a longer keep-alive than uvicorn's 5 s: under load a client's next request on an idle
    # connection must not race the server closing it
    uvicorn.run(api, host=host, port=port, log_level=level, timeout_keep_alive=30)


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
