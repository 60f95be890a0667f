"""Canonical URLs and near-duplicate detection of syndicated wire stories."""

from __future__ import annotations

import pytest

from dragoman.dedup import NearDuplicateIndex, StoryCopy, dedup_articles
from dragoman.ingest.urls import canonical_url, url_doc_id
from dragoman.records import Article

WIRE = (
    "GENEVA (Wire) - Delegations from Armenia and Azerbaijan met in Geneva on Monday for a "
    "second round of talks on a border settlement, officials from both sides said. The talks, "
    "mediated by Swiss diplomats and observers from the European Union, lasted more than six "
    "hours. Armenian Foreign Minister Ararat Mirzoyan told reporters that progress had been made "
    "on the delimitation of several villages, while his Azerbaijani counterpart said that "
    "differences remained over transport links through the region. Both ministers agreed to "
    "meet again next month in Brussels and to exchange lists of detainees before the end of the "
    "year. Earlier this year clashes along the frontier killed at least 12 soldiers, and both "
    "governments have accused each other of violating a ceasefire brokered in 2020. Analysts "
    "said the Geneva meeting was the most substantive contact between the two governments "
    "since the ceasefire and that a framework agreement could be signed before the summer."
)

OTHER = (
    "NAIROBI (Wire) - Kenyan police fired tear gas at protesters in central Nairobi on Tuesday "
    "as thousands marched against a proposed finance bill that would raise taxes on bread, fuel "
    "and mobile money transfers. Opposition leaders called for a national strike next week, "
    "while the interior minister warned that the government would not tolerate violence and "
    "said that 40 people had been arrested. Hospitals reported that at least 15 people had been "
    "injured in the clashes, including two police officers. The International Monetary Fund "
    "has urged Kenya to raise revenue to reduce its debt, which stands at about 70 percent of "
    "GDP, and the treasury says the new taxes are needed to pay for schools and hospitals."
)


def syndicated(site: str, header: str, footer: str) -> Article:
    return Article(
        doc_id=url_doc_id(f"https://{site}/world/geneva-talks"),
        source=f"https://{site}/world/geneva-talks",
        text=f"{header}\n{WIRE}\n{footer}",
        url=f"https://{site}/world/geneva-talks",
        publisher=site,
    )


SITES = [
    syndicated(
        "daily-herald.example",
        "Daily Herald | World News | Subscribe today",
        "Copyright 2024 Wire. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed.",
    ),
    syndicated(
        "capital-times.example",
        "Posted 9:41 AM. Updated 11:02 AM. By Wire staff",
        "Follow Capital Times on social media for more world news. Sign up for our newsletter.",
    ),
    syndicated(
        "news24.example",
        "BREAKING",
        "(Reporting by A. Reporter; editing by B. Editor) Related: Ceasefire holds in the south.",
    ),
]


def test_wire_story_on_three_sites_is_kept_once_with_the_others_merged() -> None:
    unrelated = Article(doc_id="kenya", source="k", text=OTHER, publisher="kenya.example")
    result = dedup_articles([SITES[0], unrelated, SITES[1], SITES[2]])
    assert [a.doc_id for a in result.kept] == [SITES[0].doc_id, "kenya"]
    copies = result.copies[SITES[0].doc_id]
    assert [c.publisher for c in copies] == ["capital-times.example", "news24.example"]
    assert [c.url for c in copies] == [SITES[1].url, SITES[2].url]
    assert copies[0] == StoryCopy(
        SITES[1].doc_id, SITES[1].url, SITES[1].publisher, SITES[1].source
    )
    assert "kenya" not in result.copies
    assert result.dropped == 2


def test_index_carries_stories_across_batches() -> None:
    index = NearDuplicateIndex()
    first = dedup_articles([SITES[0]], index)
    second = dedup_articles([SITES[1], Article(doc_id="kenya", source="k", text=OTHER)], index)
    assert [a.doc_id for a in first.kept] == [SITES[0].doc_id]
    assert [a.doc_id for a in second.kept] == ["kenya"]
    assert [c.doc_id for c in second.copies[SITES[0].doc_id]] == [SITES[1].doc_id]


def test_without_an_index_each_batch_stands_alone() -> None:
    assert dedup_articles([SITES[0]]).kept == (SITES[0],)
    assert dedup_articles([SITES[1]]).kept == (SITES[1],)


def test_same_page_in_a_later_batch_is_a_copy_of_itself() -> None:
    index = NearDuplicateIndex()
    dedup_articles([SITES[0]], index)
    again = dedup_articles([SITES[0]], index)
    assert again.kept == ()
    assert [c.doc_id for c in again.copies[SITES[0].doc_id]] == [SITES[0].doc_id]


def test_index_with_a_size_cap_forgets_the_oldest_story() -> None:
    index = NearDuplicateIndex(max_documents=1)
    assert index.add("wire", WIRE) is None
    assert index.add("kenya", OTHER) is None
    assert len(index) == 1 and "wire" not in index
    assert index.add("wire-copy", SITES[1].text) is None  # forgotten: a new original


def test_index_names_the_original_of_a_near_duplicate() -> None:
    index = NearDuplicateIndex()
    assert index.add("a", SITES[0].text) is None
    assert index.add("b", SITES[1].text) == "a"
    assert index.add("c", OTHER) is None
    assert index.find(SITES[2].text) == "a"
    assert len(index) == 2


def test_rewritten_story_sharing_some_sentences_is_not_a_duplicate() -> None:
    sentences = WIRE.split(". ")
    rewrite = ". ".join(sentences[:3]) + ". " + OTHER
    index = NearDuplicateIndex()
    index.add("wire", WIRE)
    assert index.add("rewrite", rewrite) is None


def test_exact_repeat_with_different_case_and_spacing_is_a_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("a", WIRE)
    assert index.add("b", "  " + WIRE.upper().replace(" ", "   ")) == "a"


def test_short_texts_are_never_duplicates() -> None:
    index = NearDuplicateIndex()
    assert index.add("a", "Talks resume.") is None
    assert index.add("b", "Talks resume.") is None


def test_same_doc_id_twice_is_merged() -> None:
    result = dedup_articles([SITES[0], SITES[0]])
    assert result.kept == (SITES[0],)
    assert result.copies == {SITES[0].doc_id: (StoryCopy.of(SITES[0]),)}


def test_short_text_repeated_under_one_id_is_merged_but_distinct_ids_kept() -> None:
    short = Article(doc_id="s1", source="a", text="Talks resume.")
    other = Article(doc_id="s2", source="b", text="Talks resume.")
    result = dedup_articles([short, other, short])
    assert [a.doc_id for a in result.kept] == ["s1", "s2"]
    assert list(result.copies) == ["s1"]


def test_rotations_of_one_text_are_copies_of_the_first() -> None:
    words = OTHER.split()
    texts = [" ".join(words[i:] + words[:i]) + f" item {i}" for i in range(0, 30, 3)]
    index = NearDuplicateIndex()
    answers = [index.add(str(n), text) for n, text in enumerate(texts)]
    assert answers[0] is None
    assert set(answers[1:]) == {"0"}
    assert len(index) == 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/a?utm_source=x&b=2&a=1#top", "http://example.com/a?a=1&b=2"),
        ("https://news.example", "https://news.example/"),
        ("https://news.example/p?fbclid=abc&utm_medium=rss&id=7", "https://news.example/p?id=7"),
        ("https://NEWS.example:443/x/../y", "https://news.example/y"),
        ("  https://news.example/z  ", "https://news.example/z"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_doc_id_is_sixteen_hex_of_the_canonical_url() -> None:
    a = url_doc_id("https://news.example/story?utm_campaign=x#comments")
    assert a == url_doc_id("HTTPS://NEWS.EXAMPLE/story")
    assert len(a) == 16 and int(a, 16) >= 0
