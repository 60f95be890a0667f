"""Write a folder of hostile inputs (and two good articles) for dragoman's ingest and pipeline.

    python tests/hostile_corpus.py OUT_DIR           # small: what the tests code (about 2 MB)
    python tests/hostile_corpus.py OUT_DIR --full    # adds a 100 MB page and a 1 GiB gzip bomb

Nothing large is committed: every file is generated. ``EXPECTED`` names the failure reason each
bad file must end in; the good files must be coded.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
import zlib
from pathlib import Path

ARTICLE = (
    "Russian Foreign Minister Sergei Lavrov met with Cuban officials in Havana on Tuesday. "
    "The two governments signed an agreement on energy cooperation, officials said.\n\n"
    "Lavrov also criticised the United States for its sanctions against Cuba."
)
GOOD = ("good-article.txt", "good-lines.jsonl", "cp1252-short.txt")

#: file name -> the failure reason it must end in (``None``: it must be coded, or yield
#: events and failures as described in the test).
EXPECTED: dict[str, str] = {
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "random-bytes.txt": "binary",
    "png-named-html.html": "binary",
    "markup-only.html": "empty",
    "bomb.html.gz": "too-large",
    "not-gzip.html.gz": "bad-gzip",
    "truncated.html.gz": "bad-gzip",
    "huge-page.html": "too-large",
    "truncated.warc.gz": "bad-warc-record",
    "garbage.warc": "bad-warc-record",
    "chinese.txt": "unsupported-language",
    "arabic-short.txt": "unsupported-language",
    "control-chars.txt": "binary",
    "entity-expansion.rss": "no-link",
    "deep-nesting.html": "no-main-text",
}


def _rss(items: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>t</title>'
        f"<link>http://example.invalid/</link>{items}</channel></rss>"
    )


def _warc_record(uri: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2014-04-30T00:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def gzip_bomb(decompressed: int) -> bytes:
    """A gzip member of ``decompressed`` zero bytes (about 1000:1)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    out = io.BytesIO()
    left = decompressed
    while left > 0:
        out.write(comp.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    out.write(comp.flush())
    return out.getvalue()


def nested_html(depth: int) -> str:
    return (
        "<html><body>" + "<div>" * depth + f"<p>{ARTICLE}</p>" + "</div>" * depth + "</body></html>"
    )


def write_corpus(out: Path, *, full: bool = False, huge_bytes: int = 12_000_000) -> Path:
    """Write the corpus into ``out`` (created); ``huge_bytes`` sizes huge-page.html."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(14)
    w = {name: b"" for name in EXPECTED}
    w["empty.txt"] = b""
    w["whitespace.txt"] = b" \n\t\r\n   \n"
    w["random-bytes.txt"] = bytes(rng.randrange(256) for _ in range(20_000))
    w["png-named-html.html"] = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(500))
    w["markup-only.html"] = b"<html><head><script>var x = 1;</script></head><body></body></html>"
    w["bomb.html.gz"] = gzip_bomb(1 << 30 if full else 64 << 20)
    w["not-gzip.html.gz"] = b"\x1f\x8b\x08\x00" + bytes(rng.randrange(256) for _ in range(300))
    body = f"<html><body><p>{ARTICLE}</p>".encode()
    packed = gzip.compress(b"".join(body + str(i).encode() for i in range(200)))
    w["truncated.html.gz"] = packed[: len(packed) // 2]
    page = f"<html><body><p>{ARTICLE}</p>".encode()
    w["huge-page.html"] = page * ((100_000_000 if full else huge_bytes) // len(page) + 1)
    record = _warc_record("http://example.invalid/a", f"<p>{ARTICLE}</p>".encode() * 20)
    whole = gzip.compress(record)
    w["truncated.warc.gz"] = whole[: len(whole) // 2]
    w["garbage.warc"] = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort"
    w["chinese.txt"] = (
        "俄罗斯外交部长拉夫罗夫周二在哈瓦那会见了古巴官员。双方签署了能源合作协议。" * 200
    ).encode()
    w["arabic-short.txt"] = "التقى وزير الخارجية الروسي بمسؤولين كوبيين في هافانا.".encode()
    w["control-chars.txt"] = ("news \x01\x02\x03\x04\x05\x06 " * 200).encode()
    laughs = (
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]>"
    )
    w["entity-expansion.rss"] = _rss("<item><title>&i;</title></item>", laughs).encode()
    del w["deep-nesting.html"]
    for name, data in w.items():
        (out / name).write_bytes(data)

    (out / "good-article.txt").write_text(ARTICLE, encoding="utf-8")
    (out / "deep-nesting.html").write_text(nested_html(20_000), encoding="utf-8")
    lines = [
        json.dumps({"id": "line-ok", "text": ARTICLE, "date": "2014-04-30"}),
        "{not json",
        json.dumps({"id": "line-ok", "text": "A repeated id is refused."}),
        '{"id": "nul", "text": "nul \u0000 bytes"}'.replace("\\u0000", "\x00"),
        json.dumps([1, 2, 3]),
        json.dumps({"id": "no-text"}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "cp1252", "text": "Russia’s minister met Cuba’s leader in Havana."}),
    ]
    (out / "good-lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "cp1252-short.txt").write_bytes(
        "Russia’s foreign minister met Cuba’s “leaders” in Havana.".encode("cp1252")
    )
    return out


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    write_corpus(Path(sys.argv[1]), full="--full" in sys.argv[2:])
