"""Hostile input ends in a recorded failure with its reason (or in events), within bounds.

The corpus is generated (tests/hostile_corpus.py); property tests throw random bytes at the
readers and the decoder.
"""

from __future__ import annotations

import gzip
import json
import resource
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.errors import InputError
from dragoman.ingest import read_inputs
from dragoman.ingest.decode import decode_bytes
from dragoman.ingest.files import gunzip, read_bytes_as, read_jsonl_bytes
from dragoman.ingest.warc import read_warc
from dragoman.pipeline import prepare_batch
from dragoman.records import Article, Document, Failure
from dragoman.settings import Settings
from hostile_corpus import EXPECTED, GOOD, gzip_bomb, write_corpus

SETTINGS = Settings(max_document_bytes=2_000_000)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("hostile"), huge_bytes=3_000_000)


@pytest.fixture(scope="module")
def prepared(corpus: Path) -> tuple[list[Article], list[Failure], float]:
    started = time.monotonic()
    items = list(read_inputs([str(corpus)], SETTINGS))
    result = prepare_batch(items, SETTINGS)
    return list(result.articles), list(result.failures), time.monotonic() - started


def test_every_hostile_file_ends_in_a_failure_with_its_reason(
    corpus: Path, prepared: tuple[list[Article], list[Failure], float]
) -> None:
    _, failures, _ = prepared
    reasons: dict[str, set[str]] = {}
    for f in failures:
        name = Path(f.source.split("#")[0]).name
        reasons.setdefault(name, set()).add(f.reason)
    for name, reason in EXPECTED.items():
        assert reason in reasons.get(name, set()), (name, reasons.get(name))
    assert all(f.detail for f in failures)


def test_good_documents_among_hostile_ones_are_kept(
    prepared: tuple[list[Article], list[Failure], float],
) -> None:
    articles, _, seconds = prepared
    kept = {Path(a.source).name for a in articles}
    assert kept == set(GOOD)
    assert seconds < 120
    quoted = next(a for a in articles if a.source.endswith("cp1252-short.txt"))
    assert "Russia’s" in quoted.text and "“leaders”" in quoted.text


def test_bad_jsonl_lines_fail_one_by_one_and_the_good_lines_are_kept(corpus: Path) -> None:
    items = list(read_inputs([str(corpus / "good-lines.jsonl")], SETTINGS))
    docs = [i.doc_id for i in items if isinstance(i, Document)]
    reasons = sorted(i.reason for i in items if isinstance(i, Failure))
    assert docs == ["line-ok", "cp1252"]
    assert reasons == [
        "bad-jsonl",
        "bad-jsonl",
        "binary",
        "duplicate-id",
        "missing-id",
        "missing-text",
    ]


def test_a_gzip_bomb_stops_at_the_cap_without_the_memory(tmp_path: Path) -> None:
    bomb = gzip_bomb(256 << 20)
    assert len(bomb) < 1 << 20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match="exceeds") as info:
        gunzip(bomb, 8 << 20)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert info.value.reason == "too-large"
    assert grown_mib < 100


def test_a_page_over_the_size_cap_is_not_read(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_bytes(b"<html><body><p>words</p>" * 100_000)
    (item,) = read_inputs([str(page)], Settings(max_document_bytes=1_000_000))
    assert isinstance(item, Failure) and item.reason == "too-large"


def test_a_stage_that_hangs_on_one_document_is_stopped_and_recorded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dragoman.pipeline as pipeline

    real = pipeline.extract

    def hangs_on_slow(batch: list[Document], settings: Settings) -> list[Article | Failure]:
        if batch[0].doc_id == "slow":
            while True:
                time.sleep(0.01)
        return real(batch, settings)

    monkeypatch.setattr(pipeline, "extract", hangs_on_slow)
    text = b"Russian Foreign Minister Sergei Lavrov met Cuban officials in Havana on Tuesday."
    docs: list[Document | Failure] = [
        Document("slow", "slow.txt", text, "text"),
        Document("fine", "fine.txt", text, "text"),
    ]
    prepare_batch(docs[1:], Settings())  # load the language detector outside the limit
    started = time.monotonic()
    result = prepare_batch(docs, Settings(document_timeout=1.0))
    assert time.monotonic() - started < 10
    assert [a.doc_id for a in result.articles] == ["fine"]
    (failure,) = result.failures
    assert (failure.doc_id, failure.stage, failure.reason) == ("slow", "extract", "timeout")


def test_short_text_in_another_script_is_not_coded_as_english() -> None:
    docs: list[Document | Failure] = [
        Document("zh", "zh.txt", "俄罗斯外交部长会见古巴官员。".encode(), "text"),
        Document("en", "en.txt", b"Russia did not meet Cuba.", "text"),
    ]
    result = prepare_batch(docs, Settings())
    assert [a.doc_id for a in result.articles] == ["en"]
    assert [f.reason for f in result.failures] == ["unsupported-language"]


def test_utf8_with_a_few_damaged_bytes_stays_utf8() -> None:
    text = "The minister said talks in Zürich and Genève — will resume next week. " * 20
    data = text.encode()
    damaged = data[:100] + b"\xff\xfe" + data[100:]
    decoded, encoding = decode_bytes(damaged)
    assert encoding == "utf-8"
    assert "Genève — will" in decoded


def test_short_cp1252_text_is_read_as_cp1252() -> None:
    decoded, encoding = decode_bytes("Russia’s “aid” to Café Zürich".encode("cp1252"))
    assert (decoded, encoding) == ("Russia’s “aid” to Café Zürich", "cp1252")


# -- property tests ---------------------------------------------------------------------------
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=4096))
def test_decoding_random_bytes_gives_text_or_an_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        assert exc.reason in {"undecodable", "binary"}
    else:
        assert isinstance(text, str) and encoding


@FAST
@given(st.binary(max_size=4096), st.sampled_from(["text", "html", "jsonl", "sniff"]))
def test_any_bytes_become_documents_or_failures(data: bytes, kind: str) -> None:
    items = list(read_bytes_as(data, "x", kind))  # type: ignore[arg-type]
    assert items or (kind == "jsonl" and not data.strip())  # no lines, nothing to read
    for item in items:
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Failure):
            assert item.reason and item.detail


@FAST
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.builds(
                lambda i, t: json.dumps({"id": i, "text": t}),
                st.sampled_from(["a", "b", "c"]),
                st.text(max_size=40),
            ),
        ),
        max_size=12,
    )
)
def test_jsonl_ids_are_never_emitted_twice_and_every_line_is_accounted_for(
    lines: list[str],
) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    items = list(read_jsonl_bytes(data, "x.jsonl"))
    ids = [i.doc_id for i in items if isinstance(i, Document)]
    assert len(ids) == len(set(ids))


@FAST
@given(st.binary(max_size=2048))
def test_gunzip_of_random_bytes_raises_only_input_errors(data: bytes) -> None:
    try:
        gunzip(b"\x1f\x8b" + data, 1 << 20)
    except InputError as exc:
        assert exc.reason in {"bad-gzip", "too-large"}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=1, max_value=4000), gz=st.booleans())
def test_truncated_warc_files_yield_failures_not_crashes(
    tmp_path: Path, cut: int, gz: bool
) -> None:
    body = b"<html><body><p>Russia met Cuba in Havana.</p></body></html>" * 10
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.invalid/a\r\n"
        b"WARC-Record-ID: <urn:uuid:1>\r\nContent-Length: "
        + str(len(http)).encode()
        + b"\r\n\r\n"
        + http
        + b"\r\n\r\n"
    )
    whole = gzip.compress(record) if gz else record
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(whole[: min(cut, len(whole) - 1)])
    for item in read_warc(path, Settings()):
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Failure):
            assert item.reason == "bad-warc-record"
            assert "Traceback" not in item.detail


def test_jsonl_file_of_blank_lines_is_an_empty_failure() -> None:
    (item,) = read_jsonl_bytes(b"\xa0\n \n", "blank.jsonl")
    assert isinstance(item, Failure)
    assert item.reason == "empty"
