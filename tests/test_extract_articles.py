"""Documents -> Articles: HTML and text extraction, titles, metadata, failures, truncation."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from dragoman.errors import ExtractionError
from dragoman.extract import extract, extract_html, extract_one, normalize_text, truncate
from dragoman.extract.metadata import clean_title
from dragoman.records import Article, Document, Failure
from dragoman.settings import Settings

SETTINGS = Settings()

PARAS = [
    "Russian Foreign Minister Sergei Lavrov met with Cuban authorities this week on the first "
    "leg of his tour of Latin America, reiterating Russia's support for the country.",
    "The tour comes amid escalating tensions between Russia and the West and is aimed at "
    "courting countries with anti-Western sentiment, according to political analysts.",
    "During his two-day visit to Cuba, Lavrov met with his counterpart Bruno Rodriguez Parilla "
    "and President Raul Castro. He also held informal talks with Fidel Castro.",
]

HTML = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Russia and Cuba in Friendly Talks | The Moscow Times</title>
<meta property="og:site_name" content="The Moscow Times">
<meta property="article:published_time" content="2014-04-30T10:00:00Z">
<meta name="author" content="Ivan Petrov">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Russia and Cuba in Friendly Talks</h1>
{"".join(f"<p>{p}</p>" for p in PARAS)}
<p>Read more: Russian Spy Ship Makes Surprise Visit to Havana</p>
<p>We have a small favour to ask. Please support us monthly starting from just $2. Thank you.</p>
</article>
<footer>© 2014 The Moscow Times. All rights reserved.</footer>
</body></html>"""


def _doc(data: bytes | str, media: str = "text", **kw: object) -> Document:
    raw = data.encode() if isinstance(data, str) else data
    return Document(doc_id="d1", source="src", data=raw, media_type=media, **kw)  # type: ignore[arg-type]


def test_html_article_has_clean_text_and_metadata() -> None:
    article = extract_one(_doc(HTML, "html", url="https://www.themoscowtimes.com/a"), SETTINGS)
    # the page's headline is the title; the text starts with the story
    assert article.text == "\n\n".join(PARAS)
    assert article.title == "Russia and Cuba in Friendly Talks"
    assert article.date == "2014-04-30"
    assert article.publisher == "The Moscow Times"
    assert article.author == "Ivan Petrov"
    assert article.language == "en"
    assert article.url == "https://www.themoscowtimes.com/a"


def test_extract_html_convenience_accepts_bytes_and_str() -> None:
    from_str = extract_html(HTML)
    from_bytes = extract_html(HTML.encode("utf-8"), url="https://example.com/x")
    assert from_str.text == from_bytes.text
    assert from_str.text.endswith("\n\n".join(PARAS))


def test_text_document_first_line_is_title_and_stays_in_text() -> None:
    text = "Lavrov Visits Havana\n\n" + "\n\n".join(PARAS)
    article = extract_one(_doc(text, date="2014-04-30"), SETTINGS)
    assert article.title == "Lavrov Visits Havana"
    assert article.text.startswith("Lavrov Visits Havana\n\n")
    assert article.date == "2014-04-30"
    assert article.language == "en"


def test_text_dateline_gives_date_and_publisher_when_the_document_has_none() -> None:
    text = (
        "Russia and Cuba Pledge Closer Ties\n\n"
        "HAVANA, April 29, 2014 (Dragoman Wire) - Russian Foreign Minister Sergei Lavrov met "
        "his Cuban counterpart in Havana on Tuesday.\n\n" + PARAS[1]
    )
    article = extract_one(_doc(text), SETTINGS)
    assert (article.date, article.publisher) == ("2014-04-29", "Dragoman Wire")
    assert article.title == "Russia and Cuba Pledge Closer Ties"
    assert article.text.startswith("Russia and Cuba Pledge Closer Ties\n\nHAVANA, April 29")
    given = extract_one(_doc(text, date="2014-04-30"), SETTINGS)
    assert (given.date, given.publisher) == ("2014-04-30", "Dragoman Wire")


def test_dateline_without_year_takes_it_from_the_file_name() -> None:
    text = "MOSCOW, Nov 10 (Reuters) - Russia began deploying peacekeepers on Tuesday."
    doc = Document(
        doc_id="d", source="news/2020-11-10-karabakh.txt", data=text.encode(), media_type="text"
    )
    assert extract_one(doc, SETTINGS).date == "2020-11-10"


def test_html_without_date_metadata_falls_back_to_the_dateline() -> None:
    html = (
        "<html><body><article><h1>Peacekeepers deployed</h1>"
        "<p>MOSCOW, Nov 10, 2020 (Reuters) - Russia began deploying about 2,000 peacekeepers "
        "to Nagorno-Karabakh on Tuesday after the two sides signed a ceasefire deal.</p>"
        f"<p>{PARAS[1]}</p></article></body></html>"
    )
    article = extract_one(_doc(html, "html"), SETTINGS)
    assert article.date == "2020-11-10"
    assert article.title == "Peacekeepers deployed"
    assert not article.text.startswith("Peacekeepers deployed")


def test_text_first_line_ending_with_period_is_not_a_title() -> None:
    article = extract_one(_doc("\n\n".join(PARAS)), SETTINGS)
    assert article.title is None


def test_jsonl_title_wins_over_first_line() -> None:
    article = extract_one(_doc("Short line\n\nMore text here.", title="Given"), SETTINGS)
    assert article.title == "Given"


def test_normalisation_of_spaces_and_newlines() -> None:
    raw = "A\u00a0b  c\r\nd\u200be\n\n\n\nNext\t para "
    assert normalize_text(raw) == "A b c\nde\n\nNext para"


def test_html_without_main_text_is_a_failure() -> None:
    html = "<html><body><nav><a href='/'>Home</a></nav><script>x=1</script></body></html>"
    out = extract([_doc(html, "html")], SETTINGS)
    assert len(out) == 1 and isinstance(out[0], Failure)
    assert (out[0].stage, out[0].reason) == ("extract", "no-main-text")


def test_text_that_is_only_boilerplate_is_a_failure() -> None:
    with pytest.raises(ExtractionError):
        extract_one(
            _doc("Advertisement\n\nShare this article\n\nSubscribe to our newsletter"), SETTINGS
        )


def test_extract_batch_keeps_order_and_carries_on() -> None:
    good = _doc("Title Line\n\n" + PARAS[0])
    bad = Document(doc_id="d2", source="s2", data=b"   ", media_type="text")
    out = extract([good, bad, good], SETTINGS)
    assert [type(x) for x in out] == [Article, Failure, Article]
    assert isinstance(out[1], Failure) and out[1].reason == "empty"


def test_long_text_is_truncated_at_paragraph_boundary(caplog: pytest.LogCaptureFixture) -> None:
    text = "\n\n".join(PARAS * 10)
    with caplog.at_level(logging.WARNING):
        article = extract_one(_doc(text), Settings(max_text_chars=500))
    assert len(article.text) <= 500
    assert text.startswith(article.text)
    assert (
        article.text.endswith(PARAS[0][-20:])
        or article.text.endswith(PARAS[1][-20:])
        or (article.text.endswith(PARAS[2][-20:]))
    )
    assert any("truncated" in r.message for r in caplog.records)


def test_truncate_falls_back_to_word_boundary() -> None:
    assert truncate("aaa bbb ccc", 6) == "aaa"


def test_latin1_html_with_meta_charset_extracts_accents() -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><article>'
        "<p>El se\xf1or M\xfcller visit\xf3 el caf\xe9 en la plaza mayor de la ciudad el martes "
        "por la tarde con varios ministros del gobierno.</p></article></body></html>"
    ).encode("latin-1")
    from dragoman.ingest.files import make_document

    doc = make_document(html, "x.html", "html")
    assert isinstance(doc, Document)
    article = extract_one(doc, SETTINGS)
    assert "señor Müller visitó el café" in article.text


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Story | The Moscow Times", "The Moscow Times", None, "Story"),
        ("Story here - BBC News", None, "https://www.bbc.co.uk/news/1", "Story here"),
        ("Reuters: Big story of the day", "Reuters", None, "Big story of the day"),
        ("A long headline about talks | Site", None, None, "A long headline about talks"),
        ("Obama - the man who won", None, None, "Obama - the man who won"),
        (None, None, None, None),
    ],
)
def test_clean_title_removes_site_name(
    title: str | None, site: str | None, url: str | None, expected: str | None
) -> None:
    assert clean_title(title, site, url) == expected


@pytest.mark.shared
def test_moscow_times_example_keeps_news_and_drops_boilerplate(shared_dir: Path) -> None:
    path = shared_dir / "examples" / "moscow-times-russia-cuba-2014.txt"
    if not path.is_file():
        pytest.skip("example article absent")
    raw = path.read_bytes()
    doc = Document(doc_id="mt", source=str(path), data=raw, media_type="text", date="2014-04-30")
    article = extract_one(doc, SETTINGS)
    source = normalize_text(raw.decode("utf-8"))
    paragraphs = source.split("\n\n")
    title = "Russia and Cuba in 'Friendly' Talks Amid Tension With West"
    news_start = next(
        i for i, p in enumerate(paragraphs) if p.startswith("Russian Foreign Minister")
    )
    news_end = next(i for i, p in enumerate(paragraphs) if p.startswith("On Tuesday, Lavrov left"))
    news = paragraphs[news_start : news_end + 1]
    assert len(news) == 8
    assert article.text == "\n\n".join([title, *news])
    assert article.title == title
    assert article.publisher == "The Moscow Times"
    assert article.date == "2014-04-30"
    assert article.language == "en"
    for gone in (
        "Support The Moscow Times!",
        "See also:",
        "Russian Spy Ship Makes Surprise Visit",
        "small favor to ask",
        "refuse to be silenced",
        "starting from just $2",
        "paiment methods",
        "Not ready to support today?",
        "Remind me later.",
        "Read more",
        "shakes hands",
    ):
        assert gone not in article.text, gone
