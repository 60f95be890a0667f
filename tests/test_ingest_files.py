"""Reading local inputs: file types, folders, stdin, JSONL, encodings and every failure kind."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
from pathlib import Path

import pytest

from dragoman.errors import BinaryInput, DecodeError
from dragoman.ingest import read_inputs, url_doc_id
from dragoman.ingest.decode import decode_bytes
from dragoman.records import Document, Failure
from dragoman.settings import Settings

SETTINGS = Settings()
HTML = b"<html><head><title>T</title></head><body><p>Troops crossed the border.</p></body></html>"


def _read(
    *inputs: str, settings: Settings = SETTINGS, stdin: bytes | None = None
) -> list[Document | Failure]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs(list(inputs), settings, stdin=stream))


def _one_doc(records: list[Document | Failure]) -> Document:
    assert len(records) == 1, records
    assert isinstance(records[0], Document), records[0]
    return records[0]


def _one_failure(records: list[Document | Failure]) -> Failure:
    assert len(records) == 1, records
    assert isinstance(records[0], Failure), records[0]
    assert records[0].stage == "ingest"
    return records[0]


def test_text_file_becomes_text_document_with_content_hash_id(tmp_path: Path) -> None:
    data = b"Talks resume\n\nThe two sides met on Monday.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    doc = _one_doc(_read(str(path)))
    assert doc.media_type == "text"
    assert doc.doc_id == hashlib.sha256(data).hexdigest()[:16]
    assert doc.source == str(path)
    assert doc.data == data
    assert doc.encoding == "utf-8"


def test_same_bytes_give_same_id_on_rerun(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"Same text.")
    first = _one_doc(_read(str(tmp_path / "a.md")))
    second = _one_doc(_read(str(tmp_path / "a.md")))
    assert first.doc_id == second.doc_id


@pytest.mark.parametrize("name", ["page.html", "page.htm"])
def test_html_file_becomes_html_document(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(HTML)
    assert _one_doc(_read(str(tmp_path / name))).media_type == "html"


@pytest.mark.parametrize(
    ("name", "payload", "media"),
    [
        ("page.html.gz", HTML, "html"),
        ("page.htm.gz", HTML, "html"),
        ("note.txt.gz", b"Plain words here.", "text"),
        ("mystery.gz", HTML, "html"),
        ("mystery2.gz", b"Just some text.", "text"),
    ],
)
def test_gzip_files_are_decompressed(tmp_path: Path, name: str, payload: bytes, media: str) -> None:
    (tmp_path / name).write_bytes(gzip.compress(payload))
    doc = _one_doc(_read(str(tmp_path / name)))
    assert doc.media_type == media
    assert doc.data == payload


def test_corrupt_gzip_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "bad.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate")
    assert _one_failure(_read(str(tmp_path / "bad.html.gz"))).reason == "bad-gzip"


def _jsonl(lines: list[object]) -> bytes:
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()


def test_jsonl_gives_one_document_per_line_with_given_ids(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(
        _jsonl(
            [
                {"id": "AFP_1", "text": "France condemned the raid.", "date": "2008-08-06"},
                "",
                {
                    "id": 7,
                    "html": "<p>Hello there world.</p>",
                    "url": "https://x.test/a",
                    "title": "H",
                },
            ]
        )
    )
    records = _read(str(path))
    assert [type(r) for r in records] == [Document, Document]
    first, second = records
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.doc_id, first.media_type, first.date) == ("AFP_1", "text", "2008-08-06")
    assert first.data == b"France condemned the raid."
    assert (second.doc_id, second.media_type, second.url, second.title) == (
        "7",
        "html",
        "https://x.test/a",
        "H",
    )


def test_jsonl_gz_is_read(tmp_path: Path) -> None:
    (tmp_path / "g.jsonl.gz").write_bytes(gzip.compress(_jsonl([{"id": "x", "text": "Hi all."}])))
    assert _one_doc(_read(str(tmp_path / "g.jsonl.gz"))).doc_id == "x"


def test_jsonl_bad_lines_fail_with_line_numbers_and_the_rest_carry_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        _jsonl(
            [
                {"id": "ok1", "text": "Fine."},
                "{not json",
                {"text": "no id here"},
                {"id": "noText"},
                {"id": "blank", "text": "   "},
                "[1, 2]",
                {"id": "ok2", "text": "Also fine."},
            ]
        )
    )
    with caplog.at_level(logging.WARNING, logger="dragoman.ingest"):
        records = _read(str(path))
    docs = [r.doc_id for r in records if isinstance(r, Document)]
    fails = [r for r in records if isinstance(r, Failure)]
    assert docs == ["ok1", "ok2"]
    assert [f.reason for f in fails] == [
        "bad-jsonl",
        "missing-id",
        "missing-text",
        "empty",
        "bad-jsonl",
    ]
    assert "line 2" in fails[0].detail
    assert "line 3" in fails[1].detail
    assert fails[2].doc_id == "noText"
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) >= 5


def test_folder_is_walked_recursively_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_bytes(b"Zed text.")
    (tmp_path / "a.txt").write_bytes(b"Aye text.")
    (tmp_path / "c.html").write_bytes(HTML)
    (tmp_path / ".secret.txt").write_bytes(b"hidden")
    (tmp_path / ".hidden" / "x.txt").write_bytes(b"hidden")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n....")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    records = _read(str(tmp_path))
    assert all(isinstance(r, Document) for r in records)
    assert [r.source for r in records] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "z.txt"),
        str(tmp_path / "c.html"),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "empty"),
        (b"abc\x00\x01\x02def\x00", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary"),
    ],
)
def test_bad_text_files_become_failures(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    failure = _one_failure(_read(str(path)))
    assert failure.reason == reason
    assert failure.source == str(path)
    assert failure.detail


def test_html_with_only_markup_is_empty(tmp_path: Path) -> None:
    (tmp_path / "e.html").write_bytes(b"<html><head><style>p{}</style></head><body> </body></html>")
    assert _one_failure(_read(str(tmp_path / "e.html"))).reason == "empty"


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    failure = _one_failure(_read(str(tmp_path / "nope.txt")))
    assert failure.reason == "not-found"
    assert "nope.txt" in failure.detail


def test_undecodable_text_is_a_failure(tmp_path: Path) -> None:
    # Random high bytes: no BOM, no declaration, invalid UTF-8 everywhere, no confident guess.
    data = bytes(range(0x80, 0x100)) * 40 + b"\x81\x8d\x8f\x90\x9d" * 50
    (tmp_path / "junk.txt").write_bytes(data)
    failure = _one_failure(_read(str(tmp_path / "junk.txt")))
    assert failure.reason in {"undecodable", "binary"}


def test_default_date_fills_documents_without_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Text here.")
    (tmp_path / "g.jsonl").write_bytes(_jsonl([{"id": "d", "text": "x y", "date": "2001-02-03"}]))
    settings = Settings(default_date="2014-04-30")
    plain = _one_doc(_read(str(tmp_path / "a.txt"), settings=settings))
    dated = _one_doc(_read(str(tmp_path / "g.jsonl"), settings=settings))
    assert plain.date == "2014-04-30"
    assert dated.date == "2001-02-03"


def test_stdin_jsonl_html_and_text() -> None:
    lines = _jsonl([{"id": "s1", "text": "One."}, {"id": "s2", "text": "Two."}])
    assert [r.doc_id for r in _read("-", stdin=lines)] == ["s1", "s2"]
    html = _one_doc(_read("-", stdin=b"<!DOCTYPE html><html><body><p>Hi there.</p></body></html>"))
    assert (html.media_type, html.source) == ("html", "-")
    text = _one_doc(_read("-", stdin=b"Just a line of news text."))
    assert text.media_type == "text"


def test_stdin_empty_is_a_failure() -> None:
    assert _one_failure(_read("-", stdin=b"")).reason == "empty"


def test_url_goes_to_fetch_and_fetch_errors_become_failures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys
    import types

    from dragoman.errors import FetchError

    module = types.ModuleType("dragoman.ingest.fetch")
    fetchers: list[object] = []

    class Fetcher:
        def __init__(self, settings: Settings) -> None:
            fetchers.append(self)

        def close(self) -> None:
            fetchers.remove(self)

    def fetch_document(url: str, settings: Settings, fetcher: object) -> Document:
        assert fetcher is fetchers[0]
        if "bad" in url:
            raise FetchError("connection refused")
        return Document(doc_id=url_doc_id(url), source=url, data=HTML, media_type="html", url=url)

    module.fetch_document = fetch_document  # type: ignore[attr-defined]
    module.Fetcher = Fetcher  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dragoman.ingest.fetch", module)
    good, bad = _read("https://example.com/a", "http://bad.example/")
    assert isinstance(good, Document) and good.url == "https://example.com/a"
    assert (
        isinstance(bad, Failure) and bad.reason == "fetch" and bad.source == "http://bad.example/"
    )
    assert bad.doc_id == url_doc_id("http://bad.example/")
    assert fetchers == []  # one fetcher, closed at the end


def test_url_id_is_stable_under_normalisation() -> None:
    assert url_doc_id("HTTPS://Example.com/a#top") == url_doc_id("https://example.com/a")
    assert len(url_doc_id("https://example.com/a")) == 16


def test_warc_and_feed_readers_are_called_and_their_crashes_contained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    warc = types.ModuleType("dragoman.ingest.warc")
    feeds = types.ModuleType("dragoman.ingest.feeds")

    def read_warc(path: Path, settings: Settings):  # type: ignore[no-untyped-def]
        yield Document(doc_id="w1", source=str(path), data=HTML, media_type="html")
        raise RuntimeError("truncated record")

    def read_feed(source: str, settings: Settings, fetcher: object = None):  # type: ignore[no-untyped-def]
        yield Document(doc_id="f1", source=source, data=b"Feed item text.", media_type="text")

    warc.read_warc = read_warc  # type: ignore[attr-defined]
    feeds.read_feed = read_feed  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dragoman.ingest.warc", warc)
    monkeypatch.setitem(sys.modules, "dragoman.ingest.feeds", feeds)
    for name in ("c.warc.gz", "d.rss", "e.atom", "f.xml", "g.arc.gz"):
        (tmp_path / name).write_bytes(b"x")
    records = _read(str(tmp_path), settings=Settings(default_date="2020-01-01"))
    kinds = [(type(r).__name__, r.doc_id) for r in records]
    assert kinds[:2] == [("Document", "w1"), ("Failure", kinds[1][1])]
    assert isinstance(records[1], Failure) and "truncated record" in records[1].detail
    assert [r.doc_id for r in records[2:6]] == ["f1", "f1", "f1", "w1"]
    assert isinstance(records[6], Failure) and len(records) == 7
    assert all(r.date == "2020-01-01" for r in records if isinstance(r, Document))


# --- encodings -------------------------------------------------------------------------------


def test_cp1252_text_is_detected_without_mangling() -> None:
    text = (
        "Le ministre a déclaré à l’agence que la réunion était « très importante » et “utile”. " * 5
    )
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert decoded == text
    assert encoding.replace("_", "-").lower() in {"cp1252", "windows-1252"}


def test_latin1_with_meta_charset() -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"></head>'
        "<body><p>Señor Müller, café</p></body></html>"
    )
    decoded, encoding = decode_bytes(html.encode("latin-1"))
    assert "Señor Müller, café" in decoded
    assert encoding in {"cp1252", "latin-1"}


def test_http_declared_charset_is_used() -> None:
    decoded, _ = decode_bytes("Zürich – Genève".encode("cp1252"), declared="windows-1252")
    assert decoded == "Zürich – Genève"


def test_mislabelled_utf8_declared_latin1_stays_utf8() -> None:
    decoded, encoding = decode_bytes("Zürich".encode(), declared="ISO-8859-1")
    assert (decoded, encoding) == ("Zürich", "utf-8")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks(codec: str) -> None:
    text = "Привет, мир. Hello."
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    decoded, _ = decode_bytes(data)
    assert decoded == text


def test_utf16_file_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes("Talks in Havana.".encode("utf-16"))
    doc = _one_doc(_read(str(tmp_path / "u.txt")))
    assert doc.encoding is not None and doc.encoding.startswith("utf-16")


def test_binary_raises_binary_input() -> None:
    with pytest.raises(BinaryInput):
        decode_bytes(b"GIF89a\x01\x00\x01\x00")


def test_invalid_bom_payload_raises_decode_error() -> None:
    with pytest.raises(DecodeError):
        decode_bytes(b"\xef\xbb\xbf\xff\xfe\xfd broken")
