"""Publication dates: metadata strings, URLs, HTML pages and wire datelines in plain text."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html as lxml_html

from dragoman.extract.published import (
    context_date,
    dateline,
    header_date,
    html_date,
    parse_date,
    url_date,
    visible_text,
)

TODAY = dt.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-05-04T03:37:37+00:00", "2022-05-04"),
        ("2022-05-03T23:37:37-04:00", "2022-05-03"),  # the publisher's own calendar day
        ("2022-5-5 22:17:36", "2022-05-05"),
        ("20200219", "2020-02-19"),
        ("2020/02/19 10:00", "2020-02-19"),
        ("19.02.2020", "2020-02-19"),
        ("Wed, 19 Feb 2020 18:37:32 +0100", "2020-02-19"),
        ("February 19, 2020", "2020-02-19"),
        ("19. Februar 2020", "2020-02-19"),
        ("5 de mayo de 2022", "2022-05-05"),
        ("1990-01-01", None),  # before the web
        ("2030-01-01", None),  # in the future
        ("2022-02-30", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: str | None) -> None:
    assert parse_date(value, TODAY) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/world/2019/11/18/talks-resume.html", "2019-11-18"),
        ("https://example.com/news/2019-11-18-talks-resume", "2019-11-18"),
        ("https://example.com/20191118/talks", "2019-11-18"),
        ("https://example.com/2019/11/talks.html", None),  # no day
        ("https://example.com/story/4656421.html", None),
        (None, None),
    ],
)
def test_url_date(url: str | None, expected: str | None) -> None:
    assert url_date(url, TODAY) == expected


def _tree(body: str, head: str = "") -> object:
    return lxml_html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_a_json_ld_date_alone_is_left_to_htmldate() -> None:
    """Our own JSON-LD layer was dropped (it made dates worse on both benchmark folds)."""
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "dateModified": "2021-03-04T10:00:00Z",'
        ' "datePublished": "2021-03-01T08:00:00Z"}]}</script>'
        '<meta property="article:modified_time" content="2021-03-04">'
    )
    assert html_date(_tree("<p>x</p>", head), fallback=False, today=TODAY) is None
    assert html_date(_tree("<p>x</p>", head), today=TODAY) is not None


def test_meta_published_time_and_marked_time_elements() -> None:
    meta = '<meta property="article:published_time" content="2020-04-29T12:01:00+02:00">'
    assert html_date(_tree("<p>x</p>", meta), fallback=False, today=TODAY) == "2020-04-29"
    body = '<time itemprop="datePublished" datetime="2018-07-09">9 July</time>'
    assert html_date(_tree(body), fallback=False, today=TODAY) == "2018-07-09"


def test_url_date_outranks_page_metadata() -> None:
    meta = '<meta property="article:published_time" content="2019-06-17">'
    url = "https://example.com/2017/07/12/old-story/"
    assert html_date(_tree("<p>x</p>", meta), url, fallback=False, today=TODAY) == "2017-07-12"


def test_dates_in_ordinary_scripts_are_not_read() -> None:
    body = '<script>var published = "2001-01-01"; var updated = "2002-02-02";</script><p>x</p>'
    assert html_date(_tree(body), fallback=False, today=TODAY) is None


def test_visible_date_by_the_headline_settles_a_time_zone_shift() -> None:
    head = '<meta property="article:published_time" content="2022-05-04T03:37:37+00:00">'
    body = "<h1>Minister visits school</h1><p>3 May 2022, 11:37 pm</p><p>Story text.</p>"
    tree = _tree(body, head)
    shown = header_date(visible_text(tree), "Minister visits school", TODAY)
    assert shown == "2022-05-03"
    assert html_date(tree, visible=shown, fallback=False, today=TODAY) == "2022-05-03"


def test_visible_date_far_from_two_agreeing_sources_loses() -> None:
    head = '<meta property="article:published_time" content="2021-11-22">'
    url = "https://example.com/2021/11/22/story/"
    tree = _tree("<h1>T</h1><p>01.01.2023</p>", head)
    assert html_date(tree, url, visible="2023-01-01", fallback=False, today=TODAY) == "2021-11-22"


def test_header_date_prefers_the_date_right_after_the_headline() -> None:
    body = (
        "<nav>Archive 12.12.2012 | Home | World | Politics | Business</nav>"
        "<h1>Talks end</h1><p>By Jane Doe</p>"
        "<p>05.02.2020</p><p>Related: 01.01.2019</p>"
    )
    text = visible_text(_tree(body))
    assert header_date(text, "Talks end", TODAY) == "2020-02-05"
    assert header_date(text, "Another headline", TODAY) is None


def test_visible_text_skips_scripts_and_keeps_one_line_per_node() -> None:
    text = visible_text(_tree("<p>One <b>two</b></p><script>x = 1</script><style>p{}</style>"))
    assert text == "One\ntwo"


# -- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "place", "publisher"),
    [
        (
            "Title line\n\nHAVANA, April 29, 2014 (Dragoman Wire) - Russian Foreign Minister",
            "2014-04-29",
            "HAVANA",
            "Dragoman Wire",
        ),
        (
            "MAIDUGURI, Nigeria, April 16, 2014 (Dragoman Wire) - Suspected militants",
            "2014-04-16",
            "MAIDUGURI, Nigeria",
            "Dragoman Wire",
        ),
        ("April 29, 2014 - The ministers met.", "2014-04-29", None, None),
        ("PARIS, 5 mai 2020 (AFP) - Le ministre", "2020-05-05", "PARIS", "AFP"),
        ("WASHINGTON (AP) -- The Senate voted.", None, "WASHINGTON", "AP"),
    ],
)
def test_datelines(text: str, date: str | None, place: str | None, publisher: str | None) -> None:
    found = dateline(text, today=TODAY)
    assert found is not None
    assert (found.date, found.place, found.publisher) == (date, place, publisher)


def test_dateline_without_year_takes_it_from_the_text() -> None:
    found = dateline("MOSCOW, Nov 10 (Reuters) - Russia began on Tuesday, as in 2019 and 2020.")
    assert found is not None and found.date == "2020-11-10"


def test_dateline_without_year_takes_the_closest_year_to_the_context_date() -> None:
    text = "MOSCOW, Dec 31 (Reuters) - Russia said."
    assert dateline(text, "2021-01-02").date == "2020-12-31"  # type: ignore[union-attr]
    assert dateline(text, "2020-12-30").date == "2020-12-31"  # type: ignore[union-attr]
    assert dateline(text).date is None  # type: ignore[union-attr]  # no year anywhere


@pytest.mark.parametrize(
    "text",
    [
        "The president said, May 5 - no deal.",
        "Officials met on Monday in Geneva.",
        "By 2030 - the report says - emissions must halve.",
    ],
)
def test_ordinary_sentences_are_not_datelines(text: str) -> None:
    assert dateline(text) is None


def test_context_date_from_url_or_file_name() -> None:
    assert context_date(None, "samples/2020-11-10-nagorno-karabakh.txt") == "2020-11-10"
    assert context_date("https://x.example/2019/11/18/a", None) == "2019-11-18"
    assert context_date("notes.txt") is None
