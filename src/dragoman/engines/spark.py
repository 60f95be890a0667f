"""The Spark engine: the pipeline's pure stages mapped over a cluster (or ``local[N]``).

::

    dragoman code --engine spark INPUT... --out DIR [--master local[2]]

1. **read**: the driver lists the inputs (files and folders on any Hadoop-compatible path,
   walked in sorted order with the rules of :func:`dragoman.ingest.files.walk`); Spark reads
   their bytes (``binaryFile``) or their rows (``.parquet``: one record per row, with the
   JSONL fields ``id``, ``text`` or ``html``, ``date``, ``url``, ``title``).
2. **extract**: a ``mapInArrow`` (the Arrow twin of ``mapInPandas``) turns each file into
   documents (:mod:`dragoman.ingest`) and articles (:func:`dragoman.pipeline.prepare_batch`,
   without dedup), and fingerprints each article for deduplication
   (:meth:`dragoman.dedup.NearDuplicateIndex.fingerprint`).
3. **dedup** across the whole input: articles that share an LSH band key are joined, their
   MinHash agreement computed in Spark SQL, and the pairs at or above the threshold (a small
   set) decided on the driver by :func:`dragoman.dedup.merge_plan`, in input order, as the
   local engine decides them.
4. **code**: a ``mapInArrow`` over the kept articles runs :func:`dragoman.pipeline.code_batch`
   batch by batch. The spaCy pipeline and the tables are loaded once per Python worker
   (cached loaders; Spark reuses its Python workers across tasks).
5. **write**: Parquet under ``DIR``: ``events/`` and ``documents/`` partitioned by ``day``
   (the event or publication date, ``undated`` without one), ``failures/`` by the day of the
   run, ``copies/`` (the other copies of each coded story). The columns are those of the
   store's tables (the event contract plus the flattened columns), so that ``dragoman import
   --format parquet DIR`` loads them as they are. A rerun overwrites ``DIR``.

Failures are rows, never crashes: a bad file or record, an extraction or coder error becomes
a row of ``failures/``, and the job carries on.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dragoman.dedup import NearDuplicateIndex, merge_plan
from dragoman.errors import ConfigError, DragomanError
from dragoman.ingest.files import FOLDER_DOCS, kind_of, read_bytes, record_document
from dragoman.pipeline import Prepared, code_batch, prepare_batch
from dragoman.records import Article, Document, Event, Failure
from dragoman.settings import Settings
from dragoman.store.parquet import (
    COPY_SCHEMA,
    DOCUMENT_SCHEMA,
    EVENT_SCHEMA,
    FAILURE_SCHEMA,
    events_to_arrow,
    failures_to_arrow,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

UNDATED = "undated"
# Arrow batches handed to the Python workers: small, so a worker holds little at a time.
_RECORDS_PER_ARROW_BATCH = 64
# An article's position in the input, one 64-bit number: input (11 bits) | file rank within
# the input (20 bits) | record within the file (32 bits; Parquet: partition | row).
_FILE_BITS = 32
_INPUT_SHIFT = 52

# The extract stage's rows: an article (with its fingerprint) or a failure, and its position.
_STAGED = pa.schema(
    [
        ("pos", pa.int64()),
        ("kind", pa.string()),
        ("doc_id", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("date", pa.string()),
        ("author", pa.string()),
        ("publisher", pa.string()),
        ("language", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("exact_key", pa.string()),
        ("hashvalues", pa.list_(pa.int64())),
        ("bands", pa.list_(pa.string())),
    ]
)
_ARTICLE_FIELDS = ("doc_id", "source", "text", "url", "title", "date", "author", "publisher")


@dataclass(frozen=True, slots=True)
class SparkSummary:
    """What a Spark run read and wrote."""

    output: str
    files: int
    articles: int
    duplicates: int
    events: int
    failures: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "output": self.output,
            "files": self.files,
            "articles": self.articles,
            "duplicates": self.duplicates,
            "events": self.events,
            "failures": self.failures,
        }


def spark_session(master: str | None = None, app_name: str = "dragoman") -> SparkSession:
    """A SparkSession for the engine (``master`` None: spark-submit's master when it started
    this process, else ``$SPARK_MASTER`` or ``local[*]``). Python workers run this
    interpreter unless PYSPARK_PYTHON says otherwise."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError(
            "the Spark engine needs pyspark: pip install 'dragoman[spark]' (and Java 17+)"
        ) from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started us: its master
    if master is None and not submitted:
        master = os.environ.get("SPARK_MASTER", "local[*]")
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        # a few shuffle partitions per core, not the cluster default of 200
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
        builder = builder.config("spark.sql.shuffle.partitions", str(4 * cores))
    builder = builder.config(
        "spark.sql.execution.arrow.maxRecordsPerBatch", str(_RECORDS_PER_ARROW_BATCH)
    ).config("spark.python.worker.reuse", "true")
    builder = builder.config("spark.sql.session.timeZone", "UTC").config(
        "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"
    )
    try:
        return builder.getOrCreate()
    except Exception as exc:  # Java missing or the cluster unreachable
        raise ConfigError(f"cannot start Spark: {exc}") from exc


# -- reading ------------------------------------------------------------------------------
def _walk_hadoop(spark: SparkSession, root: str) -> list[str]:
    """Files of ``root`` (a file or a folder) in :func:`dragoman.ingest.files.walk` order."""
    jvm: Any = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(root)
    fs = path.getFileSystem(conf)
    if not fs.exists(path):
        raise ConfigError(f"no such file or folder: {root}")
    status = fs.getFileStatus(path)
    if not status.isDirectory():
        return [str(status.getPath().toString())]
    out: list[str] = []

    def walk(folder: Any) -> None:
        entries = sorted(fs.listStatus(folder), key=lambda st: str(st.getPath().getName()))
        for entry in entries:
            name = str(entry.getPath().getName())
            if name.startswith((".", "_")) or name.split(".")[0].lower() in FOLDER_DOCS:
                continue
            if entry.isDirectory():
                walk(entry.getPath())
            elif name.endswith(".parquet") or kind_of(Path(name)) not in (None, "feed"):
                out.append(str(entry.getPath().toString()))

    walk(path)
    return out


def _qualify(item: str) -> str:
    """A local path made absolute; a URI (hdfs://, s3a://, file:) as given."""
    return item if "://" in item or item.startswith("file:") else str(Path(item).resolve())


def _source_of(path: str) -> str:
    return path[len("file:") :] if path.startswith("file:") else path


def _ingest_files(
    batches: Iterator[pa.RecordBatch], settings: Settings, ranks: dict[str, int]
) -> Iterator[pa.RecordBatch]:
    """Whole files (path, content) -> documents, then articles with their fingerprints."""
    index = NearDuplicateIndex()
    for batch in batches:
        for path, content in zip(
            batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True
        ):
            base = ranks[path] << _FILE_BITS
            items = list(_documents_of(path, content or b"", settings))
            yield _extract(items, base, settings, index)


def _documents_of(path: str, content: bytes, settings: Settings) -> Iterator[Document | Failure]:
    source = _source_of(path)
    name = PurePosixPath(source).name
    if kind_of(Path(name)) == "warc":
        from dragoman.ingest.warc import read_warc

        with tempfile.NamedTemporaryFile(suffix="-" + name) as tmp:
            tmp.write(content)
            tmp.flush()
            for item in read_warc(Path(tmp.name), settings):
                # the record's source names the input, not the worker's copy of it
                yield _renamed(item, tmp.name, source)
        return
    for item in read_bytes(content, name, source):
        if isinstance(item, Document) and item.date is None and settings.default_date:
            item = _with_date(item, settings.default_date)
        yield item


def _renamed(item: Document | Failure, old: str, new: str) -> Document | Failure:
    import dataclasses

    return dataclasses.replace(item, source=item.source.replace(old, new, 1))


def _with_date(doc: Document, day: str) -> Document:
    import dataclasses

    return dataclasses.replace(doc, date=day)


def _ingest_rows(
    batches: Iterator[pa.RecordBatch], settings: Settings, base: int
) -> Iterator[pa.RecordBatch]:
    """Parquet rows ``{id, text|html, date, url, title}`` -> articles with fingerprints."""
    index = NearDuplicateIndex()
    for batch in batches:
        rows = batch.to_pylist()
        items: list[Document | Failure] = []
        for row in rows:
            source = _source_of(str(row.pop("_file") or "parquet"))
            where = f"{source} row {row['_row']}"
            item = record_document(row, source, where, f"{source}:{row['_row']}")
            if isinstance(item, Document) and item.date is None and settings.default_date:
                item = _with_date(item, settings.default_date)
            items.append(item)
        first = int(rows[0]["_row"]) if rows else 0
        yield _extract(items, base + first, settings, index)


def _extract(
    items: Sequence[Document | Failure], base: int, settings: Settings, index: NearDuplicateIndex
) -> pa.RecordBatch:
    """One file's (or row batch's) documents through extraction, as ``_STAGED`` rows."""
    pos_of = {id(item): base + i for i, item in enumerate(items)}
    docs = [i for i in items if isinstance(i, Document)]
    prepared = prepare_batch(items, settings)
    # positions follow the input order; extraction keeps each document's id
    pos_by_id: dict[str, list[int]] = {}
    for d in docs:
        pos_by_id.setdefault(d.doc_id, []).append(pos_of[id(d)])
    rows: list[dict[str, Any]] = []
    for article in prepared.articles:
        fp = index.fingerprint(article.text)
        rows.append(
            {
                "pos": pos_by_id[article.doc_id].pop(0),
                "kind": "article",
                **{f: getattr(article, f) for f in _ARTICLE_FIELDS},
                "language": article.language,
                "exact_key": fp.exact_key if fp else None,
                "hashvalues": list(fp.hashvalues) if fp else None,
                "bands": list(fp.bands) if fp else None,
            }
        )
    for f in prepared.failures:
        rows.append(
            {
                "pos": base,
                "kind": "failure",
                "doc_id": f.doc_id,
                "source": f.source,
                "stage": f.stage,
                "reason": f.reason,
                "detail": f.detail,
            }
        )
    return pa.RecordBatch.from_pylist(rows, schema=_STAGED)


# -- coding -------------------------------------------------------------------------------
def _coded_schema() -> pa.Schema:
    fields = [*EVENT_SCHEMA, pa.field("day", pa.string())]
    fields += [pa.field(f"failure_{f.name}", f.type) for f in FAILURE_SCHEMA]
    return pa.schema(fields)


def _code_articles(
    batches: Iterator[pa.RecordBatch], settings: Settings
) -> Iterator[pa.RecordBatch]:
    """Kept articles -> events and coder failures, ``settings.batch_size`` articles at a time."""
    schema = _coded_schema()
    now = datetime.now(UTC).replace(tzinfo=None)
    for batch in batches:
        articles = [
            Article(**{k: v for k, v in row.items() if k != "pos"}) for row in batch.to_pylist()
        ]
        for start in range(0, len(articles), settings.batch_size):
            chunk = tuple(articles[start : start + settings.batch_size])
            result = code_batch(Prepared(chunk, (), {}, {}), settings)
            yield from _coded_rows(result.events, result.failures, schema, now).to_batches()


def _coded_rows(
    events: Sequence[Event], failures: Sequence[Failure], schema: pa.Schema, now: datetime
) -> pa.Table:
    """Events (with their ``day``) and failures (``failure_*`` columns) in one table."""
    table = events_to_arrow(events)
    cols: dict[str, pa.Array | pa.ChunkedArray] = {n: table.column(n) for n in EVENT_SCHEMA.names}
    cols["day"] = pa.array([e.date[:10] if e.date else UNDATED for e in events], pa.string())
    for f in FAILURE_SCHEMA:
        cols[f"failure_{f.name}"] = pa.nulls(len(events), f.type)
    fails = failures_to_arrow(failures, now)
    fcols: dict[str, pa.Array | pa.ChunkedArray] = {
        f.name: pa.nulls(len(failures), f.type) for f in EVENT_SCHEMA
    }
    fcols["day"] = pa.array([now.date().isoformat()] * len(failures), pa.string())
    for f in FAILURE_SCHEMA:
        fcols[f"failure_{f.name}"] = fails.column(f.name)
    return pa.concat_tables([pa.table(cols, schema=schema), pa.table(fcols, schema=schema)])


# -- the job ------------------------------------------------------------------------------
def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _read(spark: SparkSession, inputs: Sequence[str], settings: Settings) -> tuple[DataFrame, int]:
    """The extract stage's rows for every input, and the number of files read."""
    from pyspark.sql import functions as F

    staged: DataFrame | None = None
    files = 0
    partitions = max(spark.sparkContext.defaultParallelism, 1)
    schema = _spark_schema(_STAGED)
    for n, item in enumerate(inputs):
        paths = _walk_hadoop(spark, _qualify(item))
        files += len(paths)
        base = n << _INPUT_SHIFT
        parquet = [p for p in paths if p.endswith(".parquet")]
        others = [p for p in paths if not p.endswith(".parquet")]
        parts: list[DataFrame] = []
        if others:
            ranks = {p: (base >> _FILE_BITS) + i for i, p in enumerate(others)}
            raw = spark.read.format("binaryFile").load(others).select("path", "content")
            raw = raw.repartition(min(partitions * 4, len(others)), "path")
            parts.append(
                raw.mapInArrow(partial(_ingest_files, settings=settings, ranks=ranks), schema)
            )
        for i, p in enumerate(parquet):
            rows = spark.read.parquet(p).withColumn("_file", F.input_file_name())
            # partition (10 bits) | row within it (22 bits), from Spark's (31 | 33 bits)
            pid = F.spark_partition_id().cast("long")
            row_in_part = F.monotonically_increasing_id() - F.shiftleft(pid, 33)
            rows = rows.withColumn("_row", F.shiftleft(pid, 22) + row_in_part)
            start = base + ((len(others) + i) << _FILE_BITS)
            parts.append(
                rows.mapInArrow(partial(_ingest_rows, settings=settings, base=start), schema)
            )
        for part in parts:
            staged = part if staged is None else staged.unionByName(part)
    if staged is None:
        raise ConfigError("no input files found in " + ", ".join(inputs))
    return staged, files


def _duplicates(spark: SparkSession, articles: DataFrame, threshold: float) -> dict[int, str]:
    """Position of each copy -> doc_id of its story, over the whole input."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    long = articles.where(F.col("exact_key").isNotNull())
    by_key = Window.partitionBy("exact_key").orderBy("pos")
    ranked = long.withColumn("first", F.first("pos").over(by_key))
    exact = [
        (int(r["first"]), int(r["pos"]))
        for r in ranked.where(F.col("pos") != F.col("first")).select("first", "pos").collect()
    ]
    firsts = ranked.where(F.col("pos") == F.col("first")).select("pos", "hashvalues", "bands")
    banded = firsts.select("pos", F.posexplode("bands").alias("band", "key"))
    a, b = banded.alias("a"), banded.alias("b")
    pairs = (
        a.join(b, (F.col("a.band") == F.col("b.band")) & (F.col("a.key") == F.col("b.key")))
        .where(F.col("a.pos") < F.col("b.pos"))
        .select(F.col("a.pos").alias("x"), F.col("b.pos").alias("y"))
        .distinct()
    )
    sig_x = firsts.select(F.col("pos").alias("x"), F.col("hashvalues").alias("hx"))
    sig_y = firsts.select(F.col("pos").alias("y"), F.col("hashvalues").alias("hy"))
    agree = F.expr("size(filter(zip_with(hx, hy, (p, q) -> p = q), v -> v)) / size(hx)")
    scored = pairs.join(sig_x, "x").join(sig_y, "y").select("x", "y", agree.alias("score"))
    similar = [
        (int(r["x"]), int(r["y"]), float(r["score"]))
        for r in scored.where(F.col("score") >= threshold).collect()
    ]
    by_id = Window.partitionBy("doc_id")
    repeated = articles.withColumn("n", F.count("*").over(by_id)).where(F.col("n") > 1)
    involved = {p for pair in exact for p in pair} | {p for x, y, _ in similar for p in (x, y)}
    nodes = {int(r["pos"]): str(r["doc_id"]) for r in repeated.select("pos", "doc_id").collect()}
    if involved:
        wanted = spark.createDataFrame([(p,) for p in sorted(involved)], "pos long")
        for r in articles.join(wanted, "pos").select("pos", "doc_id").collect():
            nodes[int(r["pos"])] = str(r["doc_id"])
    return merge_plan(nodes.items(), similar, exact)


def run_spark(
    inputs: Sequence[str],
    output: str,
    settings: Settings,
    *,
    spark: SparkSession | None = None,
    master: str | None = None,
    dedup: bool = True,
    partitions: int | None = None,
) -> SparkSummary:
    """Code ``inputs`` with Spark and write events, documents, failures and copies as Parquet
    under ``output`` (replacing what a previous run wrote there)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    if not inputs:
        raise ConfigError("no inputs")
    session = spark if spark is not None else spark_session(master)
    out = _qualify(output).rstrip("/")
    threshold = NearDuplicateIndex().threshold
    try:
        staged, files = _read(session, inputs, settings)
        staged = staged.persist(StorageLevel.MEMORY_AND_DISK)
        articles = staged.where(F.col("kind") == "article")
        plan = _duplicates(session, articles, threshold) if dedup else {}
        n_parts = partitions or max(session.sparkContext.defaultParallelism, 1)
        if plan:
            copies_df = session.createDataFrame(
                [(p, s) for p, s in plan.items()], "pos long, story_doc_id string"
            )
            kept = articles.join(copies_df, "pos", "left_anti")
            copies = articles.join(copies_df, "pos").select(
                "story_doc_id", "doc_id", "url", "publisher", "source"
            )
        else:
            kept = articles
            copies = session.createDataFrame([], _spark_schema(COPY_SCHEMA))
        kept = kept.select("pos", *_ARTICLE_FIELDS, "language").persist(
            StorageLevel.MEMORY_AND_DISK
        )
        coded = (
            kept.repartition(n_parts)
            .sortWithinPartitions("pos")
            .mapInArrow(partial(_code_articles, settings=settings), _spark_schema(_coded_schema()))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        events = coded.where(F.col("failure_doc_id").isNull()).select(*EVENT_SCHEMA.names, "day")
        now = datetime.now(UTC).replace(tzinfo=None)
        staged_failures = staged.where(F.col("kind") == "failure").select(
            "doc_id",
            "source",
            "stage",
            "reason",
            "detail",
            F.lit(now).alias("first_seen"),
            F.lit(now).alias("last_seen"),
            F.lit(1).alias("attempts"),
        )
        coder_failures = coded.where(F.col("failure_doc_id").isNotNull()).select(
            *(F.col(f"failure_{f}").alias(f) for f in FAILURE_SCHEMA.names)
        )
        failures = staged_failures.unionByName(coder_failures).withColumn(
            "day", F.lit(now.date().isoformat())
        )
        documents = kept.select(
            "doc_id",
            "source",
            "url",
            "title",
            F.to_date("date").alias("date"),
            "author",
            "publisher",
            "language",
            "text",
            F.sha2("text", 256).alias("text_sha256"),
            F.lit(now).alias("coded_at"),
            F.coalesce(F.substring("date", 1, 10), F.lit(UNDATED)).alias("day"),
        )
        events.write.mode("overwrite").partitionBy("day").parquet(f"{out}/events")
        documents.write.mode("overwrite").partitionBy("day").parquet(f"{out}/documents")
        failures.write.mode("overwrite").partitionBy("day").parquet(f"{out}/failures")
        copies.coalesce(1).write.mode("overwrite").parquet(f"{out}/copies")
        summary = SparkSummary(
            output=out,
            files=files,
            articles=int(articles.count()),
            duplicates=len(plan),
            events=int(events.count()),
            failures=int(failures.count()),
        )
        for frame in (coded, kept, staged):
            frame.unpersist()
    except DragomanError:
        raise
    except Exception as exc:
        if type(exc).__module__.startswith(("pyspark", "py4j")):
            raise DragomanError(f"the Spark job failed: {exc}") from exc
        raise
    log.info("spark run: %s", summary)
    return summary


__all__ = [
    "COPY_SCHEMA",
    "DOCUMENT_SCHEMA",
    "SparkSummary",
    "run_spark",
    "spark_session",
]
