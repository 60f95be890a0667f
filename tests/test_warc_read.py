"""Reading WARC/ARC archives written in the test with warcio's WARCWriter (or by hand)."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dragoman.ingest.urls import url_doc_id
from dragoman.ingest.warc import read_warc
from dragoman.records import Document, Failure
from dragoman.settings import Settings

SETTINGS = Settings()

PAGE_A = b"<html><body><p>Ministers met in Geneva on Monday.</p></body></html>"
PAGE_B = "<html><body><p>Caf\u00e9 \u201ctalks\u201d in Paris.</p></body></html>".encode("cp1252")


def _response(writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes) -> None:
    headers = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)


def write_warc(path: Path, gzip: bool = True) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        _response(writer, "http://news.example/a?utm_source=x", "200 OK", "text/html", PAGE_A)
        _response(writer, "http://news.example/missing", "404 Not Found", "text/html", b"nope")
        _response(writer, "http://news.example/logo.png", "200 OK", "image/png", b"\x89PNG")
        request = b"GET /b HTTP/1.1\r\nHost: news.example\r\n\r\n"
        writer.write_record(
            writer.create_warc_record(
                "http://news.example/b",
                "request",
                payload=io.BytesIO(request),
                length=len(request),
            )
        )
        _response(
            writer,
            "http://news.example/b",
            "200 OK",
            "text/html; charset=windows-1252",
            PAGE_B,
        )
    return path


def docs_and_failures(path: Path) -> tuple[list[Document], list[Failure]]:
    out = list(read_warc(path, SETTINGS))
    return (
        [r for r in out if isinstance(r, Document)],
        [r for r in out if isinstance(r, Failure)],
    )


def test_only_html_200_responses_become_documents(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    docs, failures = docs_and_failures(path)
    assert failures == []
    assert [d.url for d in docs] == ["http://news.example/a?utm_source=x", "http://news.example/b"]
    first, second = docs
    assert first.data == PAGE_A
    assert first.media_type == "html"
    assert first.doc_id == url_doc_id("http://news.example/a")
    assert first.source == f"{path}#0"
    assert second.encoding == "windows-1252"
    assert "\u201ctalks\u201d" in second.data.decode("windows-1252")
    assert first.date is None
    offset = int(second.source.rsplit("#", 1)[1])
    assert offset > 0


def test_uncompressed_warc_reads_the_same(tmp_path: Path) -> None:
    docs, failures = docs_and_failures(write_warc(tmp_path / "crawl.warc", gzip=False))
    assert failures == []
    assert [d.data for d in docs] == [PAGE_A, PAGE_B]


def test_default_date_setting_is_used_not_the_crawl_date(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    out = list(read_warc(path, Settings(default_date="2014-04-30")))
    assert {r.date for r in out if isinstance(r, Document)} == {"2014-04-30"}


def test_truncated_gzip_yields_earlier_documents_then_a_failure(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc.gz").read_bytes()
    for cut in (20, 120, 300):
        path = tmp_path / f"cut{cut}.warc.gz"
        path.write_bytes(whole[:-cut])
        docs, failures = docs_and_failures(path)
        assert [d.data for d in docs] == [PAGE_A], cut
        assert len(failures) == 1, cut
        assert failures[0].stage == "ingest"
        assert failures[0].reason == "bad-warc-record"


def test_truncated_uncompressed_warc_yields_a_failure(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc", gzip=False).read_bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[:-30])
    docs, failures = docs_and_failures(path)
    assert [d.data for d in docs] == [PAGE_A]
    assert [f.reason for f in failures] == ["bad-warc-record"]


def test_corrupt_record_in_the_middle_is_skipped_and_reading_carries_on(tmp_path: Path) -> None:
    good = write_warc(tmp_path / "crawl.warc.gz")
    whole = good.read_bytes()
    docs, _ = docs_and_failures(good)
    offset_b = int(docs[1].source.rsplit("#", 1)[1])
    # Damage the first record's gzip member (keep its header so the scan has to skip it).
    damaged = whole[:12] + b"\x00" * 40 + whole[52:]
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(damaged)
    docs, failures = docs_and_failures(path)
    assert [d.data for d in docs] == [PAGE_B]
    assert docs[0].source == f"{path}#{offset_b}"
    assert failures and all(f.reason == "bad-warc-record" for f in failures)


def test_a_record_whose_header_inflates_to_garbage_is_a_failure_not_a_silent_skip(
    tmp_path: Path,
) -> None:
    # What a damaged gzip member can inflate to: a WARC header whose values hold binary bytes.
    whole = write_warc(tmp_path / "crawl.warc", gzip=False).read_bytes()
    uri = b"http://news.example/a?utm_source=x"
    garbled = whole.replace(uri, b"http://\x01\x02\x9b\x00garbage\x7f\x03" + b"x" * 14, 1)
    assert len(garbled) == len(whole)
    path = tmp_path / "garbled.warc"
    path.write_bytes(garbled)
    docs, failures = docs_and_failures(path)
    assert [d.data for d in docs] == [PAGE_B]
    assert [f.reason for f in failures] == ["bad-warc-record"]
    assert "garbled record header" in failures[0].detail


def test_not_an_archive_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a WARC file\n" * 10)
    docs, failures = docs_and_failures(path)
    assert docs == []
    assert [f.reason for f in failures] == ["bad-warc-record"]


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    docs, failures = docs_and_failures(tmp_path / "absent.warc.gz")
    assert docs == []
    assert [f.reason for f in failures] == ["unreadable"]


def _arc_record(header: str, block: bytes) -> bytes:
    return f"{header} {len(block)}\n".encode() + block + b"\n"


def test_arc_file_responses_are_read(tmp_path: Path) -> None:
    filedesc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    page = b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + PAGE_A
    gone = b"HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\n\r\nnope"
    data = (
        _arc_record("filedesc://test.arc 0.0.0.0 20140430000000 text/plain", filedesc)
        + _arc_record("http://news.example/arc 192.0.2.1 20140430120000 text/html", page)
        + _arc_record("http://news.example/gone 192.0.2.1 20140430120000 text/html", gone)
    )
    path = tmp_path / "old.arc"
    path.write_bytes(data)
    docs, failures = docs_and_failures(path)
    assert failures == []
    assert [(d.url, d.data, d.encoding) for d in docs] == [
        ("http://news.example/arc", PAGE_A, "utf-8")
    ]
