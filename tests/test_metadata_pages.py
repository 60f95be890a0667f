"""Page metadata: titles without site names, authors from every kind of byline, languages."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from dragoman.extract.metadata import clean_authors, clean_title, html_metadata


def _page(head: str = "", body: str = "", lang: str = "en") -> object:
    return lxml_html.fromstring(
        f'<html lang="{lang}"><head>{head}</head><body>{body}<p>Story text.</p></body></html>'
    )


# -- titles ------------------------------------------------------------------------------------


def test_visible_headline_wins_over_the_title_with_its_site_name() -> None:
    page = _page(
        "<title>Talks resume in Geneva | The Daily Wire</title>"
        '<meta property="og:site_name" content="The Daily Wire">',
        "<header><h1>Daily Wire</h1></header><article><h1>Talks resume in Geneva</h1></article>",
    )
    meta = html_metadata(page, "https://dailywire.example/world/1")
    assert meta.title == "Talks resume in Geneva"
    assert meta.heading == "Talks resume in Geneva"
    assert meta.sitename == "The Daily Wire"


def test_metadata_title_inside_a_longer_headline_drops_the_kicker() -> None:
    page = _page(
        '<meta property="og:title" content="Ceasefire holds in the south">',
        "<h1>Politics | Ceasefire holds in the south</h1>",
    )
    assert html_metadata(page).title == "Ceasefire holds in the south"


def test_truncated_metadata_title_gives_way_to_the_full_headline() -> None:
    page = _page(
        '<meta property="og:title" content="Students still desperate for flats in...">',
        "<h1>Students still desperate for flats in Freiburg</h1>",
    )
    assert html_metadata(page).title == "Students still desperate for flats in Freiburg"


def test_without_h1_the_cleaned_title_element_is_used() -> None:
    page = _page("<title>Rail strike called off - News Site</title>", "<p>x</p>")
    assert html_metadata(page, "https://newssite.example/a").title == "Rail strike called off"


def test_soft_hyphens_are_removed_from_titles() -> None:
    page = _page("", "<h1>Mes\u00adsen\u00adger\u00addiens\u00adte sind kein Raum</h1>")
    assert html_metadata(page).title == "Messengerdienste sind kein Raum"


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Story | The Moscow Times", "The Moscow Times", None, "Story"),
        ("Story here - BBC News", None, "https://www.bbc.co.uk/news/1", "Story here"),
        ("Reuters: Big story of the day", "Reuters", None, "Big story of the day"),
        ("A long headline about talks | Site", None, None, "A long headline about talks"),
        ("Obama - the man who won", None, None, "Obama - the man who won"),
        # a subtitle is not a site name: questions, lower-case tails, the host inside a sentence
        ("Leasing or loan – which pays more?", None, None, "Leasing or loan – which pays more?"),
        (
            "Safety check for AI in cars: BSI and ZF start a project",
            None,
            "https://www.bsi.bund.de/x",
            "Safety check for AI in cars: BSI and ZF start a project",
        ),
        (None, None, None, None),
    ],
)
def test_clean_title(
    title: str | None, site: str | None, url: str | None, expected: str | None
) -> None:
    assert clean_title(title, site, url) == expected


# -- authors -----------------------------------------------------------------------------------


def test_json_ld_author_reference_resolves_to_the_person() -> None:
    page = _page(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "author": {"@id": "#p1"}, "headline": "T"},'
        '{"@type": "Person", "@id": "#p1", "name": "Giovanni Gaggero"}]}</script>'
    )
    assert html_metadata(page).author == "Giovanni Gaggero"


def test_meta_author_with_two_names_is_joined_by_semicolons() -> None:
    page = _page('<meta name="author" content="By Jane Doe and John Smith">')
    assert html_metadata(page).author == "Jane Doe; John Smith"


def test_site_name_as_author_gives_way_to_the_visible_byline() -> None:
    page = _page(
        '<meta name="author" content="The Moscow Times">'
        '<meta property="og:site_name" content="The Moscow Times">',
        "<h1>Talks</h1><div class='meta'>Von <span>Max Muster</span> | 12.01.2022</div>",
    )
    assert html_metadata(page, "https://www.themoscowtimes.com/a").author == "Max Muster"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<a rel="author" href="/a/jd">Jane Doe</a>', "Jane Doe"),
        ('<span itemprop="author"><span itemprop="name">Ann Lee</span></span>', "Ann Lee"),
        ("<p><em>Von Cosima Künzel</em></p>", "Cosima Künzel"),
        ("<div>Posted on September 21, 2020 by Adi Tzlil</div>", "Adi Tzlil"),
        ("<p>Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022</p>", "Pamela Sladky"),
        ('<div class="author-name">Leonora Holling</div>', "Leonora Holling"),
        ("<p>Von der Regierung wurde nichts gesagt, hieß es in Berlin am Montag.</p>", None),
    ],
)
def test_bylines(body: str, expected: str | None) -> None:
    assert html_metadata(_page("", body)).author == expected


def test_initials_give_way_to_a_full_name() -> None:
    page = _page('<meta name="author" content="JF">', "<p>By Boris Kaiser</p>")
    assert html_metadata(page).author == "Boris Kaiser"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["Staff"], None),
        (["jane.doe@example.com"], None),
        (["Jane Doe, Staff Writer"], "Jane Doe"),
        (["Grant Tinsley, PhD"], "Grant Tinsley"),
        (["Foto: Ingo Schneider", "Clara Müller"], "Clara Müller"),
        (["Sara Zinnecker Stand: 05. Februar 2020"], "Sara Zinnecker"),
        (["Zeige alle Beiträge von Petra Ruland"], "Petra Ruland"),
        (["Jane Doe", "jane doe"], "Jane Doe"),
        (["Daily Wire"], None),
    ],
)
def test_clean_authors(values: list[str], expected: str | None) -> None:
    assert clean_authors(values, "The Daily Wire", "https://dailywire.example/") == expected


def test_declared_language() -> None:
    assert html_metadata(_page(lang="de-DE")).language == "de"
    assert html_metadata(_page(lang="")).language is None
